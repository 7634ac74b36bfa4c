import { setTimeout as sleep } from "node:timers/promises";
import { EvidenceError } from "../errors.js";
import type { HttpAnswer } from "../ports.js";
import type { EvidenceResult, HttpSpec } from "./types.js";
import type { Outcome } from "../types.js";
import type { EvidenceContext } from "./evidence-context.js";
import { redactUrl } from "../shared/redact-url.js";

/** A request never waits longer than this, however generous the latency bound. */
const MAX_REQUEST_MS = 10_000;
/** Probe failures that the same request cannot overcome, so sampling stops at the first one. */
const FINAL_FAILURES = new Set(["address-refused", "bad-url", "bad-request"]);
const FAILURE_LABELS: Record<string, string> = {
  timeout: "timed out",
  "connection-refused": "connection refused",
  "connection-reset": "connection reset",
  dns: "did not resolve",
  tls: "TLS failed",
  unreachable: "unreachable",
  protocol: "invalid HTTP",
};

type Sample =
  | { answered: true; status: number; latencyMs: number; healthy: boolean; note?: string }
  | { answered: false; label: string; message: string };

/** Probes a health endpoint `samples` times and passes when enough answers were healthy in time. */
export async function collectHttp(spec: HttpSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const answer = (outcome: Outcome, message?: string, details: string[] = []): EvidenceResult => ({
    outcome,
    provenance: {
      kind: "http",
      source: redactUrl(spec.url),
      observedAt: context.clock.now().toISOString(),
      ...(message !== undefined && { message }),
    },
    details,
  });

  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(spec.headers ?? {})) {
    const missing = new Set<string>();
    headers[name] = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string) => {
      const value = context.env[variable];
      if (value === undefined || value === "") missing.add(variable);
      return value ?? "";
    });
    if (missing.size > 0) {
      // Names only: the values of headers are often credentials.
      return answer(
        "inconclusive",
        `the header ${name} needs the environment variable ${[...missing].join(", ")}, which is not set; set it where shipready runs`,
      );
    }
  }

  const timeoutMs = Math.max(1, Math.min(spec.maxLatencyMs * 4, MAX_REQUEST_MS));
  const samples: Sample[] = [];
  let stopped = false;
  let settledEarly = false;
  for (let index = 0; index < spec.samples; index++) {
    if (index > 0) {
      try {
        await sleep(spec.intervalMs, undefined, { signal: context.signal });
      } catch {
        stopped = true;
        break;
      }
    }
    try {
      const got: HttpAnswer = await context.http.get(spec.url, {
        timeoutMs,
        headers,
        signal: context.signal,
      });
      samples.push({
        answered: true,
        status: got.status,
        latencyMs: got.latencyMs,
        healthy: got.status === spec.expect && got.latencyMs <= spec.maxLatencyMs,
        ...(got.note !== undefined && { note: got.note }),
      });
    } catch (error) {
      if (context.signal.aborted) {
        stopped = true;
        break;
      }
      if (!(error instanceof EvidenceError)) throw error;
      const code = String((error as { code?: unknown }).code ?? "");
      if (FINAL_FAILURES.has(code)) {
        return answer("inconclusive", error.fix ? `${error.message}; ${error.fix}` : error.message);
      }
      samples.push({ answered: false, label: FAILURE_LABELS[code] ?? "failed", message: error.message });
    }
    if (isSettled(samples, spec)) {
      settledEarly = samples.length < spec.samples;
      break;
    }
  }

  const healthy = samples.filter((sample) => sample.answered && sample.healthy).length;
  const latencies = samples.flatMap((sample) => (sample.answered ? [sample.latencyMs] : []));
  const problems = describeProblems(samples, spec);
  const details = [
    `${healthy}/${samples.length} samples healthy (expects ${spec.expect} within ${spec.maxLatencyMs} ms)`,
    ...(latencies.length > 0
      ? [`latency p50 ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms`]
      : []),
    ...(problems ? [`not healthy: ${problems}`] : []),
    ...new Set(samples.flatMap((sample) => (sample.answered && sample.note ? [sample.note] : []))),
    ...(settledEarly
      ? [`stopped after ${samples.length} of ${spec.samples} samples: the rest could not change the outcome`]
      : []),
  ];

  if (stopped) {
    return answer("inconclusive", `stopped after ${samples.length} of ${spec.samples} samples`, details);
  }
  if (latencies.length === 0) {
    return answer("inconclusive", `the endpoint never answered: ${mostCommonFailure(samples)}`, details);
  }
  if (healthy / spec.samples >= spec.successRatio) return answer("pass", undefined, details);
  return answer(
    "fail",
    `${healthy}/${samples.length} samples healthy (${percent(healthy / samples.length)}, needs ${percent(spec.successRatio)}): ${problems}`,
    details,
  );
}

/** True when the samples still to come cannot change the outcome; before any answer they always can. */
function isSettled(samples: Sample[], spec: HttpSpec): boolean {
  if (!samples.some((sample) => sample.answered)) return false;
  const healthy = samples.filter((sample) => sample.answered && sample.healthy).length;
  const remaining = spec.samples - samples.length;
  return (
    healthy / spec.samples >= spec.successRatio || (healthy + remaining) / spec.samples < spec.successRatio
  );
}

/** "1 timed out, 1 answered 503, 2 slower than 200 ms", most frequent first. */
function describeProblems(samples: Sample[], spec: HttpSpec): string {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const problem = !sample.answered
      ? sample.label
      : sample.status !== spec.expect
        ? `answered ${sample.status}`
        : sample.latencyMs > spec.maxLatencyMs
          ? `slower than ${spec.maxLatencyMs} ms`
          : null;
    if (problem !== null) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([problem, count]) => `${count} ${problem}`)
    .join(", ");
}

function mostCommonFailure(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    if (!sample.answered) counts.set(sample.message, (counts.get(sample.message) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "no samples were taken";
}

/** Nearest-rank percentile, in whole milliseconds. */
function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!);
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
