import type { Summary } from "../types.js";

/**
 * The p-quantile (0..1) of `sorted` (ascending, not empty) by linear interpolation between closest
 * ranks: the default of numpy, R's type 7 and BigQuery's PERCENTILE_CONT, which Four Keys uses.
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return low + (h - lo) * (high - low);
}

/** Median and 90th percentile of `values` (any order), with their count; nulls when there are none. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}
