import type { Outcome } from "../../types.js";
import type { ParsedChecklist, Readiness } from "../types.js";

/** A gate whose status the evidence changed: what the checklist said before the run, and now. */
export interface ChangedGate {
  gate: string;
  category: string;
  line: number;
  /** The written status before the run; null when it could not be read. */
  before: Outcome | null;
  after: Outcome;
}

/**
 * The evidence-bound gates whose outcome differs from the status written in the checklist the run
 * read: what an update rewrote, or what a check found out of date. A waiver is not a change of status,
 * so a waived gate is compared by the outcome under its waiver.
 */
export function findChangedGates(before: ParsedChecklist, readiness: Readiness): ChangedGate[] {
  const writtenAt = new Map(before.gates.map((g) => [g.line, g.writtenOutcome]));
  const changed: ChangedGate[] = [];
  for (const category of readiness.categories) {
    for (const gate of category.gates) {
      if (gate.evidence === undefined || !writtenAt.has(gate.line)) continue;
      const after = gate.underlyingOutcome ?? gate.outcome;
      const was = writtenAt.get(gate.line) ?? null;
      if (was !== after) {
        changed.push({ gate: gate.name, category: gate.category, line: gate.line, before: was, after });
      }
    }
  }
  return changed.sort((a, b) => a.line - b.line);
}
