/**
 * Baseline vs current: the same metric over the window before the deploy and the window after.
 *
 * - ratio: current median / baseline median must stay <= maxRatio and >= minRatio. A baseline
 *   median of 0 gives a ratio of 1 when the current median is 0 too, else Infinity: from nothing to
 *   something is as large a change as there is.
 * - mann-whitney: the two-sided test at the confidence given; the metric fails when the difference
 *   is significant, goes the way that is worse (U says which way the current values lean) and the
 *   medians differ by at least minEffect (a fraction of the baseline median). When the samples are
 *   too few for any difference to be significant at that confidence, the comparison cannot fail:
 *   it is inconclusive instead, never a pass by default.
 *
 * Samples without a value are left out. No values on either side: inconclusive.
 */
import { median } from "simple-statistics";
import type { BaselineComparison, Sample, Verdict } from "../types.js";
import { formatValue } from "./format-value.js";
import { mannWhitneyU, smallestPossibleP } from "./mann-whitney-u.js";

export interface BaselineVerdict {
  verdict: Verdict;
  /** One line: "median 0.083 vs baseline 0.002 (x41.5 > max x1.2)". */
  reason: string;
  /** The figures: medians, ratio, U, p-value. */
  figures: Record<string, number>;
}

export function compareBaseline(
  comparison: BaselineComparison,
  baseline: readonly Pick<Sample, "value">[],
  current: readonly Pick<Sample, "value">[],
): BaselineVerdict {
  const before = valuesOf(baseline);
  const after = valuesOf(current);
  if (before.length === 0 || after.length === 0) {
    const missing = before.length === 0 ? "the window before the deploy" : "the window after it";
    return { verdict: "inconclusive", reason: `no data in ${missing} to compare`, figures: {} };
  }
  const figures = { baselineMedian: median(before), currentMedian: median(after) };
  return comparison.kind === "ratio"
    ? compareRatio(comparison, figures)
    : compareMannWhitney(comparison, before, after, figures);
}

function compareRatio(
  comparison: Extract<BaselineComparison, { kind: "ratio" }>,
  figures: { baselineMedian: number; currentMedian: number },
): BaselineVerdict {
  const ratio = ratioOf(figures.currentMedian, figures.baselineMedian);
  const shown = `median ${formatValue(figures.currentMedian)} vs baseline ${formatValue(figures.baselineMedian)} (x${formatValue(ratio)}`;
  const all = { ...figures, ratio };
  if (comparison.maxRatio !== undefined && ratio > comparison.maxRatio) {
    return { verdict: "fail", reason: `${shown} > max x${formatValue(comparison.maxRatio)})`, figures: all };
  }
  if (comparison.minRatio !== undefined && ratio < comparison.minRatio) {
    return { verdict: "fail", reason: `${shown} < min x${formatValue(comparison.minRatio)})`, figures: all };
  }
  const bounds = [
    comparison.minRatio !== undefined ? `min x${formatValue(comparison.minRatio)}` : null,
    comparison.maxRatio !== undefined ? `max x${formatValue(comparison.maxRatio)}` : null,
  ].filter((b) => b !== null);
  return { verdict: "pass", reason: `${shown}, within ${bounds.join(" and ")})`, figures: all };
}

function compareMannWhitney(
  comparison: Extract<BaselineComparison, { kind: "mann-whitney" }>,
  before: number[],
  after: number[],
  figures: { baselineMedian: number; currentMedian: number },
): BaselineVerdict {
  const alpha = 1 - comparison.confidence;
  const test = mannWhitneyU(after, before);
  const effect = Math.abs(figures.currentMedian - figures.baselineMedian) / Math.abs(figures.baselineMedian);
  const all = {
    ...figures,
    u: test.u1,
    pValue: test.p,
    // 0/0: the medians are equal, so no effect at all.
    effect: Number.isNaN(effect) ? 0 : effect,
    baselineCount: before.length,
    currentCount: after.length,
  };
  const medians = `median ${formatValue(figures.currentMedian)} vs baseline ${formatValue(figures.baselineMedian)}`;
  const confidence = `${formatValue(comparison.confidence * 100)}%`;
  const smallest = smallestPossibleP(after.length, before.length);
  if (smallest >= alpha) {
    return {
      verdict: "inconclusive",
      reason: `${before.length} values before and ${after.length} after are too few to tell a difference at ${confidence} confidence (p cannot go below ${formatValue(smallest)})`,
      figures: all,
    };
  }
  const meanU = (after.length * before.length) / 2;
  const leansWorse = comparison.worse === "higher" ? test.u1 > meanU : test.u1 < meanU;
  const stats = `U ${formatValue(test.u1)}, p ${formatValue(test.p)}`;
  if (test.p < alpha && leansWorse && all.effect >= comparison.minEffect) {
    return {
      verdict: "fail",
      reason: `${medians}: significantly ${comparison.worse} at ${confidence} confidence (${stats})`,
      figures: all,
    };
  }
  const why =
    test.p >= alpha
      ? `no significant difference at ${confidence} confidence`
      : !leansWorse
        ? `significantly ${comparison.worse === "higher" ? "lower" : "higher"}, which is better`
        : `a change of ${formatValue(all.effect * 100)}%, below the ${formatValue(comparison.minEffect * 100)}% that matters`;
  return { verdict: "pass", reason: `${medians}: ${why} (${stats})`, figures: all };
}

function valuesOf(samples: readonly Pick<Sample, "value">[]): number[] {
  return samples.flatMap((s) => (s.value === null || Number.isNaN(s.value) ? [] : [s.value]));
}

function ratioOf(current: number, baseline: number): number {
  if (baseline === 0) return current === 0 ? 1 : Infinity;
  return current / baseline;
}
