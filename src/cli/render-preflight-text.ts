import type { Colors } from "picocolors/types.js";
import type { PreflightGate } from "../readiness/core/judge-preflight.js";
import type { PreflightRun } from "../readiness/run-preflight.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

/** Lines of a command's output shown under a blocking gate. */
const SHOWN_DETAILS = 8;

/** Preflight as a person reads it before a push: what blocks, what warns, what was not checked, how long it took. */
export function renderPreflightText(result: PreflightRun, elapsedMs: number, c: Colors): string {
  const { verdict, run } = result;
  const out: string[] = [
    `${c.bold(`Preflight of ${escapeTerminal(run.checklist.label)}`)} ${c.dim("· local evidence only")}`,
  ];
  for (const gate of verdict.blocking) out.push(...renderGate(gate, c.red("✖"), c, true));
  for (const gate of verdict.notes) out.push(...renderGate(gate, c.yellow("⚠"), c, false));
  if (verdict.passing.length > 0) {
    out.push(
      `${c.green("✔")} ${verdict.passing.length} ${verdict.passing.length === 1 ? "gate passes" : "gates pass"} on local evidence: ${verdict.passing.map((g) => escapeTerminal(g.name)).join(", ")}`,
    );
  }
  if (verdict.unchecked.length > 0) {
    out.push(
      `${c.dim("–")} not checked (needs the network; CI checks it): ${verdict.unchecked
        .map((g) => `${escapeTerminal(g.name)} (${g.kinds.join(", ")})`)
        .join(", ")}`,
    );
  }
  if (verdict.unbound > 0) {
    out.push(
      c.dim(
        `– ${verdict.unbound} ${verdict.unbound === 1 ? "gate has" : "gates have"} no evidence in shipready.yml; preflight does not judge written statuses`,
      ),
    );
  }
  const took = `${(elapsedMs / 1000).toFixed(1)} s`;
  out.push(
    "",
    verdict.ok
      ? `${c.green(c.bold("Nothing local blocks the release"))} (${took}).`
      : `${c.red(c.bold(`${verdict.blocking.length} ${verdict.blocking.length === 1 ? "gate blocks" : "gates block"} the release`))} (${took}). To push anyway, once: git push --no-verify`,
  );
  return `${out.join("\n")}\n`;
}

function renderGate(gate: PreflightGate, mark: string, c: Colors, withDetails: boolean): string[] {
  const where = c.dim(
    `(${escapeTerminal(gate.category)}, line ${gate.line}${gate.required ? ", required" : ""})`,
  );
  const lines = [
    `${mark} ${escapeTerminal(gate.name)} ${where}: ${gate.outcome} · ${gate.kind} ${escapeTerminal(gate.source)}`,
  ];
  if (gate.message) lines.push(`    ${escapeTerminal(gate.message)}`);
  if (withDetails && gate.details) {
    for (const line of gate.details.slice(-SHOWN_DETAILS)) lines.push(c.dim(`    │ ${escapeTerminal(line)}`));
  }
  return lines;
}
