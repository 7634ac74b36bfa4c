/**
 * Post-deploy verification: every metric sampled at its own interval over its window, judged as
 * the samples come, stopped as soon as its verdict can no longer change.
 *
 * The steps:
 *   1. read each baseline (the window before the deploy) when a metric compares against one,
 *      while the window is sampled;
 *   2. sample every metric concurrently, each on a schedule fixed from the start: sample k is due
 *      at start + initial delay + k x interval, so a slow read never pushes the later ones (no
 *      drift); a read that ends after the next one was due makes that one start at once;
 *   3. judge after each sample (core/judge-window.ts): a metric stops on a final verdict, and a
 *      critical metric's failure stops every metric at once;
 *   4. combine the metrics into one verdict (core/combine-metric-results.ts).
 *
 * Metrics whose Prometheus source asks for `mode: range` are read once, by a range query over the
 * window when it ends: they cannot fail fast.
 * An abort (Ctrl+C) stops everything and rejects with an InterruptedError carrying what was judged.
 */
import { setMaxListeners } from "node:events";
import { InterruptedError } from "../errors.js";
import { combineMetricResults } from "./core/combine-metric-results.js";
import { judgeMetric } from "./core/judge-metric.js";
import { judgeWindow } from "./core/judge-window.js";
import { planSamples } from "./core/plan-samples.js";
import { sleepUntil } from "./sleep-until.js";
import type { MetricReader, Timer, VerifyRequest, VerifyResult } from "./ports.js";
import type { MetricSpec, Sample } from "./types.js";

export interface VerifyPorts {
  reader: MetricReader;
  timer: Timer;
}

/** Sources that keep history, so a baseline before the deploy can be read from them. */
const WITH_HISTORY = new Set<MetricSpec["source"]["kind"]>(["prometheus", "sentry"]);

/** Thrown (by InterruptedError) when the signal aborts: the metrics judged up to then come along. */
export type VerifyInterrupted = InterruptedError & { result: VerifyResult };

export async function verifyDeploy(request: VerifyRequest, ports: VerifyPorts): Promise<VerifyResult> {
  const startedAt = ports.timer.now();
  const stopAll = new AbortController();
  // Every metric's sleep and read listens to it: 20 metrics are no leak.
  setMaxListeners(0, stopAll.signal);
  const onAbort = () => stopAll.abort(request.signal?.reason);
  request.signal?.addEventListener("abort", onAbort, { once: true });
  if (request.signal?.aborted) onAbort();
  const critical = new Set(request.metrics.filter((m) => m.critical).map((m) => m.name));
  let stoppedBy: string | null = null;

  try {
    const results = await Promise.all(
      request.metrics.map(async (metric) => {
        const windowMs = request.windowMs ?? metric.windowMs;
        // The baseline is read while the window is sampled, so a slow answer delays no sample.
        const reading = readBaseline(metric, windowMs, request.deployedAt, ports.reader, stopAll.signal);
        const run = await sampleMetric(metric, windowMs, startedAt, request, ports, stopAll.signal);
        const baseline = await reading;
        const stopped = run.complete
          ? undefined
          : (stoppedBy ?? (request.signal?.aborted ? "interrupted" : "stopped"));
        const result = judgeMetric({
          spec: metric,
          samples: run.samples,
          expected: run.expected,
          ...(baseline !== undefined && { baseline }),
          ...(stopped !== undefined && { stopped }),
          passEarly: request.passEarly ?? false,
        });
        if (result.verdict === "fail" && critical.has(metric.name) && !stopAll.signal.aborted) {
          stoppedBy = `${metric.name} failed`;
          stopAll.abort(new Error(stoppedBy));
        }
        return result;
      }),
    );
    const combined = combineMetricResults(results, critical, request.inconclusive);
    if (request.signal?.aborted) throw interrupted(combined);
    return combined;
  } finally {
    request.signal?.removeEventListener("abort", onAbort);
  }
}

function interrupted(result: VerifyResult): VerifyInterrupted {
  return Object.assign(
    new InterruptedError(
      "verification interrupted; nothing was decided",
      "Run shipready verify again to judge the deploy.",
    ),
    { result },
  );
}

interface MetricRun {
  samples: Sample[];
  expected: number;
  /** False when sampling was stopped before the verdict was final. */
  complete: boolean;
}

