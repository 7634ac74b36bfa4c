import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { after, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/helpers/start-test-server.js";
import type { MetricSource } from "../../deploy/types.js";
import { createSentryReader } from "./sentry-reader.js";

const TOKEN = "sntrys_canary_token_value_1234";

interface Seen {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

/**
 * A loopback stand-in for Sentry's events-stats endpoint: it answers as Sentry documents (one
 * bucket per interval, `[time, [{"count": n}]]`) and refuses any request not shaped as Sentry wants.
 */
async function fakeSentry(
  counts: number[],
  status = 200,
  body?: unknown,
): Promise<TestServer & { seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = await startTestServer((request: IncomingMessage, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    seen.push({ path: url.pathname, query: url.searchParams, authorization: request.headers.authorization });
    const send = (code: number, json: unknown) => {
      response.writeHead(code, { "content-type": "application/json" });
      response.end(JSON.stringify(json));
    };
    if (request.method !== "GET" || !/^\/api\/0\/organizations\/[^/]+\/events-stats\/$/.test(url.pathname)) {
      return send(404, { detail: "The requested resource does not exist" });
    }
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { detail: "Invalid token" });
    const start = Date.parse(url.searchParams.get("start") ?? "");
    const end = Date.parse(url.searchParams.get("end") ?? "");
    const interval = /^(\d+)m$/.exec(url.searchParams.get("interval") ?? "");
    if (
      Number.isNaN(start) ||
      Number.isNaN(end) ||
      !interval ||
      url.searchParams.get("yAxis") !== "count()"
    ) {
      return send(400, { detail: "Invalid date range or interval" });
    }
    if (status !== 200) return send(status, body);
    const step = Number(interval[1]) * 60;
    const first = Math.floor(start / 1000 / step) * step;
    const data = counts.map((count, i) => [first + i * step, [{ count }]]);
    send(200, { data, start: first, end: Math.floor(end / 1000) });
  });
  return Object.assign(server, { seen });
}

const servers: TestServer[] = [];
after(async () => Promise.all(servers.map((s) => s.close())));

function sentry(url: string, environment?: string): MetricSource {
  return {
    kind: "sentry",
    url,
    org: "acme",
    project: "web",
    tokenEnv: "SENTRY_AUTH_TOKEN",
    ...(environment !== undefined && { environment }),
    timeoutMs: 2000,
  };
}

const reader = createSentryReader({ SENTRY_AUTH_TOKEN: TOKEN });

test("a sample is the error events of the last minute, asked as Sentry's events-stats wants", async () => {
  const server = await fakeSentry([3, 4]);
  servers.push(server);
  const before = Date.now();
  const sample = await reader.sample(sentry(server.url, "production"), { windowMs: 300_000 });
  assert.equal(sample.value, 7);
  const [request] = server.seen;
  assert.equal(request!.path, "/api/0/organizations/acme/events-stats/");
  assert.equal(request!.authorization, `Bearer ${TOKEN}`);
  assert.equal(request!.query.get("yAxis"), "count()");
  assert.equal(request!.query.get("query"), "event.type:error");
  assert.equal(request!.query.get("projectSlug"), "web");
  assert.equal(request!.query.get("environment"), "production");
  assert.equal(request!.query.get("interval"), "1m");
  const start = Date.parse(request!.query.get("start")!);
  const end = Date.parse(request!.query.get("end")!);
  assert.equal(end - start, 60_000);
  assert.ok(end >= before - 1000);
});

test("a range is read in buckets of the step (a minute at least), as errors per minute", async () => {
  const server = await fakeSentry([10, 20, 30]);
  servers.push(server);
  const end = new Date();
  const samples = await reader.range(sentry(server.url), {
    start: new Date(end.getTime() - 900_000),
    end,
    stepMs: 300_000,
  });
  assert.equal(server.seen[0]!.query.get("interval"), "5m");
  assert.deepEqual(
    samples.map((s) => s.value),
    [2, 4, 6],
  );
  assert.ok(samples.every((s) => !Number.isNaN(Date.parse(s.at))));
  await reader.range(sentry(server.url), { start: new Date(end.getTime() - 60_000), end, stepMs: 10_000 });
  assert.equal(server.seen[1]!.query.get("interval"), "1m");
});

test("Sentry's refusals and a missing token are no data with the reason, and check() reports them", async () => {
  const server = await fakeSentry([], 403, { detail: "You do not have permission to perform this action." });
  servers.push(server);
  const refused = await reader.sample(sentry(server.url), { windowMs: 60_000 });
  assert.equal(refused.value, null);
  assert.match(
    refused.note!,
    /^Sentry at http:\/\/127\.0\.0\.1:\d+ answered 403: You do not have permission .*; the token needs the org:read scope$/,
  );
  assert.equal(await reader.check(sentry(server.url), {}), refused.note);

  const noToken = createSentryReader({});
  const missing = await noToken.check(sentry(server.url), {});
  assert.equal(
    missing,
    "the Sentry token variable SENTRY_AUTH_TOKEN is not set; set it where shipready runs",
  );
  assert.equal(server.seen.length, 2, "no request is made without a token");

  const wrongToken = createSentryReader({ SENTRY_AUTH_TOKEN: "not-the-token" });
  const ok = await fakeSentry([1]);
  servers.push(ok);
  assert.match((await wrongToken.check(sentry(ok.url), {}))!, /answered 401: Invalid token; check the token/);
  assert.equal(await reader.check(sentry(ok.url), {}), null);
});

test("the token never appears in what the reader says", async () => {
  const server = await fakeSentry([], 500, { detail: `echo ${TOKEN}` });
  servers.push(server);
  const sample = await reader.sample(sentry(server.url.replace("http://", `http://user:${TOKEN}@`)), {
    windowMs: 1,
  });
  // The URL's credentials are hidden here; Sentry's own words are quoted, and the command's
  // redactor (which knows the token's variable) hides the token if a server ever echoed it.
  assert.match(sample.note!, /^Sentry at http:\/\/\*\*\*@127\.0\.0\.1/);
});
