/** How a deploy record reads to people: versions, bounds, failed metrics and the rollback's steps. */
import { shortSha } from "../../shared/short-sha.js";
import type { DeployRecord, Judgement, MetricResult, StepOutcome } from "../types.js";

/** A version as people read it: v2.0.0 for a bare semantic version, as written otherwise, else the short commit. */
export function displayVersion(version: string | null, commit: string | null): string {
  if (version) return /^\d/.test(version) ? `v${version}` : version;
  if (commit) return shortSha(commit);
  return "an unknown version";
}

/** A number as a line of text shows it: at most four significant digits, no exponent for everyday sizes. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(4));
  return Math.abs(rounded) >= 1e-4 || rounded === 0 ? String(rounded) : rounded.toExponential(2);
}

/** The bound a metric is judged by, as a line: "≤ 0.01 in every sample", "≥ 1 in 99% of samples". */
export function describeJudgement(judgement: Judgement): string {
  const bounds = [
    judgement.min === undefined ? null : `≥ ${formatValue(judgement.min)}`,
    judgement.max === undefined ? null : `≤ ${formatValue(judgement.max)}`,
  ].filter((b): b is string => b !== null);
  const bound = bounds.length > 0 ? bounds.join(" and ") : "any value";
  const share =
    judgement.share >= 1 ? "in every sample" : `in ${formatValue(judgement.share * 100)}% of samples`;
  return `${bound} ${share}`;
}

/** Whether a sample's value meets the judgement's bounds. */
export function meetsBounds(value: number, judgement: Judgement): boolean {
  return (
    (judgement.min === undefined || value >= judgement.min) &&
    (judgement.max === undefined || value <= judgement.max)
  );
}

/** The sample farthest outside the bound (the highest for a max, the lowest for a min), else the last one; null without data. */
export function worstValue(metric: MetricResult): number | null {
  const values = metric.samples.map((s) => s.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const { min, max } = metric.judgement;
  const outside = values.filter((v) => !meetsBounds(v, metric.judgement));
  if (outside.length === 0) return values.at(-1)!;
  if (max !== undefined && outside.some((v) => v > max)) return Math.max(...outside);
  if (min !== undefined) return Math.min(...outside);
  return outside.at(-1)!;
}

/** The samples that had a value, and how many of them met the bound. */
export function countSamples(metric: MetricResult): { total: number; withData: number; met: number } {
  const values = metric.samples.map((s) => s.value).filter((v): v is number => v !== null);
  return {
    total: metric.samples.length,
    withData: values.length,
    met: values.filter((v) => meetsBounds(v, metric.judgement)).length,
  };
}

/** The metrics that did not pass: failed first, then inconclusive. */
export function failedMetrics(record: Pick<DeployRecord, "metrics">): MetricResult[] {
  const failed = record.metrics.filter((m) => m.verdict === "fail");
  return [...failed, ...record.metrics.filter((m) => m.verdict === "inconclusive")];
}

const STOPPED: ReadonlySet<StepOutcome["status"]> = new Set(["failed", "timed-out", "interrupted"]);

/** The first step that failed, timed out or was interrupted. */
export function firstStoppedStep(steps: readonly StepOutcome[]): StepOutcome | undefined {
  return steps.find((s) => STOPPED.has(s.status));
}

/**
 * The steps of the rollback: all of a rollback record's, or on a deploy (or verification) that was
 * rolled back, those after the step that failed, which is where the workflow stopped and the
 * rollback began.
 */
export function rollbackStepsOf(record: Pick<DeployRecord, "kind" | "steps" | "rollback">): StepOutcome[] {
  if (record.kind === "rollback") return [...record.steps];
  if (!record.rollback) return [];
  const stopped = firstStoppedStep(record.steps);
  if (stopped === undefined) return [];
  return record.steps.slice(record.steps.indexOf(stopped) + 1);
}

/** A version and its commit, as a record names them. */
export interface VersionRef {
  version: string | null;
  commit: string | null;
}

/**
 * What a rollback goes from (the version rolled back) and to (the one it restores; null when unknown).
 * A deploy or verification that was rolled back is itself what is rolled back, to what was live
 * before it; a rollback record (`shipready rollback`) names its target as its own version, and what
 * was live as `previous`.
 */
export function rollbackEnds(record: Pick<DeployRecord, "kind" | "version" | "commit" | "previous">): {
  from: VersionRef;
  to: VersionRef | null;
} {
  const own = { version: record.version, commit: record.commit };
  if (record.kind === "rollback")
    return { from: record.previous ?? { version: null, commit: null }, to: own };
  return { from: own, to: record.previous };
}

/** Milliseconds from one ISO time to another; null when either is missing or unreadable. */
export function millisBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const span = Date.parse(to) - Date.parse(from);
  return Number.isFinite(span) ? Math.max(0, span) : null;
}

/** "2026-11-22 09:00 UTC" */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
