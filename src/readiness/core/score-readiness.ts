import type { AssessedGate, Band, Blocker, CategoryScore, Readiness, ScoringRules } from "../types.js";
import type { Outcome } from "../../types.js";
import { OUTCOMES } from "../../types.js";
import { planPathToReady } from "./plan-path-to-ready.js";
import { blocks, categoryExact, roundScore, sumWeighted, totalOf } from "./weigh-categories.js";

const BLOCKING_REASON: Record<Outcome, string> = {
  pass: "",
  waived: "",
  "n/a": "",
  fail: "failing",
  pending: "not done yet",
  warn: "passing with warnings",
  inconclusive: "no evidence could be read",
};

/**
 * Scores assessed gates (DESIGN.md section 3): a category scores (pass + waived + ½ warn) over the
 * gates that apply; the total weighs categories that have gates; a required gate that is not pass
 * or waived vetoes the release whatever the total. When not ready, it plans the fewest gates to pass.
 */
export function scoreReadiness(gates: readonly AssessedGate[], rules: ScoringRules): Readiness {
  const categories: CategoryScore[] = rules.categories.map((spec) => {
    const mine = gates.filter((g) => g.category === spec.name);
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const gate of mine) counts[gate.outcome]++;
    const excluded = counts["n/a"] + (rules.inconclusive === "exclude" ? counts.inconclusive : 0);
    const total = mine.length - excluded;
    const passed = counts.pass + counts.waived;
    const exact = categoryExact(passed, counts.warn, total);
    return {
      name: spec.name,
      weight: spec.weight,
      required: spec.required,
      passed,
      total,
      score: exact === null ? null : roundScore(exact),
      exact,
      counts,
      gates: mine,
    };
  });

  let covered = 0;
  let coverageWeights = 0;
  for (const c of categories) {
    const applicable = c.gates.length - c.counts["n/a"];
    if (applicable > 0) {
      covered += c.weight * ((applicable - c.counts.inconclusive) / applicable);
      coverageWeights += c.weight;
    }
  }
  const score = roundScore(totalOf(sumWeighted(categories)));
  const coverage = coverageWeights === 0 ? 0 : roundScore((covered / coverageWeights) * 100);

  const blockers: Blocker[] = gates.filter(blocks).map((g) => ({
    gate: g.name,
    category: g.category,
    line: g.line,
    outcome: g.outcome,
    reason:
      g.provenance.kind !== "checklist" && g.provenance.message
        ? `${BLOCKING_REASON[g.outcome]} (${g.provenance.kind}: ${g.provenance.message}); a required gate must pass or be waived`
        : `${BLOCKING_REASON[g.outcome]}; a required gate must pass or be waived`,
  }));

  const ready = score >= rules.threshold && blockers.length === 0;
  return {
    score,
    band: bandFor(score, rules.bands),
    ready,
    threshold: rules.threshold,
    coverage,
    categories,
    blockers,
    toReady: ready ? null : planPathToReady(categories, rules),
  };
}

/** The highest band whose minimum the score reaches; the lowest band when none does. */
export function bandFor(score: number, bands: readonly Band[]): Band {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => score >= b.min) ?? sorted[sorted.length - 1]!;
}
