import type { MetricReader } from "../../deploy/ports.js";
import type { MetricSource, Sample } from "../../deploy/types.js";
import { redactUrl } from "../../shared/redact-url.js";
import { describeMissingVariables, fillHeaderTemplates } from "../fill-header-templates.js";
import { RequestFailed, requestJson, sourceProblem } from "../request-json.js";
import { fillWindow } from "./prometheus-duration.js";

/**
 * Reads metrics through Prometheus's HTTP API: an instant query (`/api/v1/query`) per sample, a
 * range query (`/api/v1/query_range`) for a window's history. Never throws for what Prometheus or
 * the network does: a sample without a value says why.
 *
 * - One series, or a scalar: its value is the sample. NaN (0/0, such as an error ratio with no
 *   requests) has no value; +Inf and -Inf are values.
 * - No series: no data (the metric does not exist yet, or nothing matched).
 * - Several series: no value, and the note says to aggregate them (sum, avg, max).
 * - Prometheus's own errors (`{"status":"error","errorType","error"}`) are quoted as it gives them.
 */
export type PrometheusSource = Extract<MetricSource, { kind: "prometheus" }>;

/** An instant query's answer fits in far less; a range query over a day at 10 s steps needs more. */
const INSTANT_MAX_BYTES = 1024 * 1024;
const RANGE_MAX_BYTES = 16 * 1024 * 1024;
/** Prometheus refuses range queries of more points than this per series. */
const MAX_POINTS = 11_000;

type Answer = { ok: true; value: number | null; note?: string } | { ok: false; problem: string };

