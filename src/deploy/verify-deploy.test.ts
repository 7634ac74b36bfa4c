import assert from "node:assert/strict";
import { test } from "node:test";
import { createVirtualTimer } from "../../test/helpers/virtual-timer.js";
import { InterruptedError } from "../errors.js";
import type { MetricReader, Timer } from "./ports.js";
import type { MetricSource, MetricSpec, Sample } from "./types.js";
import { verifyDeploy } from "./verify-deploy.js";
import { watchDeploy } from "./watch-deploy.js";

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

function prometheus(query: string, mode: "instant" | "range" = "instant"): MetricSource {
  return { kind: "prometheus", url: "http://127.0.0.1:9090", query, mode, timeoutMs: 1000 };
}

function metric(name: string, overrides: Partial<MetricSpec> = {}): MetricSpec {
  return {
    name,
    block: "validation",
    source: prometheus(name),
    judgement: { max: 0.01, share: 1 },
    windowMs: 10_000,
    intervalMs: 1000,
    initialDelayMs: 0,
    critical: true,
    ...overrides,
  };
}

interface Call {
  kind: "sample" | "range";
  key: string;
  at: number;
  options: Record<string, unknown>;
}

/** A reader whose values come from `values[key](call number)`, keyed by query (or URL); calls are logged. */
function scriptedReader(
  timer: Timer,
  values: Record<string, (n: number) => number | null | { value: number | null; note?: string }>,
  options: {
    readMs?: number;
    range?: (source: MetricSource, o: { start: Date; end: Date; stepMs: number }) => Sample[];
  } = {},
): MetricReader & { calls: Call[] } {
  const calls: Call[] = [];
  const counts = new Map<string, number>();
  const keyOf = (source: MetricSource) =>
    source.kind === "prometheus" ? source.query : "url" in source ? source.url : source.run;
  return {
    calls,
    async sample(source, o) {
      const key = keyOf(source);
      calls.push({ kind: "sample", key, at: timer.now().getTime(), options: o });
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      if (options.readMs) await timer.sleep(options.readMs, o.signal);
      const got = values[key]!(n);
      const sample = got !== null && typeof got === "object" ? got : { value: got };
      return { at: "ignored", ...sample };
    },
    async range(source, o) {
      calls.push({ kind: "range", key: keyOf(source), at: timer.now().getTime(), options: o });
      return options.range ? options.range(source, o) : [];
    },
    async check() {
      return null;
    },
  };
}

test("samples at the end of each interval, on a schedule fixed from the start: slow reads do not push it", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, { error_ratio: () => 0.001 }, { readMs: 700 });
  const seen: string[] = [];
  const result = await verifyDeploy(
    {
      metrics: [metric("error_ratio", { windowMs: 5000 })],
      deployedAt: new Date(START),
      inconclusive: "rollback",
      onSample: (name, sample) => seen.push(`${name} ${sample.value}`),
    },
    { reader, timer },
  );
  assert.equal(result.verdict, "pass");
  assert.deepEqual(
    reader.calls.map((c) => c.at - START),
    [1000, 2000, 3000, 4000, 5000],
  );
  assert.deepEqual(
    result.metrics[0]!.samples.map((s) => Date.parse(s.at) - START),
    [1000, 2000, 3000, 4000, 5000],
  );
  assert.equal(seen.length, 5);
  assert.equal(result.reason, "error_ratio passed");
});

test("the initial delay counts from the deploy; --window overrides every metric's window", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, { a: () => 0, b: () => 0 });
  await verifyDeploy(
    {
      metrics: [metric("a", { initialDelayMs: 3000 }), metric("b", { windowMs: 60_000 })],
      deployedAt: new Date(START - 1000),
      windowMs: 6000,
      inconclusive: "rollback",
    },
    { reader, timer },
  );
  const at = (key: string) => reader.calls.filter((c) => c.key === key).map((c) => c.at - START);
  // a: window starts 3 s after a deploy 1 s ago (2 s from now), 3 samples in 6 - 3 s.
  assert.deepEqual(at("a"), [3000, 4000, 5000]);
  assert.deepEqual(at("b"), [1000, 2000, 3000, 4000, 5000, 6000]);
});

