import type { AssessedGate, CategoryScore, PathGate, PathToReady, ScoringRules } from "../types.js";
import {
  blocks,
  categoryExact,
  isOpen,
  roundScore,
  sumWeighted,
  totalOf,
  type WeightedSums,
} from "./weigh-categories.js";

/** How a gate counts in its category now, which decides what its passing changes. */
type Kind = "zero" | "warn" | "excluded";

interface Tally {
  weight: number;
  passed: number;
  warn: number;
  /** Gates that apply (the category's denominator). */
  total: number;
  /** The category's exact score from the three counts above. */
  exact: number | null;
}

/**
 * The fewest gates whose passing makes the release ready (DESIGN.md section 3: the total reaches the
 * threshold, at the one decimal scores are compared at, and no required gate blocks); null when it is
 * ready already. Required gates that block come first, whatever their points; waived, n/a and passing
 * gates are not candidates. Every gain is computed exactly; only what is shown is rounded.
 *
 * Why largest gains first gives the fewest gates: the total is Σ wᶜ·scoreᶜ / W, and a gate's passing
 * raises its category's score by (1 − what it counts now: 0, or ½ for warn) / (gates that apply), so
 * it adds 100·wᶜ·(1 − v) / (nᶜ·W) points. Passing changes neither nᶜ nor W, so each gate's gain is the
 * same whichever others pass: the total after passing k gates is the current total plus the sum of
 * their gains, which is largest for the k largest gains. If those k cannot reach the threshold, no
 * k gates can; so the first k at which they do is the minimum.
 *
 * With `inconclusive: exclude` an inconclusive gate is outside its category's count, and its passing
 * adds it there (and a category with no gate left that applies joins W): gains then depend on what
 * else passes. The plan takes the largest gain as it stands after each pick, which still ends ready;
 * it may then be a gate longer than the fewest possible.
 */
export function planPathToReady(
  categories: readonly CategoryScore[],
  rules: Pick<ScoringRules, "threshold" | "inconclusive">,
): PathToReady | null {
  const tallies: Tally[] = categories.map((c) => ({
    weight: c.weight,
    passed: c.passed,
    warn: c.counts.warn,
    total: c.total,
    exact: c.exact,
  }));
  const reaches = (total: number): boolean => roundScore(total) >= rules.threshold;

  const kindOf = (gate: AssessedGate): Kind =>
    gate.outcome === "warn"
      ? "warn"
      : gate.outcome === "inconclusive" && rules.inconclusive === "exclude"
        ? "excluded"
        : "zero";
  const required: { c: number; gate: AssessedGate }[] = [];
  // Per category, the gates that may pass by kind, in document order: within a kind they gain alike.
  const queues = categories.map(() => ({ zero: [], warn: [], excluded: [] }) as Record<Kind, AssessedGate[]>);
  categories.forEach((category, c) => {
    for (const gate of category.gates) {
      if (blocks(gate)) required.push({ c, gate });
      else if (isOpen(gate.outcome)) queues[c]![kindOf(gate)].push(gate);
    }
  });

  let sums = sumWeighted(tallies);
  const start = totalOf(sums);
  if (reaches(start) && required.length === 0) return null;

  const pass = (c: number, kind: Kind): void => {
    const t = tallies[c]!;
    t.passed++;
    if (kind === "warn") t.warn--;
    if (kind === "excluded") t.total++;
    t.exact = categoryExact(t.passed, t.warn, t.total);
  };
  const path: PathGate[] = [];
  let total = start;
  const take = (c: number, gate: AssessedGate): void => {
    pass(c, kindOf(gate));
    sums = sumWeighted(tallies);
    const after = totalOf(sums);
    path.push({
      name: gate.name,
      category: gate.category,
      line: gate.line,
      ...(gate.owner !== undefined ? { owner: gate.owner } : {}),
      required: gate.required,
      adds: after - total,
    });
    total = after;
  };

  // Blockers must pass anyway; the largest first, so that their points read in the same order as the rest.
  const before = sums;
  required
    .map((entry) => ({ ...entry, gain: gain(before, tallies[entry.c]!, kindOf(entry.gate)) }))
    .sort((a, b) => b.gain - a.gain)
    .forEach(({ c, gate }) => take(c, gate));

  while (!reaches(total)) {
    let best: { c: number; kind: Kind; gain: number } | null = null;
    for (const [c, queue] of queues.entries()) {
      for (const kind of KINDS) {
        if (queue[kind].length === 0) continue;
        const g = gain(sums, tallies[c]!, kind);
        if (best === null || g > best.gain) best = { c, kind, gain: g };
      }
    }
    if (best === null) break;
    take(best.c, queues[best.c]![best.kind].shift()!);
  }

  return { missing: reaches(start) ? 0 : rules.threshold - start, gates: path, reachable: reaches(total) };
}

const KINDS: readonly Kind[] = ["zero", "warn", "excluded"];

/**
 * What passing one gate of `kind` in category `t` adds to the total: only that category's term of
 * Σ weight × score changes, and W when the category had no gate that applied.
 */
function gain(sums: WeightedSums, t: Tally, kind: Kind): number {
  const before = t.exact;
  const after = categoryExact(
    t.passed + 1,
    kind === "warn" ? t.warn - 1 : t.warn,
    t.total + (kind === "excluded" ? 1 : 0),
  )!;
  const weighted = sums.weighted - (before === null ? 0 : t.weight * before) + t.weight * after;
  const weights = sums.weights + (before === null ? t.weight : 0);
  return weighted / weights - totalOf(sums);
}
