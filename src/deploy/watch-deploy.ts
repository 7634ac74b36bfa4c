/**
 * Watching after a deploy (`shipready verify --watch 24h`): the monitoring metrics are sampled at
 * their intervals for the whole watch, each judged after every sample over a window rolling with
 * it (its last `window / interval` samples, core/judge-rolling-window.ts). The watch ends at the
 * first window that fails (the monitoring_failure trigger fires on it), or when the watch is over.
 *
 * At the end each metric's verdict is that of its last window: what the service looks like now.
 * Windows in between that lacked data are counted in the reason, not held against the end.
 * Baseline comparisons are not part of watching; schedules are fixed from the start, as in
 * verify-deploy.ts, and an abort rejects with an InterruptedError carrying what was judged.
 */
import { setMaxListeners } from "node:events";
import { InterruptedError } from "../errors.js";
import { combineMetricResults } from "./core/combine-metric-results.js";
import { judgeMetric } from "./core/judge-metric.js";
import { judgeRollingWindow } from "./core/judge-rolling-window.js";
import { planSamples } from "./core/plan-samples.js";
import type { MetricReader, Timer, VerifyResult, WatchRequest } from "./ports.js";
import { sleepUntil } from "./sleep-until.js";
import type { MetricResult, MetricSpec, Sample } from "./types.js";

export interface WatchPorts {
  reader: MetricReader;
  timer: Timer;
}

export async function watchDeploy(request: WatchRequest, ports: WatchPorts): Promise<VerifyResult> {
  const startedAt = ports.timer.now().getTime();
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
        const result = await watchMetric(metric, startedAt, request, ports, stopAll.signal, () => stoppedBy);
        if (result.verdict === "fail" && critical.has(metric.name) && !stopAll.signal.aborted) {
          stoppedBy = `${metric.name} failed`;
          stopAll.abort(new Error(stoppedBy));
        }
        return result;
      }),
    );
    const combined = combineMetricResults(results, critical, request.inconclusive);
    if (request.signal?.aborted) {
      throw Object.assign(new InterruptedError("watch interrupted; nothing was decided"), {
        result: combined,
      });
    }
    return combined;
  } finally {
    request.signal?.removeEventListener("abort", onAbort);
  }
}

async function watchMetric(
  metric: MetricSpec,
  startedAt: number,
  request: WatchRequest,
  ports: WatchPorts,
  stop: AbortSignal,
  stoppedBy: () => string | null,
): Promise<MetricResult> {
  const size = planSamples(metric.windowMs, metric.intervalMs).count;
  const plan = planSamples(request.watchMs, metric.intervalMs, metric.initialDelayMs);
  const watchStart = Math.max(startedAt, request.deployedAt.getTime() + metric.initialDelayMs);
  const samples: Sample[] = [];
  let lackingData = 0;
  const judged = (from: number, expected: number, stopped?: string): MetricResult => {
    const window = samples.slice(from, from + expected);
    const result = judgeMetric({
      spec: { name: metric.name, judgement: metric.judgement },
      samples: window,
      expected,
      ...(stopped !== undefined && { stopped }),
    });
    const last = window.at(-1)?.at ?? new Date(watchStart).toISOString();
    const lacking =
      lackingData > 0 ? `; ${lackingData} earlier window${lackingData === 1 ? "" : "s"} lacked data` : "";
    return {
      ...result,
      samples,
      reason: `window of ${window.length} samples to ${last}: ${result.reason}${lacking}`,
    };
  };
  const stopped = () => judged(Math.max(0, samples.length - size), size, stoppedBy() ?? "interrupted");

  let lastVerdict: string | null = null;
  for (const offset of plan.offsetsMs) {
    if (!(await sleepUntil(watchStart + offset, ports.timer, stop))) return stopped();
    const at = ports.timer.now().toISOString();
    const read = await ports.reader.sample(metric.source, { windowMs: metric.windowMs, signal: stop });
    if (stop.aborted) return stopped();
    const sample = { ...read, at };
    samples.push(sample);
    request.onSample?.(metric.name, sample);
    const rolling = judgeRollingWindow(samples, metric.judgement, size);
    if (rolling.verdict === "fail") return judged(rolling.from, size);
    if (rolling.verdict === "inconclusive") lackingData++;
    lastVerdict = rolling.verdict;
  }
  // The last window decides; it was counted above when it lacked data. A watch shorter than one
  // window judges what it has.
  if (lastVerdict === "inconclusive") lackingData--;
  const expected = Math.min(size, samples.length);
  return judged(samples.length - expected, expected);
}
