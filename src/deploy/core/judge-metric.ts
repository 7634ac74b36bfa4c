/**
 * One metric's result: its window's verdict (judge-window.ts), with the baseline comparison when
 * the metric has one (compare-baseline.ts), and the line a person reads.
 *
 * The worse of the two verdicts stands: fail, then inconclusive, then pass. The comparison runs on
 * the whole window, so a window that failed fast is not compared.
 */
import type { Judgement, MetricResult, MetricSpec, Sample, Verdict } from "../types.js";
import { compareBaseline, type BaselineVerdict } from "./compare-baseline.js";
import { formatValue } from "./format-value.js";
import { judgeWindow, markSample, type WindowJudgement } from "./judge-window.js";

export interface MetricJudgementInput {
  spec: Pick<MetricSpec, "name" | "judgement" | "baseline">;
  /** The samples taken, in order. */
  samples: Sample[];
  /** Samples the window holds (plan-samples.ts). */
  expected: number;
  /** The window before the deploy, or why it could not be read. */
  baseline?: { samples: Sample[] } | { unavailable: string };
  /** Why sampling stopped before the window's end, when it did (another metric failed, an interruption). */
  stopped?: string;
  /** End a window early on a certain pass (default: a pass waits for the whole window). */
  passEarly?: boolean;
}

const SEVERITY: Record<Verdict, number> = { pass: 0, inconclusive: 1, fail: 2 };

/** The worse of verdicts: fail over inconclusive over pass. */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export function judgeMetric(input: MetricJudgementInput): MetricResult {
  const { spec, samples, expected } = input;
  const window = judgeWindow(samples, spec.judgement, expected, { passEarly: input.passEarly ?? false });
  const windowVerdict: Verdict = window.verdict ?? "inconclusive";
  let reason = describeWindow(window, samples, spec.judgement, input.stopped);
  let verdict = windowVerdict;
  let comparison: BaselineVerdict | null = null;

  if (spec.baseline !== undefined && windowVerdict !== "fail" && input.baseline !== undefined) {
    comparison =
      "unavailable" in input.baseline
        ? { verdict: "inconclusive", reason: input.baseline.unavailable, figures: {} }
        : compareBaseline(spec.baseline, input.baseline.samples, samples);
    verdict = worseVerdict(windowVerdict, comparison.verdict);
    reason = hasBounds(spec.judgement) ? `${reason}; baseline: ${comparison.reason}` : comparison.reason;
  }

  return {
    name: spec.name,
    verdict,
    reason,
    judgement: spec.judgement,
    samples,
    ...(input.baseline !== undefined && "samples" in input.baseline && { baseline: input.baseline.samples }),
    ...(comparison !== null &&
      Object.keys(comparison.figures).length > 0 && { comparison: comparison.figures }),
    ...(window.verdict !== null && window.early && { failedFast: true }),
  };
}

function hasBounds(judgement: Judgement): boolean {
  return judgement.min !== undefined || judgement.max !== undefined;
}

/** "min 0.99", "max 0.01", "between min 0.1 and max 0.9", or "any value". */
export function describeBounds(judgement: Judgement): string {
  const { min, max } = judgement;
  if (min !== undefined && max !== undefined)
    return `between min ${formatValue(min)} and max ${formatValue(max)}`;
  if (min !== undefined) return `min ${formatValue(min)}`;
  if (max !== undefined) return `max ${formatValue(max)}`;
  return "any value";
}

/** A pass/fail source: each sample is 1 (passed) or 0 (failed), judged by min 1. */
function isPassFail(judgement: Judgement, samples: Sample[]): boolean {
  return (
    judgement.min === 1 &&
    judgement.max === undefined &&
    samples.every((s) => s.value === null || s.value === 0 || s.value === 1)
  );
}

