import type { BaselineComparison, Judgement, MetricSource, MetricSpec } from "../types.js";
import type { ShowPath } from "./describe-step-action.js";
import { formatSeconds } from "./format-seconds.js";

/** Where a metric's samples come from, in one line. */
export function describeSource(source: MetricSource, showPath: ShowPath): string {
  switch (source.kind) {
    case "http": {
      const expect = source.expect ? source.expect.join(", ") : "200-399";
      const latency =
        source.maxLatencyMs === undefined ? "" : `, within ${formatSeconds(source.maxLatencyMs)}`;
      return `http probe of ${source.url} (passes on ${expect}${latency})`;
    }
    case "prometheus":
      return `prometheus ${source.mode} query at ${source.url}: ${source.query}`;
    case "command":
      return `command ${JSON.stringify(source.run)}${source.cwd === undefined ? "" : ` in ${showPath(source.cwd)}`}`;
    case "sentry":
      return `sentry events of ${source.org}/${source.project} at ${source.url}${source.environment === undefined ? "" : ` (${source.environment})`}, token from $${source.tokenEnv}`;
  }
}

/** Whether samples are 1 (passed) or 0 (failed) rather than measured numbers. */
export function isPassFail(metric: Pick<MetricSpec, "source" | "judgement">): boolean {
  const { source, judgement } = metric;
  if (source.kind === "http") return true;
  return source.kind === "command" && judgement.min === 1 && judgement.max === undefined;
}

/** How the samples are judged: "99% of the probes pass", "every sample ≥ 0.99", "≤ 0.5 in 95% of samples". */
export function describeJudgement(metric: Pick<MetricSpec, "source" | "judgement" | "baseline">): string {
  const parts = [describeBound(metric)];
  if (metric.baseline) parts.push(describeBaseline(metric.baseline));
  return parts.join("; ");
}

function describeBound(metric: Pick<MetricSpec, "source" | "judgement">): string {
  const { judgement } = metric;
  const share = formatShare(judgement.share);
  if (isPassFail(metric)) {
    const what = metric.source.kind === "http" ? "probes" : "runs (exit 0, or a number ≥ 1)";
    return judgement.share === 1 ? `every one of the ${what} passes` : `${share} of the ${what} pass`;
  }
  const bound = boundOf(judgement);
  if (bound === null) return "no bound of its own";
  return judgement.share === 1 ? `every sample ${bound}` : `${bound} in ${share} of samples`;
}

function boundOf(judgement: Judgement): string | null {
  const { min, max } = judgement;
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return null;
}

function describeBaseline(baseline: BaselineComparison): string {
  if (baseline.kind === "ratio") {
    const bounds = [
      ...(baseline.maxRatio !== undefined ? [`≤ ${baseline.maxRatio}`] : []),
      ...(baseline.minRatio !== undefined ? [`≥ ${baseline.minRatio}`] : []),
    ];
    return `after / before the deploy ${bounds.join(" and ")}`;
  }
  const effect = baseline.minEffect > 0 ? `, medians at least ${formatShare(baseline.minEffect)} apart` : "";
  return `not ${baseline.worse} than before the deploy (Mann-Whitney U, ${formatShare(baseline.confidence)} confidence${effect})`;
}

/** 0.99 -> 99%, 0.999 -> 99.9%. */
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(4))}%`;
}

/** When and how often: "over 300s, every 10s, from 30s after the deploy". */
export function describeTiming(
  metric: Pick<MetricSpec, "windowMs" | "intervalMs" | "initialDelayMs">,
): string {
  const delay =
    metric.initialDelayMs > 0 ? `, from ${formatSeconds(metric.initialDelayMs)} after the deploy` : "";
  return `over ${formatSeconds(metric.windowMs)}, every ${formatSeconds(metric.intervalMs)}${delay}`;
}
