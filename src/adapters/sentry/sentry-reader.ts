import type { MetricReader } from "../../deploy/ports.js";
import type { MetricSource, Sample } from "../../deploy/types.js";
import { redactUrl } from "../../shared/redact-url.js";
import { RequestFailed, requestJson, sourceProblem } from "../request-json.js";

/**
 * Sentry's error events as a metric, through its events-stats API
 * (`GET /api/0/organizations/{org}/events-stats/`, `yAxis=count()`, `query=event.type:error`, the
 * project by slug, the environment when given, absolute `start`/`end` and an `interval`; the
 * answer is `{"data": [[time, [{"count": n}]], ...]}`), with the token from the environment
 * variable the source names, as a bearer token.
 *
 * A sample is the number of error events in the minute before it: errors per minute. A range
 * (the window before the deploy, for a baseline) is read in buckets of the step (one minute at
 * least), each given as errors per minute too, so before and after compare like for like.
 */
type SentrySource = Extract<MetricSource, { kind: "sentry" }>;

const MINUTE_MS = 60_000;
const MAX_BYTES = 4 * 1024 * 1024;

type Read = { ok: true; buckets: { at: string; count: number }[] } | { ok: false; problem: string };

export function createSentryReader(env: Readonly<Record<string, string | undefined>>): MetricReader {
  const read = async (
    source: SentrySource,
    start: Date,
    end: Date,
    intervalMs: number,
    signal?: AbortSignal,
  ): Promise<Read> => {
    const token = env[source.tokenEnv];
    if (token === undefined || token === "") {
      return {
        ok: false,
        problem: `the Sentry token variable ${source.tokenEnv} is not set; set it where shipready runs`,
      };
    }
    const base = source.url.replace(/\/+$/, "");
    const query = new URLSearchParams({
      yAxis: "count()",
      query: "event.type:error",
      projectSlug: source.project,
      start: start.toISOString(),
      end: end.toISOString(),
      interval: `${Math.max(1, Math.round(intervalMs / MINUTE_MS))}m`,
    });
    if (source.environment !== undefined) query.set("environment", source.environment);
    const url = `${base}/api/0/organizations/${encodeURIComponent(source.org)}/events-stats/?${query}`;
    try {
      const answer = await requestJson(url, {
        headers: { authorization: `Bearer ${token}` },
        timeoutMs: source.timeoutMs,
        maxBytes: MAX_BYTES,
        ...(signal && { signal }),
      });
      return decode(answer.status, answer.json, redactUrl(base).replace(/\/$/, ""));
    } catch (error) {
      if (!(error instanceof RequestFailed)) throw error;
      return { ok: false, problem: sourceProblem("Sentry", error) };
    }
  };

  return {
    async sample(source, options) {
      if (source.kind !== "sentry")
        return { at: new Date().toISOString(), value: null, note: `not a Sentry source (${source.kind})` };
      const end = new Date();
      const got = await read(source, new Date(end.getTime() - MINUTE_MS), end, MINUTE_MS, options.signal);
      const at = new Date().toISOString();
      if (!got.ok) return { at, value: null, note: got.problem };
      return { at, value: got.buckets.reduce((sum, b) => sum + b.count, 0) };
    },
    async range(source, options): Promise<Sample[]> {
      if (source.kind !== "sentry") return [];
      const intervalMs = Math.max(MINUTE_MS, Math.round(options.stepMs / MINUTE_MS) * MINUTE_MS);
      const got = await read(source, options.start, options.end, intervalMs, options.signal);
      if (!got.ok) return [{ at: options.end.toISOString(), value: null, note: got.problem }];
      const minutes = intervalMs / MINUTE_MS;
      return got.buckets.map((b) => ({ at: b.at, value: b.count / minutes }));
    },
    async check(source, options) {
      if (source.kind !== "sentry") return null;
      const end = new Date();
      const got = await read(source, new Date(end.getTime() - MINUTE_MS), end, MINUTE_MS, options.signal);
      return got.ok ? null : got.problem;
    },
  };
}

function decode(status: number, json: unknown, shownBase: string): Read {
  const body = json as { data?: unknown; detail?: unknown } | undefined;
  if (status !== 200) {
    const detail = typeof body?.detail === "string" ? `: ${body.detail}` : "";
    const hint =
      status === 401
        ? "; check the token"
        : status === 403
          ? "; the token needs the org:read scope"
          : status === 404
            ? "; check url, org and project"
            : "";
    return { ok: false, problem: `Sentry at ${shownBase} answered ${status}${detail}${hint}` };
  }
  if (!body || !Array.isArray(body.data)) {
    return {
      ok: false,
      problem: `Sentry at ${shownBase} answered without events-stats data; check that url is Sentry's base URL`,
    };
  }
  const buckets = (body.data as unknown[]).flatMap((entry) => {
    if (!Array.isArray(entry) || typeof entry[0] !== "number" || !Array.isArray(entry[1])) return [];
    const count = (entry[1] as { count?: unknown }[]).reduce(
      (sum, c) => sum + (typeof c?.count === "number" ? c.count : 0),
      0,
    );
    return [{ at: new Date(entry[0] * 1000).toISOString(), count }];
  });
  return { ok: true, buckets };
}
