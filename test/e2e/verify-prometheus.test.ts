import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { systemTimer } from "../../src/adapters/clocks.js";
import { createMetricReader } from "../../src/adapters/create-metric-reader.js";
import { createHttpProbe } from "../../src/adapters/http-probe.js";
import { createShellExec } from "../../src/adapters/shell-exec.js";
import type { MetricSpec } from "../../src/deploy/types.js";
import { verifyDeploy } from "../../src/deploy/verify-deploy.js";
import { startExampleService, type ExampleService } from "../helpers/start-example-service.js";
import { startPrometheus, waitForData, type RunningPrometheus } from "../helpers/start-prometheus.js";

// The example service of examples/deploy and the real Prometheus scraping it every second: a
// deploy of version 2 (which answers 500 to half the requests) is caught by its error ratio, with
// windows of a few seconds, real ones.
const ERROR_RATIO = 'sum(rate(http_requests_total{code=~"5.."}[15s])) / sum(rate(http_requests_total[15s]))';

let service: ExampleService;
let prometheus: RunningPrometheus;
const reader = createMetricReader({
  http: createHttpProbe(),
  shell: createShellExec(),
  env: {},
  cwd: process.cwd(),
});

function errorRatio(overrides: Partial<MetricSpec> = {}): MetricSpec {
  return {
    name: "error_ratio",
    block: "validation",
    source: { kind: "prometheus", url: prometheus.url, query: ERROR_RATIO, mode: "instant", timeoutMs: 5000 },
    judgement: { max: 0.01, share: 1 },
    windowMs: 5000,
    intervalMs: 1000,
    initialDelayMs: 0,
    critical: true,
    ...overrides,
  };
}

function health(): MetricSpec {
  return {
    name: "health",
    block: "validation",
    source: { kind: "http", url: `${service.url}/health`, timeoutMs: 2000 },
    judgement: { min: 1, share: 1 },
    windowMs: 3000,
    intervalMs: 1000,
    initialDelayMs: 0,
    critical: true,
  };
}

before(async () => {
  service = await startExampleService({ version: "1", rate: 20 });
  prometheus = await startPrometheus([service.target]);
  await waitForData(prometheus.url, 'count_over_time(up{job="service"}[10s]) > 4');
});

after(async () => {
  await prometheus?.stop();
  await service?.stop();
});

test("version 1 passes; version 2 fails fast on its error ratio, before the window ends", async () => {
  const healthy = await verifyDeploy(
    { metrics: [errorRatio(), health()], deployedAt: new Date(), inconclusive: "rollback" },
    { reader, timer: systemTimer },
  );
  assert.equal(healthy.verdict, "pass", healthy.reason);
  assert.equal(healthy.metrics[0]!.samples.length, 5);
  assert.ok(healthy.metrics[0]!.samples.every((s) => s.value === 0));

  service.run("deploy", "2");
  const deployedAt = new Date();
  const broken = await verifyDeploy(
    { metrics: [errorRatio({ windowMs: 20_000 })], deployedAt, inconclusive: "rollback" },
    { reader, timer: systemTimer },
  );
  const [ratio] = broken.metrics;
  assert.equal(broken.verdict, "fail", broken.reason);
  assert.equal(ratio!.failedFast, true);
  assert.ok(ratio!.samples.length < 20, `${ratio!.samples.length} samples`);
  assert.match(ratio!.reason, /^0\.\d+ > max 0\.01 in 1 of \d+ samples, stopped after \d+ of 20/);
  assert.match(broken.reason, /^error_ratio: 0\.\d+ > max 0\.01/);

  // The health probe fails at its first sample.
  const probe = await verifyDeploy(
    { metrics: [health()], deployedAt, inconclusive: "rollback" },
    { reader, timer: systemTimer },
  );
  assert.equal(probe.verdict, "fail");
  assert.equal(probe.metrics[0]!.samples.length, 1);
  assert.equal(
    probe.metrics[0]!.reason,
    "failed in 1 of 1 probes (answered 500), stopped after 1 of 3: all 3 must meet min 1",
  );

  // Against the window before the deploy: the 500s went from none to many, significantly.
  const compared = await verifyDeploy(
    {
      metrics: [
        errorRatio({
          name: "errors_vs_before",
          source: {
            kind: "prometheus",
            url: prometheus.url,
            query: 'sum(rate(http_requests_total{code="500"}[2s]))',
            mode: "instant",
            timeoutMs: 5000,
          },
          judgement: { share: 1 },
          windowMs: 6000,
          baseline: { kind: "mann-whitney", worse: "higher", confidence: 0.95, minEffect: 0 },
        }),
      ],
      deployedAt,
      inconclusive: "rollback",
    },
    { reader, timer: systemTimer },
  );
  assert.equal(compared.verdict, "fail", compared.reason);
  assert.match(compared.metrics[0]!.reason, /significantly higher at 95% confidence/);
  assert.ok((compared.metrics[0]!.baseline?.length ?? 0) >= 3);
  assert.ok(compared.metrics[0]!.comparison!.pValue! < 0.05);

  service.run("deploy", "1");
});

test("a query Prometheus rejects is caught by check() with Prometheus's message, before anything runs", async () => {
  const source = {
    ...errorRatio().source,
    query: "sum(rate(http_requests_total[15s])",
  } as MetricSpec["source"];
  const problem = await reader.check(source, {});
  assert.match(problem!, /^Prometheus rejected the query: .*parse error/);
});

test(
  "a stopped Prometheus gives an inconclusive verification, never a pass",
  { timeout: 60_000 },
  async () => {
    const metric = errorRatio({ windowMs: 3000 });
    await prometheus.stop();
    const result = await verifyDeploy(
      { metrics: [metric], deployedAt: new Date(), inconclusive: "rollback" },
      { reader, timer: systemTimer },
    );
    assert.equal(result.verdict, "inconclusive");
    assert.match(
      result.reason,
      /no data in 3 of 3 samples \(Prometheus at http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query is unreachable: connection refused\)/,
    );
    const lenient = await verifyDeploy(
      { metrics: [metric], deployedAt: new Date(), inconclusive: "fail" },
      { reader, timer: systemTimer },
    );
    assert.equal(lenient.verdict, "fail");
  },
);
