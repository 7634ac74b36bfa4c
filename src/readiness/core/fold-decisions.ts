import type { Finding } from "../../types.js";
import type { ChecklistGate } from "../types.js";
import { nameKey } from "./normalize-text.js";

// The first words of an alternative, up to a separator ("GO — all green", "NO-GO (blockers)", "Approve?").
const ALTERNATIVE =
  /^\s*(no[\s-]?go|go|approve(?:d)?|reject(?:ed)?|ship(?: it)?|hold|pass|fail|yes|no)\s*(?:$|[—–:(?!.]|\s-\s)/i;
const POSITIVE = new Set(["go", "approve", "approved", "ship", "ship it", "pass", "yes"]);

/** The side of a decision an item's name takes, or null when it is not an alternative. */
function sideOf(name: string): "positive" | "negative" | null {
  const match = ALTERNATIVE.exec(name);
  if (!match) return null;
  const word = nameKey(match[1]!);
  return POSITIVE.has(word) ? "positive" : "negative";
}

/**
 * Folds the alternatives of one decision (task items of one list: GO / NO-GO, Approve / Reject,
 * Ship / Hold, Pass / Fail, Yes / No) into one gate named by its heading: the positive ticked passes,
 * the negative ticked fails, neither is pending, both is an error on that line.
 * `listOf` gives each gate's list (task items of one list share it); other gates pass through.
 */
export function foldDecisions(
  gates: ChecklistGate[],
  listOf: ReadonlyMap<ChecklistGate, number>,
  errors: Finding[],
): ChecklistGate[] {
  const byList = new Map<number, ChecklistGate[]>();
  for (const gate of gates) {
    const list = listOf.get(gate);
    if (list === undefined || gate.form !== "task-item" || sideOf(gate.name) === null) continue;
    byList.set(list, [...(byList.get(list) ?? []), gate]);
  }
  const folded = new Map<ChecklistGate, ChecklistGate | null>();
  for (const alternatives of byList.values()) {
    const sides = new Set(alternatives.map((g) => sideOf(g.name)));
    if (alternatives.length < 2 || sides.size < 2) continue;
    const decision = decide(alternatives, errors);
    alternatives.forEach((g, i) => folded.set(g, i === 0 ? decision : null));
  }
  if (folded.size === 0) return gates;
  return gates.flatMap((g) => {
    const replacement = folded.get(g);
    return replacement === undefined ? [g] : replacement === null ? [] : [replacement];
  });
}

function decide(alternatives: ChecklistGate[], errors: Finding[]): ChecklistGate {
  const first = alternatives[0]!;
  const ticked = alternatives.filter((g) => g.writtenOutcome === "pass");
  const sides = new Set(ticked.map((g) => sideOf(g.name)));
  const name = first.heading || "Go/No-Go decision";
  if (sides.size > 1) {
    errors.push({
      code: "decision-both",
      message: `the decision "${name}" has both ${ticked.map((g) => `"${g.name}" (line ${g.line})`).join(" and ")} ticked; untick the one that does not hold`,
      line: first.line,
    });
  }
  // Both ticked says nothing: the error stops the run, and the gate reads as unreadable meanwhile.
  const outcome =
    sides.size > 1 ? null : sides.size === 0 ? "pending" : sides.has("negative") ? "fail" : "pass";
  const chosen = ticked[0];
  // A decision has no one cell to rewrite: evidence bound to it scores it but ticks no box.
  const { statusCell: _box, ...rest } = first;
  return {
    ...rest,
    name,
    form: "decision",
    statusText: chosen ? chosen.name : "none ticked",
    writtenOutcome: outcome,
    alternatives: alternatives.length,
  };
}