interface Series {
  metric?: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

export function createPrometheusReader(env: Readonly<Record<string, string | undefined>>): MetricReader {
  const headersOf = (source: PrometheusSource) => fillHeaderTemplates(source.headers, env);
  const call = async (
    source: PrometheusSource,
    path: string,
    form: URLSearchParams,
    maxBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<
    { ok: true; data: { resultType?: string; result?: unknown } } | { ok: false; problem: string }
  > => {
    const { headers, missing } = headersOf(source);
    if (missing.length > 0) return { ok: false, problem: describeMissingVariables(missing) };
    const base = source.url.replace(/\/+$/, "");
    form.set("timeout", `${Math.max(1, Math.floor(source.timeoutMs / 1000))}s`);
    try {
      const answer = await requestJson(`${base}${path}`, {
        form,
        headers,
        timeoutMs: source.timeoutMs,
        maxBytes,
        ...(signal && { signal }),
      });
      return decodeEnvelope(answer.status, answer.json, answer.excerpt, redactUrl(source.url));
    } catch (error) {
      if (!(error instanceof RequestFailed)) throw error;
      return { ok: false, problem: sourceProblem("Prometheus", error) };
    }
  };

  const instant = async (
    source: PrometheusSource,
    windowMs: number,
    signal?: AbortSignal,
  ): Promise<Answer> => {
    const got = await call(
      source,
      "/api/v1/query",
      new URLSearchParams({ query: fillWindow(source.query, windowMs) }),
      INSTANT_MAX_BYTES,
      signal,
    );
    if (!got.ok) return { ok: false, problem: got.problem };
    return readInstant(got.data);
  };

  return {
    async sample(source, options) {
      const at = new Date().toISOString();
      if (source.kind !== "prometheus")
        return { at, value: null, note: `not a Prometheus source (${source.kind})` };
      const answer = await instant(source, options.windowMs, options.signal);
      const taken = new Date().toISOString();
      if (!answer.ok) return { at: taken, value: null, note: answer.problem };
      return { at: taken, value: answer.value, ...(answer.note !== undefined && { note: answer.note }) };
    },

    async range(source, options) {
      if (source.kind !== "prometheus") return [];
      const span = options.end.getTime() - options.start.getTime();
      // Prometheus refuses more points than MAX_POINTS: a longer history is read at a coarser step.
      const stepMs = Math.max(options.stepMs, Math.ceil(span / (MAX_POINTS - 1)), 1);
      const form = new URLSearchParams({
        query: fillWindow(source.query, options.windowMs ?? Math.max(stepMs, span)),
        start: seconds(options.start.getTime()),
        end: seconds(options.end.getTime()),
        step: seconds(stepMs),
      });
      const got = await call(source, "/api/v1/query_range", form, RANGE_MAX_BYTES, options.signal);
      const at = options.end.toISOString();
      if (!got.ok) return [{ at, value: null, note: got.problem }];
      return readRange(got.data, at);
    },

    async check(source, options) {
      if (source.kind !== "prometheus") return null;
      const answer = await instant(source, 60_000, options.signal);
      if (!answer.ok) return answer.problem;
      // No series is fine here: an error counter may not exist before the first error.
      if (answer.value === null && answer.note?.startsWith("the query returned")) return answer.note;
      return null;
    },
  };
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

/** Prometheus's envelope: `{"status":"success","data":...}` or `{"status":"error","errorType","error"}`. */
function decodeEnvelope(
  status: number,
  json: unknown,
  excerpt: string,
  shownUrl: string,
): { ok: true; data: { resultType?: string; result?: unknown } } | { ok: false; problem: string } {
  const body = json as { status?: unknown; data?: unknown; errorType?: unknown; error?: unknown } | undefined;
  if (body && body.status === "error") {
    const type = typeof body.errorType === "string" ? body.errorType : "error";
    const message = typeof body.error === "string" ? body.error : "no message";
    return {
      ok: false,
      problem:
        type === "bad_data"
          ? `Prometheus rejected the query: ${message}`
          : `Prometheus answered ${type}: ${message}`,
    };
  }
  if (body && body.status === "success" && typeof body.data === "object" && body.data !== null) {
    return { ok: true, data: body.data as { resultType?: string; result?: unknown } };
  }
  const seen = excerpt.replace(/\s+/g, " ").trim().slice(0, 120);
  return {
    ok: false,
    problem: `${shownUrl} answered ${status} without Prometheus's API response${seen ? ` ("${seen}")` : ""}; check that url is Prometheus's base URL, such as http://127.0.0.1:9090`,
  };
}

function readInstant(data: { resultType?: string; result?: unknown }): Answer {
  switch (data.resultType) {
    case "scalar": {
      const pair = data.result as [number, string] | undefined;
      return parseValue(pair?.[1]);
    }
    case "vector": {
      const series = (Array.isArray(data.result) ? data.result : []) as Series[];
      if (series.length === 0)
        return { ok: true, value: null, note: "no data: the query returned no series" };
      if (series.length > 1) return { ok: true, value: null, note: severalSeries(series) };
      return parseValue(series[0]!.value?.[1]);
    }
    case "matrix":
      return {
        ok: false,
        problem:
          "the query returns a range vector (a selector such as [5m] with no function around it); wrap it in rate(), avg_over_time() or the like so that it gives one number",
      };
    default:
      return {
        ok: false,
        problem: `the query returns a ${data.resultType ?? "result of no type"}, not a number`,
      };
  }
}

function readRange(data: { resultType?: string; result?: unknown }, at: string): Sample[] {
  if (data.resultType !== "matrix") {
    return [
      {
        at,
        value: null,
        note: `the range query returned a ${data.resultType ?? "result of no type"}, not a series`,
      },
    ];
  }
  const series = (Array.isArray(data.result) ? data.result : []) as Series[];
  if (series.length === 0) return [];
  if (series.length > 1) return [{ at, value: null, note: severalSeries(series) }];
  return (series[0]!.values ?? []).map(([time, text]) => {
    const parsed = parseValue(text);
    const sampleAt = new Date(time * 1000).toISOString();
    if (!parsed.ok) return { at: sampleAt, value: null, note: parsed.problem };
    return { at: sampleAt, value: parsed.value, ...(parsed.note !== undefined && { note: parsed.note }) };
  });
}

function parseValue(text: string | undefined): Answer {
  if (text === "NaN") {
    return { ok: true, value: null, note: "the query's value is NaN (0/0: nothing to divide in the range?)" };
  }
  if (text === "+Inf") return { ok: true, value: Infinity, note: "+Inf" };
  if (text === "-Inf") return { ok: true, value: -Infinity, note: "-Inf" };
  const value = text === undefined || text.trim() === "" ? NaN : Number(text);
  if (Number.isNaN(value))
    return {
      ok: false,
      problem: `Prometheus gave a value that is not a number: ${String(text).slice(0, 40)}`,
    };
  return { ok: true, value };
}

function severalSeries(series: Series[]): string {
  const first = series
    .slice(0, 2)
    .map(
      (s) =>
        `{${Object.entries(s.metric ?? {})
          .map(([k, v]) => `${k}="${v}"`)
          .join(", ")}}`,
    )
    .join(", ");
  return `the query returned ${series.length} series (${first}${series.length > 2 ? ", ..." : ""}), not one number; aggregate them, such as sum(...) or avg(...)`;
}