test("fails fast: a critical metric's failure stops every metric at once", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, {
    error_ratio: (n) => (n < 2 ? 0.001 : 0.083),
    latency: () => 0.004,
  });
  const result = await verifyDeploy(
    {
      metrics: [
        metric("error_ratio", { windowMs: 30_000 }),
        metric("latency", { windowMs: 30_000, intervalMs: 500 }),
      ],
      deployedAt: new Date(START),
      inconclusive: "rollback",
    },
    { reader, timer },
  );
  assert.equal(result.verdict, "fail");
  const [errors, latency] = result.metrics;
  assert.equal(errors!.verdict, "fail");
  assert.equal(errors!.failedFast, true);
  assert.equal(errors!.samples.length, 3);
  assert.equal(
    errors!.reason,
    "0.083 > max 0.01 in 1 of 3 samples, stopped after 3 of 30: all 30 must meet max 0.01",
  );
  assert.equal(latency!.verdict, "inconclusive");
  assert.match(latency!.reason, /^stopped after 6 of 60 samples \(error_ratio failed\)/);
  assert.equal(result.reason, `error_ratio: ${errors!.reason}`);
  // Nothing was read after the failure.
  assert.ok(
    reader.calls.every((c) => c.at <= START + 3000),
    JSON.stringify(reader.calls.map((c) => c.at - START)),
  );
});

test("an advisory metric's failure is told but neither decides nor stops the others", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, { advisory: () => 0.5, main: () => 0 });
  const result = await verifyDeploy(
    {
      metrics: [metric("advisory", { critical: false, windowMs: 3000 }), metric("main", { windowMs: 3000 })],
      deployedAt: new Date(START),
      inconclusive: "rollback",
    },
    { reader, timer },
  );
  assert.equal(result.verdict, "pass");
  assert.equal(result.metrics[1]!.samples.length, 3);
  assert.match(result.reason, /^main passed; advisory \(advisory\) failed: 0\.5 > max 0\.01/);
});

test("no data is never a pass: inconclusive, then the stage's policy", async () => {
  const note = "Prometheus at http://127.0.0.1:9090/api/v1/query is unreachable: connection refused";
  for (const [policy, verdict] of [
    ["rollback", "inconclusive"],
    ["fail", "fail"],
    ["pass-with-warning", "pass"],
  ] as const) {
    const timer = createVirtualTimer(START);
    const reader = scriptedReader(timer, { error_ratio: () => ({ value: null, note }) });
    const result = await verifyDeploy(
      {
        metrics: [metric("error_ratio", { windowMs: 3000 })],
        deployedAt: new Date(START),
        inconclusive: policy,
      },
      { reader, timer },
    );
    assert.equal(result.verdict, verdict, policy);
    assert.equal(result.metrics[0]!.verdict, "inconclusive");
    assert.ok(result.reason.includes(`no data in 3 of 3 samples (${note})`), result.reason);
  }
});

test("a certain pass ends early only when asked", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, { health: () => 1 });
  const spec = metric("health", { judgement: { min: 1, share: 0.5 }, windowMs: 10_000 });
  const result = await verifyDeploy(
    { metrics: [spec], deployedAt: new Date(START), inconclusive: "rollback", passEarly: true },
    { reader, timer },
  );
  assert.equal(result.verdict, "pass");
  assert.equal(result.metrics[0]!.samples.length, 5);
  assert.equal(result.metrics[0]!.failedFast, true);
});

test("a baseline is read over the window before the deploy and compared at the end", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(
    timer,
    { error_ratio: () => 0.009 },
    {
      range: (_source, o) =>
        Array.from({ length: 5 }, (_, i) => ({
          at: new Date(o.start.getTime() + (i + 1) * 1000).toISOString(),
          value: 0.002,
        })),
    },
  );
  const spec = metric("error_ratio", { windowMs: 5000, baseline: { kind: "ratio", maxRatio: 1.5 } });
  const result = await verifyDeploy(
    { metrics: [spec], deployedAt: new Date(START), inconclusive: "rollback" },
    { reader, timer },
  );
  const range = reader.calls.find((c) => c.kind === "range")!;
  assert.equal((range.options.start as Date).getTime(), START - 5000);
  assert.equal((range.options.end as Date).getTime(), START);
  assert.equal(range.options.stepMs, 1000);
  assert.equal(result.verdict, "fail");
  assert.match(result.metrics[0]!.reason, /baseline: median 0\.009 vs baseline 0\.002 \(x4\.5 > max x1\.5\)/);
  assert.equal(result.metrics[0]!.baseline?.length, 5);
});

