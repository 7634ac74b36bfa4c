import type { MetricReader } from "../deploy/ports.js";
import type { MetricSource, Sample } from "../deploy/types.js";
import { EvidenceError } from "../errors.js";
import type { Http } from "../ports.js";
import { describeMissingVariables, fillHeaderTemplates } from "./fill-header-templates.js";

/**
 * An HTTP probe as a metric: each sample is 1 when the endpoint answered with an expected status
 * (default 200-399) within maxLatency, else 0, through the Http port (http-probe.ts: refused
 * addresses, same-host redirects, capped bodies). No answer from a running service (refused, reset,
 * timed out) is a failed probe, 0: the service is the source, and it did not answer. What says
 * nothing about the service (a bad URL, a refused address, a name that does not resolve, headers
 * that cannot be filled) is no data. HTTP probes keep no history: range() is empty.
 */
type HttpSource = Extract<MetricSource, { kind: "http" }>;

/** Failures that are the service's: a probe that failed. */
const SERVICE_FAILURES = new Set([
  "timeout",
  "connection-refused",
  "connection-reset",
  "unreachable",
  "protocol",
  "tls",
]);
/** Failures that checking once at the start already shows: the probe can never work as written. */
const CONFIG_FAILURES = new Set(["bad-url", "address-refused", "bad-request", "dns"]);

export function createHttpMetricReader(
  http: Http,
  env: Readonly<Record<string, string | undefined>>,
): MetricReader {
  const probe = async (
    source: HttpSource,
    signal?: AbortSignal,
  ): Promise<Omit<Sample, "at"> & { code?: string }> => {
    const { headers, missing } = fillHeaderTemplates(source.headers, env);
    if (missing.length > 0)
      return { value: null, note: describeMissingVariables(missing), code: "bad-request" };
    try {
      const answer = await http.get(source.url, {
        timeoutMs: source.timeoutMs,
        headers,
        ...(signal && { signal }),
      });
      const expected = source.expect
        ? source.expect.includes(answer.status)
        : answer.status >= 200 && answer.status < 400;
      if (!expected) return { value: 0, note: `answered ${answer.status}` };
      if (source.maxLatencyMs !== undefined && answer.latencyMs > source.maxLatencyMs) {
        return { value: 0, note: `slower than ${source.maxLatencyMs} ms` };
      }
      return { value: 1 };
    } catch (error) {
      if (!(error instanceof EvidenceError)) throw error;
      const code = String((error as { code?: unknown }).code ?? "other");
      const note = error.fix ? `${error.message}; ${error.fix}` : error.message;
      return SERVICE_FAILURES.has(code) ? { value: 0, note, code } : { value: null, note, code };
    }
  };
  return {
    async sample(source, options) {
      if (source.kind !== "http")
        return { at: new Date().toISOString(), value: null, note: `not an http source (${source.kind})` };
      const { code: _code, ...sample } = await probe(source, options.signal);
      return { at: new Date().toISOString(), ...sample };
    },
    async range() {
      return [];
    },
    async check(source, options) {
      if (source.kind !== "http") return null;
      const result = await probe(source, options.signal);
      return result.code !== undefined && CONFIG_FAILURES.has(result.code)
        ? (result.note ?? "the probe cannot be made")
        : null;
    },
  };
}
