/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, computed as R's wilcox.test and SciPy's
 * mannwhitneyu compute it (Kayenta's judge runs R's test, reimplemented):
 *
 * - U of the first sample = its rank sum - n1(n1+1)/2, ties given their average rank.
 * - Exact p-value from the distribution of U when both samples are smaller than 50 and nothing is
 *   tied (as R does): p = 2 P(U >= max(U1, U2)), at most 1.
 * - Otherwise the normal approximation with the tie correction of the variance and a continuity
 *   correction of 0.5: z = (max(U1, U2) - n1n2/2 - 0.5) / sigma,
 *   sigma^2 = n1n2/12 ((n+1) - sum(t^3 - t) / (n(n-1))), p = 2 P(Z >= z), at most 1.
 *   When every value is tied (sigma = 0) nothing tells the samples apart: p = 1.
 */
import { errorFunction } from "simple-statistics";

export interface MannWhitneyResult {
  /** U of the first sample: the pairs (x, y) with x > y, ties counting one half. */
  u1: number;
  /** U of the second sample: n1 n2 - u1. */
  u2: number;
  /** Two-sided p-value. */
  p: number;
  method: "exact" | "normal";
}

/** Below this size (both samples), and without ties, the exact distribution is used, as R does. */
const EXACT_BELOW = 50;

export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: { method?: "auto" | "normal" } = {},
): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("the Mann-Whitney U test needs values in both samples");
  const { rankSumX, tieSizes } = rankSum(x, y);
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const uMax = Math.max(u1, u2);
  const exact = options.method !== "normal" && n1 < EXACT_BELOW && n2 < EXACT_BELOW;
  if (exact && tieSizes.length === 0) {
    return { u1, u2, p: Math.min(1, 2 * exactUpperTail(n1, n2, uMax)), method: "exact" };
  }
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((sum, t) => sum + (t * t * t - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u1, u2, p: 1, method: "normal" };
  const z = (uMax - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return { u1, u2, p: Math.min(1, 2 * normalUpperTail(z)), method: "normal" };
}

/** The smallest two-sided p-value samples of these sizes can give: when they do not overlap at all. */
export function smallestPossibleP(n1: number, n2: number): number {
  const below = Array.from({ length: n2 }, (_, i) => i);
  const above = Array.from({ length: n1 }, (_, i) => n2 + i);
  return mannWhitneyU(above, below).p;
}

/** P(Z >= z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  // erfc(t) = 1 - erf(t); for t >= 0 the subtraction loses nothing that matters to a p-value.
  const t = z / Math.SQRT2;
  return t >= 0 ? (1 - errorFunction(t)) / 2 : 1 - (1 - errorFunction(-t)) / 2;
}

function rankSum(x: readonly number[], y: readonly number[]): { rankSumX: number; tieSizes: number[] } {
  const all = [...x.map((value) => ({ value, first: true })), ...y.map((value) => ({ value, first: false }))];
  // Not a.value - b.value: Infinity - Infinity is NaN, and +Inf is a value Prometheus gives.
  all.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  let rankSumX = 0;
  const tieSizes: number[] = [];
  for (let start = 0; start < all.length;) {
    let end = start + 1;
    while (end < all.length && all[end]!.value === all[start]!.value) end++;
    // Positions start..end-1 hold ranks start+1..end; each gets their average.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (all[i]!.first) rankSumX += rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { rankSumX, tieSizes };
}

/**
 * P(U >= u) for samples of n1 and n2 values without ties, under the hypothesis that they come from
 * one distribution. The largest of the n1 + n2 values belongs to the first sample with probability
 * n1/(n1+n2), and then beats all n2 values of the second: so the distribution of U for (i, j)
 * is that of (i-1, j) shifted by j, weighted i/(i+j), plus that of (i, j-1), weighted j/(i+j).
 */
function exactUpperTail(n1: number, n2: number, u: number): number {
  // row[j] holds the distribution of U for (i, j), as probabilities of 0..i*j.
  let row: Float64Array[] = Array.from({ length: n2 + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n1; i++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n2; j++) {
      const dist = new Float64Array(i * j + 1);
      const fromFirst = row[j]!;
      const fromSecond = next[j - 1]!;
      const a = i / (i + j);
      const b = j / (i + j);
      for (let k = 0; k < fromFirst.length; k++) dist[k + j]! += a * fromFirst[k]!;
      for (let k = 0; k < fromSecond.length; k++) dist[k]! += b * fromSecond[k]!;
      next.push(dist);
    }
    row = next;
  }
  const dist = row[n2]!;
  let tail = 0;
  for (let k = Math.ceil(u - 1e-9); k < dist.length; k++) tail += dist[k]!;
  return tail;
}