test("a baseline from a source without history is inconclusive, and says which sources have one", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, { "http://127.0.0.1:8000/health": () => 1 });
  const spec = metric("health", {
    source: { kind: "http", url: "http://127.0.0.1:8000/health", timeoutMs: 1000 },
    judgement: { min: 1, share: 1 },
    windowMs: 2000,
    baseline: { kind: "ratio", maxRatio: 1.2 },
  });
  const result = await verifyDeploy(
    { metrics: [spec], deployedAt: new Date(START), inconclusive: "rollback" },
    { reader, timer },
  );
  assert.equal(result.verdict, "inconclusive");
  assert.match(result.metrics[0]!.reason, /a baseline comparison needs a prometheus or sentry source/);
  assert.ok(!reader.calls.some((c) => c.kind === "range"));
});

test("mode range: one range query when the window ends, its points set on the schedule", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(
    timer,
    {},
    {
      range: (_source, o) => [
        { at: new Date(o.start.getTime()).toISOString(), value: 0.001 },
        // The second point is missing; the third is late by 200 ms.
        { at: new Date(o.start.getTime() + 2200).toISOString(), value: 0.002 },
      ],
    },
  );
  const spec = metric("ratio", {
    source: prometheus("ratio", "range"),
    windowMs: 3000,
    judgement: { max: 0.01, share: 0.5 },
  });
  const result = await verifyDeploy(
    { metrics: [spec], deployedAt: new Date(START), inconclusive: "rollback" },
    { reader, timer },
  );
  const range = reader.calls.find((c) => c.kind === "range")!;
  assert.equal(range.at - START, 3000);
  assert.equal((range.options.start as Date).getTime() - START, 1000);
  assert.deepEqual(
    result.metrics[0]!.samples.map((s) => s.value),
    [0.001, null, 0.002],
  );
  assert.equal(result.verdict, "pass");
});

test("an abort stops everything and rejects with what was judged", async () => {
  const timer = createVirtualTimer(START);
  const controller = new AbortController();
  const reader = scriptedReader(timer, {
    error_ratio: (n) => {
      if (n === 2) controller.abort(new Error("interrupted"));
      return 0;
    },
  });
  await assert.rejects(
    verifyDeploy(
      {
        metrics: [metric("error_ratio")],
        deployedAt: new Date(START),
        inconclusive: "rollback",
        signal: controller.signal,
      },
      { reader, timer },
    ),
    (error: unknown) => {
      assert.ok(error instanceof InterruptedError);
      const result = (
        error as InterruptedError & { result: { metrics: { samples: unknown[]; reason: string }[] } }
      ).result;
      assert.equal(result.metrics[0]!.samples.length, 2);
      assert.match(result.metrics[0]!.reason, /stopped after 2 of 10 samples \(interrupted\)/);
      return true;
    },
  );
});

test("watching: rolling windows, ending at the first window that fails", async () => {
  const timer = createVirtualTimer(START);
  // Fine for 20 samples, then errors: the window of 5 fails at the first bad sample (share 1).
  const reader = scriptedReader(timer, { errors: (n) => (n < 20 ? 0 : 0.2) });
  const result = await watchDeploy(
    {
      metrics: [metric("errors", { block: "monitoring", windowMs: 5000 })],
      deployedAt: new Date(START),
      watchMs: 3_600_000,
      inconclusive: "rollback",
    },
    { reader, timer },
  );
  assert.equal(result.verdict, "fail");
  assert.equal(result.metrics[0]!.samples.length, 21);
  assert.match(
    result.metrics[0]!.reason,
    /^window of 5 samples to 2026-01-01T12:00:21\.000Z: 0\.2 > max 0\.01 in 1 of 5 samples/,
  );
});

test("watching to the end: the last window decides; windows that lacked data are counted", async () => {
  const timer = createVirtualTimer(START);
  const reader = scriptedReader(timer, { errors: (n) => (n >= 5 && n < 8 ? null : 0) });
  const result = await watchDeploy(
    {
      metrics: [metric("errors", { block: "monitoring", windowMs: 3000 })],
      deployedAt: new Date(START),
      watchMs: 20_000,
      inconclusive: "rollback",
    },
    { reader, timer },
  );
  assert.equal(result.verdict, "pass");
  assert.equal(result.metrics[0]!.samples.length, 20);
  assert.match(
    result.metrics[0]!.reason,
    /3 of 3 samples within max 0\.01; worst 0; 5 earlier windows lacked data$/,
  );
});
