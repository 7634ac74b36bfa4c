import type { AssessedGate } from "../types.js";
import type { Outcome } from "../../types.js";

/** Rounds to one decimal, the precision every score is shown and compared at. */
export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A category's exact score, 0-100: (pass + waived + ½ warn) over the gates that apply; null when none applies. */
export function categoryExact(passed: number, warn: number, total: number): number | null {
  return total === 0 ? null : ((passed + 0.5 * warn) / total) * 100;
}

/** Σ weight × score and Σ weights over the categories that have a score (gates that apply). */
export interface WeightedSums {
  weighted: number;
  weights: number;
}

export function sumWeighted(categories: readonly { weight: number; exact: number | null }[]): WeightedSums {
  let weighted = 0;
  let weights = 0;
  for (const c of categories) {
    if (c.exact === null) continue;
    weighted += c.weight * c.exact;
    weights += c.weight;
  }
  return { weighted, weights };
}

/** The total: Σ weight × score / Σ weights of the categories that have a score; 0 when none has. */
export function totalOf({ weighted, weights }: WeightedSums): number {
  return weights === 0 ? 0 : weighted / weights;
}

/** Outcomes that could still turn into a pass: what a required gate blocks with. */
const OPEN: ReadonlySet<Outcome> = new Set(["fail", "pending", "warn", "inconclusive"]);

/** Whether the gate's outcome could still become a pass (it is not pass, waived or n/a). */
export function isOpen(outcome: Outcome): boolean {
  return OPEN.has(outcome);
}

/** A required gate that is not pass, waived or n/a vetoes the release whatever the total. */
export function blocks(gate: Pick<AssessedGate, "required" | "outcome">): boolean {
  return gate.required && isOpen(gate.outcome);
}
