import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startExampleService, type ExampleService } from "../../../test/helpers/start-example-service.js";
import {
  freePort,
  startPrometheus,
  waitForData,
  type RunningPrometheus,
} from "../../../test/helpers/start-prometheus.js";
import type { MetricSource } from "../../deploy/types.js";
import { prometheusDuration, fillWindow } from "./prometheus-duration.js";
import { createPrometheusReader } from "./prometheus-reader.js";

// The real Prometheus (Debian's), scraping the example service every second.
let prometheus: RunningPrometheus;
let service: ExampleService;
const reader = createPrometheusReader({ PROM_TOKEN: "s3cret-token-value" });

type PrometheusSource = Extract<MetricSource, { kind: "prometheus" }>;
const source = (query: string, url = prometheus.url): PrometheusSource => ({
  kind: "prometheus",
  url,
  query,
  mode: "instant",
  timeoutMs: 5000,
});

before(async () => {
  service = await startExampleService({ rate: 20 });
  prometheus = await startPrometheus([service.target]);
  // Several seconds of scrapes, so that the rate has values over the last seconds too.
  await waitForData(prometheus.url, 'count_over_time(up{job="service"}[10s]) > 4');
});

after(async () => {
  await prometheus?.stop();
  await service?.stop();
});

test("an instant query's single series is the sample", async () => {
  const sample = await reader.sample(source("sum(rate(http_requests_total[15s]))"), { windowMs: 60_000 });
  assert.ok(sample.value !== null && sample.value > 0, JSON.stringify(sample));
  const ratio = await reader.sample(
    source('sum(rate(http_requests_total{code=~"5.."}[15s])) / sum(rate(http_requests_total[15s]))'),
    { windowMs: 60_000 },
  );
  assert.equal(ratio.value, 0);
  assert.ok(!Number.isNaN(Date.parse(sample.at)));
});

test("a scalar is a sample too; {{window}} becomes the window as a Prometheus duration", async () => {
  assert.equal((await reader.sample(source("scalar(vector(0.25))"), { windowMs: 1000 })).value, 0.25);
  const increase = await reader.sample(source("sum(increase(http_requests_total[{{window}}]))"), {
    windowMs: 10_000,
  });
  assert.ok(increase.value !== null && increase.value > 0, JSON.stringify(increase));
});

test("no series is no data; NaN is no data; +Inf is a value", async () => {
  const empty = await reader.sample(source('http_requests_total{code="999"}'), { windowMs: 1000 });
  assert.equal(empty.value, null);
  assert.equal(empty.note, "no data: the query returned no series");
  const nan = await reader.sample(source("vector(0) / vector(0)"), { windowMs: 1000 });
  assert.equal(nan.value, null);
  assert.match(nan.note!, /NaN/);
  const inf = await reader.sample(source("vector(1) / vector(0)"), { windowMs: 1000 });
  assert.equal(inf.value, Infinity);
});

test("several series: no value, and the note says to aggregate them; check() refuses the query", async () => {
  const many = await reader.sample(source("http_requests_total"), { windowMs: 1000 });
  assert.equal(many.value, null);
  assert.match(
    many.note!,
    /^the query returned \d+ series \(\{.*\}.*\), not one number; aggregate them, such as sum\(\.\.\.\) or avg\(\.\.\.\)$/,
  );
  assert.match((await reader.check(source("up"), {}))!, /aggregate them/);
});

test("a query Prometheus rejects gives Prometheus's own message, at check() and per sample", async () => {
  const bad = source("sum(rate(http_requests_total[15s])");
  const problem = await reader.check(bad, {});
  assert.match(problem!, /^Prometheus rejected the query: .*parse error/);
  const sample = await reader.sample(bad, { windowMs: 1000 });
  assert.equal(sample.value, null);
  assert.equal(sample.note, problem);
  assert.match((await reader.check(source("http_requests_total[1m]"), {}))!, /range vector/);
  // A query that is fine, and one with no data yet, pass the check.
  assert.equal(await reader.check(source("sum(rate(http_requests_total[15s]))"), {}), null);
  assert.equal(await reader.check(source('sum(http_requests_total{code="999"})'), {}), null);
});

test("a range query gives the points of one series, with times", async () => {
  const end = new Date();
  const start = new Date(end.getTime() - 3000);
  const samples = await reader.range(source("sum(rate(http_requests_total[15s]))"), {
    start,
    end,
    stepMs: 1000,
  });
  assert.ok(samples.length >= 3, JSON.stringify(samples));
  for (const s of samples) {
    assert.ok(s.value !== null && s.value > 0);
    const t = Date.parse(s.at);
    assert.ok(t >= start.getTime() - 1000 && t <= end.getTime() + 1000);
  }
  const bad = await reader.range(source("rate("), { start, end, stepMs: 1000 });
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.note!, /^Prometheus rejected the query/);
  assert.deepEqual(
    await reader.range(source('http_requests_total{code="999"}'), { start, end, stepMs: 1000 }),
    [],
  );
});

test("an unreachable Prometheus is no data with the reason, never a value; credentials in its URL are never shown", async () => {
  const port = await freePort();
  const url = `http://reader:hunter2-password@127.0.0.1:${port}`;
  const sample = await reader.sample(source("up", url), { windowMs: 1000 });
  assert.equal(sample.value, null);
  assert.match(
    sample.note!,
    /^Prometheus at http:\/\/\*\*\*@127\.0\.0\.1:\d+\/api\/v1\/query is unreachable: connection refused$/,
  );
  const problem = await reader.check(source("up", url), {});
  assert.match(problem!, /unreachable/);
  assert.ok(!problem!.includes("hunter2"));
});

test("a URL that is not Prometheus's says so", async () => {
  const sample = await reader.sample(source("up", service.url), { windowMs: 1000 });
  assert.equal(sample.value, null);
  assert.match(
    sample.note!,
    /answered 404 without Prometheus's API response .*check that url is Prometheus's base URL/,
  );
});

test("headers take ${NAME} from the environment; a missing variable is named, not sent", async () => {
  const withHeader: PrometheusSource = {
    ...source("scalar(vector(1))"),
    headers: { Authorization: "Bearer ${PROM_TOKEN}" },
  };
  assert.equal((await reader.sample(withHeader, { windowMs: 1000 })).value, 1);
  const missing: PrometheusSource = {
    ...source("scalar(vector(1))"),
    headers: { Authorization: "Bearer ${NOT_SET_ANYWHERE}" },
  };
  const sample = await reader.sample(missing, { windowMs: 1000 });
  assert.equal(sample.value, null);
  assert.match(sample.note!, /NOT_SET_ANYWHERE, which is not set/);
});

test("an abort stops a query at once", async () => {
  const sample = await reader.sample(source("up"), { windowMs: 1000, signal: AbortSignal.abort() });
  assert.equal(sample.value, null);
  assert.match(sample.note!, /stopped before/);
});

test("Prometheus durations and the {{window}} placeholder", () => {
  const table: [number, string][] = [
    [300_000, "5m"],
    [90_000, "1m30s"],
    [1500, "1s500ms"],
    [86_400_000, "1d"],
    [3_600_000 + 1000, "1h1s"],
    [0, "1ms"],
  ];
  for (const [ms, text] of table) assert.equal(prometheusDuration(ms), text);
  assert.equal(
    fillWindow("rate(x[{{window}}]) / rate(y[{{ window }}])", 300_000),
    "rate(x[5m]) / rate(y[5m])",
  );
});
