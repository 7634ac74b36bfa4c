import path from "node:path";
import type { z } from "zod";
import type { BaselineComparison, Judgement, MetricSource, MetricSpec } from "../deploy/types.js";
import type { configSchema } from "./config-schema.js";
import { parseDuration } from "./normalize-evidence.js";

type ConfigOutput = z.output<ReturnType<typeof configSchema>>;
export type SourceInput = NonNullable<ConfigOutput["sources"]>[string];
type MetricInput = NonNullable<NonNullable<ConfigOutput["validation"]>["metrics"]>[number];

/** Defaults of a metric's timing, as DESIGN 6b and the seed strategy set them. */
export const METRIC_DEFAULTS = {
  windowMs: 300_000,
  validationIntervalMs: 10_000,
  monitoringIntervalMs: 60_000,
  sampleTimeoutMs: { http: 10_000, prometheus: 10_000, sentry: 10_000, command: 30_000 },
} as const;

/**
 * Whether the source answers a number (prometheus, sentry, a command whose source sets min: or max:)
 * rather than pass or fail (http, a command judged by its exit status).
 */
export function answersNumber(
  source: Pick<SourceInput, "prometheus" | "sentry" | "command" | "min" | "max">,
): boolean {
  if (source.prometheus !== undefined || source.sentry !== undefined) return true;
  if (source.command !== undefined) return source.min !== undefined || source.max !== undefined;
  return false;
}

/**
 * The seed's `threshold` read for the source it is judged from (see Judgement in deploy/types.ts):
 * - pass or fail: each sample must pass (min 1), and threshold is the share that must;
 * - a number with min:/max: on the source: those bound it, and threshold is the share that must meet them;
 * - a number without: threshold is the lowest value (min), and every sample must meet it.
 * share: on the source, when written, is the share whatever threshold says.
 */
export function judgementOf(source: SourceInput, threshold: number | undefined): Judgement {
  if (!answersNumber(source)) return { min: 1, share: source.share ?? threshold ?? 1 };
  if (source.min !== undefined || source.max !== undefined) {
    return {
      ...(source.min !== undefined && { min: source.min }),
      ...(source.max !== undefined && { max: source.max }),
      share: source.share ?? threshold ?? 1,
    };
  }
  return { ...(threshold !== undefined && { min: threshold }), share: source.share ?? 1 };
}

/** A validation or monitoring metric with its source, as the verification runs it. */
export function normalizeMetric(
  metric: MetricInput,
  block: MetricSpec["block"],
  source: SourceInput,
  root: string,
  line: number,
): MetricSpec {
  const baseline = baselineOf(source);
  return {
    name: metric.name,
    block,
    source: sourceOf(source, root),
    judgement: judgementOf(source, metric.threshold),
    windowMs: metric.window === undefined ? METRIC_DEFAULTS.windowMs : parseDuration(metric.window),
    intervalMs:
      metric.interval !== undefined
        ? parseDuration(metric.interval)
        : block === "validation"
          ? METRIC_DEFAULTS.validationIntervalMs
          : METRIC_DEFAULTS.monitoringIntervalMs,
    initialDelayMs:
      source.initialDelay === undefined || source.initialDelay === 0 ? 0 : parseDuration(source.initialDelay),
    ...(baseline && { baseline }),
    critical: source.critical ?? true,
    line,
  };
}

function sourceOf(source: SourceInput, root: string): MetricSource {
  const timeout = (value: number | string | undefined, kind: keyof typeof METRIC_DEFAULTS.sampleTimeoutMs) =>
    value === undefined ? METRIC_DEFAULTS.sampleTimeoutMs[kind] : parseDuration(value);
  if (source.http) {
    const s = source.http;
    return {
      kind: "http",
      url: s.url,
      ...(s.expect !== undefined && { expect: typeof s.expect === "number" ? [s.expect] : [...s.expect] }),
      ...(s.maxLatency !== undefined && { maxLatencyMs: parseDuration(s.maxLatency) }),
      ...(s.headers !== undefined && { headers: { ...s.headers } }),
      timeoutMs: timeout(s.timeout, "http"),
    };
  }
  if (source.prometheus) {
    const s = source.prometheus;
    return {
      kind: "prometheus",
      url: s.url,
      query: s.query,
      mode: s.mode ?? "instant",
      ...(s.headers !== undefined && { headers: { ...s.headers } }),
      timeoutMs: timeout(s.timeout, "prometheus"),
    };
  }
  if (source.command) {
    const s = source.command;
    return {
      kind: "command",
      run: s.run,
      ...(s.cwd !== undefined && { cwd: path.resolve(root, s.cwd) }),
      timeoutMs: timeout(s.timeout, "command"),
    };
  }
  if (source.sentry) {
    const s = source.sentry;
    return {
      kind: "sentry",
      url: s.url,
      org: s.org,
      project: s.project,
      tokenEnv: s.tokenEnv,
      ...(s.environment !== undefined && { environment: s.environment }),
      timeoutMs: timeout(s.timeout, "sentry"),
    };
  }
  throw new Error("a source without a kind passed validation");
}

function baselineOf(source: SourceInput): BaselineComparison | undefined {
  const baseline = source.baseline;
  if (!baseline) return undefined;
  if (baseline.ratio) {
    return {
      kind: "ratio",
      ...(baseline.ratio.max !== undefined && { maxRatio: baseline.ratio.max }),
      ...(baseline.ratio.min !== undefined && { minRatio: baseline.ratio.min }),
    };
  }
  const test = baseline.mannWhitney!;
  return {
    kind: "mann-whitney",
    worse: test.worse,
    confidence: test.confidence ?? 0.95,
    minEffect: test.minEffect ?? 0,
  };
}