/** Samples one metric on its schedule until its verdict is final, the window ends, or `stop` aborts. */
async function sampleMetric(
  metric: MetricSpec,
  windowMs: number,
  startedAt: Date,
  request: VerifyRequest,
  ports: VerifyPorts,
  stop: AbortSignal,
): Promise<MetricRun> {
  const plan = planSamples(windowMs, metric.intervalMs, metric.initialDelayMs);
  // The window starts after the initial delay, counted from the deploy (or from now, when the
  // verification starts later than that).
  const windowStart = Math.max(startedAt.getTime(), request.deployedAt.getTime() + metric.initialDelayMs);
  const samples: Sample[] = [];
  const report = (sample: Sample) => {
    samples.push(sample);
    request.onSample?.(metric.name, sample);
  };

  if (metric.source.kind === "prometheus" && metric.source.mode === "range") {
    const first = windowStart + plan.offsetsMs[0]!;
    const last = windowStart + plan.offsetsMs.at(-1)!;
    if (!(await sleepUntil(last, ports.timer, stop)))
      return { samples, expected: plan.count, complete: false };
    const read = await ports.reader.range(metric.source, {
      start: new Date(first),
      end: new Date(last),
      stepMs: metric.intervalMs,
      windowMs,
      signal: stop,
    });
    for (const sample of alignToPlan(read, first, metric.intervalMs, plan.count)) report(sample);
    return { samples, expected: plan.count, complete: true };
  }

  for (const offset of plan.offsetsMs) {
    if (!(await sleepUntil(windowStart + offset, ports.timer, stop))) {
      return { samples, expected: plan.count, complete: false };
    }
    const at = ports.timer.now().toISOString();
    const read = await ports.reader.sample(metric.source, { windowMs, signal: stop });
    if (stop.aborted) return { samples, expected: plan.count, complete: false };
    report({ ...read, at });
    const verdict = judgeWindow(samples, metric.judgement, plan.count, {
      passEarly: request.passEarly ?? false,
    });
    if (verdict.verdict !== null) return { samples, expected: plan.count, complete: true };
  }
  return { samples, expected: plan.count, complete: true };
}

/**
 * A range query's points set on the window's schedule: each expected time takes the point nearest
 * to it within half a step; a time without one is a sample without data. A note on a single
 * valueless point (the source could not answer) is carried to every sample.
 */
function alignToPlan(points: Sample[], first: number, stepMs: number, count: number): Sample[] {
  const failure = points.length === 1 && points[0]!.value === null ? points[0]!.note : undefined;
  const byTime = points.map((p) => ({ time: Date.parse(p.at), sample: p }));
  return Array.from({ length: count }, (_, k) => {
    const due = first + k * stepMs;
    const nearest = byTime.find((p) => Math.abs(p.time - due) <= stepMs / 2 && p.sample.value !== null);
    if (nearest) return { ...nearest.sample, at: new Date(due).toISOString() };
    return { at: new Date(due).toISOString(), value: null, note: failure ?? "no data at this step" };
  });
}

/**
 * The window before the deploy, when the metric compares against it; a source without history
 * (an HTTP probe, a command) cannot give one, which makes the comparison inconclusive.
 */
async function readBaseline(
  metric: MetricSpec,
  windowMs: number,
  deployedAt: Date,
  reader: MetricReader,
  stop: AbortSignal,
): Promise<{ samples: Sample[] } | { unavailable: string } | undefined> {
  if (metric.baseline === undefined) return undefined;
  if (!WITH_HISTORY.has(metric.source.kind)) {
    return {
      unavailable: `no baseline: a ${metric.source.kind} source keeps no history of the window before the deploy (a baseline comparison needs a prometheus or sentry source)`,
    };
  }
  const samples = await reader.range(metric.source, {
    start: new Date(deployedAt.getTime() - windowMs),
    end: deployedAt,
    stepMs: metric.intervalMs,
    windowMs,
    signal: stop,
  });
  const valueless = samples.filter((s) => s.value === null);
  if (samples.length === 0 || valueless.length === samples.length) {
    const why = valueless[0]?.note ?? "the source has no data for it";
    return { unavailable: `no baseline: nothing in the window before the deploy (${why})` };
  }
  return { samples };
}
