import { sourceOf, type EvidenceProgress } from "../evidence/collect-evidence.js";
import type { ReadinessRun } from "../readiness/types.js";
import type { ProgressMessage } from "./start-dashboard-server.js";

/**
 * Names a piece of evidence by the gates bound to it, as the last result knew them, so the page says
 * "Unit tests" rather than a command line; evidence no gate showed yet is named by kind and source.
 */
export function describeProgress(event: EvidenceProgress, last: ReadinessRun | undefined): ProgressMessage {
  const kind = event.spec.kind;
  const source = sourceOf(event.spec);
  const gates = new Set<string>();
  for (const category of last?.readiness.categories ?? []) {
    for (const gate of category.gates) {
      if (gate.evidence?.some((e) => e.provenance.kind === kind && e.provenance.source === source)) {
        gates.add(gate.name);
      }
    }
  }
  const label = gates.size > 0 ? [...gates].join(", ") : `${kind}: ${source}`;
  return event.type === "start"
    ? { key: event.key, label, state: "start" }
    : { key: event.key, label, state: "end", outcome: event.result.outcome };
}