function describeWindow(
  window: WindowJudgement,
  samples: Sample[],
  judgement: Judgement,
  stopped: string | undefined,
): string {
  const taken = window.met + window.missed + window.noData;
  const counted = samples.slice(0, window.expected);
  const passFail = isPassFail(judgement, counted);
  const unit = passFail ? "probes" : "samples";
  const needs =
    window.needed === window.expected
      ? `all ${window.expected} must`
      : `${window.needed} of ${window.expected} must`;

  if (window.verdict === "fail") {
    const misses = counted.filter((s) => markSample(s.value, judgement) === "missed");
    const what = passFail ? "failed" : describeMisses(misses, judgement);
    const note = mostCommonNote(misses);
    const tail = window.early
      ? `, stopped after ${taken} of ${window.expected}: ${needs} meet ${describeBounds(judgement)}`
      : ` (${needs} meet ${describeBounds(judgement)})`;
    return `${what} in ${window.missed} of ${taken} ${unit}${note ? ` (${note})` : ""}${tail}`;
  }
  if (window.verdict === "pass") {
    const values = counted.flatMap((s) => (markSample(s.value, judgement) === "met" ? [s.value!] : []));
    const worst = worstValue(values, judgement);
    const within = passFail ? "passed" : `within ${describeBounds(judgement)}`;
    const early = window.early ? `, certain after ${taken} of ${window.expected}` : "";
    const shown = !passFail && worst !== null && hasBounds(judgement) ? `; worst ${formatValue(worst)}` : "";
    return `${window.met} of ${window.expected} ${unit} ${within}${window.needed < window.expected ? ` (${window.needed} needed)` : ""}${shown}${early}`;
  }
  // Inconclusive, or not decided when sampling stopped.
  const empty = counted.filter((s) => markSample(s.value, judgement) === "no-data");
  const note = mostCommonNote(empty);
  const noData = `no data in ${window.noData} of ${taken} ${unit}${note ? ` (${note})` : ""}`;
  const standing = `${window.met} met ${describeBounds(judgement)} where ${window.needed} ${window.needed === 1 ? "was" : "were"} needed`;
  if (window.verdict === null) {
    const why = stopped ?? "sampling stopped";
    return `stopped after ${taken} of ${window.expected} ${unit} (${why}) before the outcome was certain: ${window.noData > 0 ? `${noData}, ` : ""}${standing}`;
  }
  return `${noData}; ${standing}`;
}

/** "0.083 > max 0.01", or both sides when samples missed each: "0.2 < min 0.5 and 1.7 > max 1.5". */
function describeMisses(misses: Sample[], judgement: Judgement): string {
  const values = misses.map((s) => s.value!);
  const parts: string[] = [];
  if (judgement.max !== undefined) {
    const above = values.filter((v) => !(v <= judgement.max!));
    if (above.length > 0)
      parts.push(`${formatValue(Math.max(...above))} > max ${formatValue(judgement.max)}`);
  }
  if (judgement.min !== undefined) {
    const below = values.filter((v) => !(v >= judgement.min!));
    if (below.length > 0)
      parts.push(`${formatValue(Math.min(...below))} < min ${formatValue(judgement.min)}`);
  }
  return parts.join(" and ");
}

/** The value closest to breaking the bound: the highest under a max, the lowest over a min. */
function worstValue(values: number[], judgement: Judgement): number | null {
  if (values.length === 0) return null;
  if (judgement.max !== undefined && judgement.min === undefined) return Math.max(...values);
  if (judgement.min !== undefined && judgement.max === undefined) return Math.min(...values);
  if (judgement.min !== undefined && judgement.max !== undefined) {
    const { min, max } = judgement;
    return values.reduce((worst, v) =>
      Math.min(v - min, max - v) < Math.min(worst - min, max - worst) ? v : worst,
    );
  }
  return null;
}

/** The note most samples carry ("answered 500", "Prometheus is unreachable: ..."), if any does. */
export function mostCommonNote(samples: readonly Sample[]): string | null {
  const counts = new Map<string, number>();
  for (const sample of samples) if (sample.note) counts.set(sample.note, (counts.get(sample.note) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [note, count] of counts) {
    if (count > bestCount) {
      best = note;
      bestCount = count;
    }
  }
  return best;
}
