import assert from "node:assert/strict";
import { test } from "node:test";
import type { MetricResult, Sample } from "../types.js";
import { combineMetricResults } from "./combine-metric-results.js";
import { judgeMetric } from "./judge-metric.js";
import { formatValue } from "./format-value.js";

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString();
const samples = (...v: (number | null)[]): Sample[] => v.map((value, i) => ({ at: at(i), value }));
const errorRatio = { name: "error_ratio", judgement: { max: 0.01, share: 1 } };

test("reasons a person reads, one line per metric", () => {
  const cases: { input: Parameters<typeof judgeMetric>[0]; verdict: string; reason: string }[] = [
    {
      // A range query judges the whole window at its end.
      input: { spec: errorRatio, samples: samples(0.001, 0.083, 0.05, 0.09, 0.07), expected: 5 },
      verdict: "fail",
      reason: "0.09 > max 0.01 in 4 of 5 samples (all 5 must meet max 0.01)",
    },
    {
      input: { spec: errorRatio, samples: samples(0.001, 0.083), expected: 6 },
      verdict: "fail",
      reason: "0.083 > max 0.01 in 1 of 2 samples, stopped after 2 of 6: all 6 must meet max 0.01",
    },
    {
      input: { spec: errorRatio, samples: samples(0.001, 0.004, 0), expected: 3 },
      verdict: "pass",
      reason: "3 of 3 samples within max 0.01; worst 0.004",
    },
    {
      input: {
        spec: { name: "health", judgement: { min: 1, share: 0.9 } },
        samples: [
          ...samples(1, 1, 1, 1, 1, 1, 1, 1),
          { at: at(8), value: 0, note: "answered 500" },
          { at: at(9), value: 0, note: "answered 500" },
        ],
        expected: 10,
      },
      verdict: "fail",
      reason: "failed in 2 of 10 probes (answered 500) (9 of 10 must meet min 1)",
    },
    {
      input: {
        spec: errorRatio,
        samples: samples(null, null, null).map((s) => ({
          ...s,
          note: "Prometheus at http://127.0.0.1:9 is unreachable: connection refused",
        })),
        expected: 3,
      },
      verdict: "inconclusive",
      reason:
        "no data in 3 of 3 samples (Prometheus at http://127.0.0.1:9 is unreachable: connection refused); 0 met max 0.01 where 3 were needed",
    },
    {
      input: { spec: errorRatio, samples: samples(0, 0), expected: 6, stopped: "health failed" },
      verdict: "inconclusive",
      reason:
        "stopped after 2 of 6 samples (health failed) before the outcome was certain: 2 met max 0.01 where 6 were needed",
    },
  ];
  for (const c of cases) {
    const result = judgeMetric(c.input);
    assert.equal(result.verdict, c.verdict, c.reason);
    assert.equal(result.reason, c.reason);
  }
});

test("a window that fails fast says so; one that runs to its end does not", () => {
  assert.equal(judgeMetric({ spec: errorRatio, samples: samples(0.5), expected: 6 }).failedFast, true);
  assert.equal(
    judgeMetric({ spec: errorRatio, samples: samples(0, 0.5), expected: 2 }).failedFast,
    undefined,
  );
});

test("the baseline comparison joins the window's verdict; the worse one stands", () => {
  const spec = { ...errorRatio, baseline: { kind: "ratio" as const, maxRatio: 1.5 } };
  const result = judgeMetric({
    spec,
    samples: samples(0.008, 0.009, 0.009),
    expected: 3,
    baseline: { samples: samples(0.002, 0.002, 0.003) },
  });
  assert.equal(result.verdict, "fail");
  assert.match(
    result.reason,
    /^3 of 3 samples within max 0\.01; worst 0\.009; baseline: median 0\.009 vs baseline 0\.002/,
  );
  assert.equal(result.comparison?.ratio, 4.5);
  assert.equal(result.baseline?.length, 3);

  const unavailable = judgeMetric({
    spec,
    samples: samples(0.001, 0.001, 0.001),
    expected: 3,
    baseline: { unavailable: "a baseline needs a source with history (prometheus or sentry); http has none" },
  });
  assert.equal(unavailable.verdict, "inconclusive");
  assert.match(unavailable.reason, /baseline: a baseline needs a source with history/);
});

test("a baseline-only metric (no bounds) is judged by its comparison", () => {
  const result = judgeMetric({
    spec: { name: "latency", judgement: { share: 1 }, baseline: { kind: "ratio", maxRatio: 1.2 } },
    samples: samples(120, 130, 125),
    expected: 3,
    baseline: { samples: samples(100, 100, 110) },
  });
  assert.equal(result.verdict, "fail");
  assert.equal(result.reason, "median 125 vs baseline 100 (x1.25 > max x1.2)");
});

const result = (name: string, verdict: MetricResult["verdict"]): MetricResult => ({
  name,
  verdict,
  reason: `${name} reason`,
  judgement: { share: 1 },
  samples: [],
});

test("critical metrics decide; advisory ones are told; the stage's policy maps inconclusive", () => {
  const all = new Set(["a", "b"]);
  const table: {
    results: MetricResult[];
    critical: Set<string>;
    policy?: "rollback" | "fail" | "pass-with-warning";
    verdict: string;
    reason: string;
  }[] = [
    {
      results: [result("a", "pass"), result("b", "pass")],
      critical: all,
      verdict: "pass",
      reason: "all 2 metrics passed",
    },
    {
      results: [result("a", "fail"), result("b", "inconclusive")],
      critical: all,
      verdict: "fail",
      reason: "a: a reason",
    },
    {
      results: [result("a", "pass"), result("b", "inconclusive")],
      critical: all,
      verdict: "inconclusive",
      reason: "b: b reason",
    },
    {
      results: [result("a", "pass"), result("b", "fail")],
      critical: new Set(["a"]),
      verdict: "pass",
      reason: "a passed; b (advisory) failed: b reason",
    },
    // Nothing critical: every metric decides.
    {
      results: [result("a", "pass"), result("b", "fail")],
      critical: new Set(),
      verdict: "fail",
      reason: "b: b reason",
    },
    {
      results: [result("a", "inconclusive")],
      critical: all,
      policy: "fail",
      verdict: "fail",
      reason: "inconclusive, which this stage counts as a failure: a: a reason",
    },
    {
      results: [result("a", "inconclusive")],
      critical: all,
      policy: "pass-with-warning",
      verdict: "pass",
      reason: "passed with a warning (this stage lets an inconclusive verification pass): a: a reason",
    },
    {
      results: [],
      critical: all,
      policy: "pass-with-warning",
      verdict: "inconclusive",
      reason: "no metric to verify",
    },
  ];
  for (const c of table) {
    const combined = combineMetricResults(c.results, c.critical, c.policy ?? "rollback");
    assert.equal(combined.verdict, c.verdict, c.reason);
    assert.equal(combined.reason, c.reason);
  }
});

test("values are shown with three significant digits and Prometheus's words for the rest", () => {
  const table: [number, string][] = [
    [0.083333, "0.0833"],
    [0.01, "0.01"],
    [12.5, "12.5"],
    [1520.4, "1520"],
    [0, "0"],
    [0.000012345, "0.0000123"],
    [1.5e-9, "1.5e-9"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
    [NaN, "NaN"],
  ];
  for (const [value, text] of table) assert.equal(formatValue(value), text);
});

test("a failed verification does not list advisory metrics that were only stopped", () => {
  const combined = combineMetricResults(
    [result("a", "fail"), result("b", "inconclusive")],
    new Set(["a"]),
    "rollback",
  );
  assert.equal(combined.reason, "a: a reason");
  const passed = combineMetricResults(
    [result("a", "pass"), result("b", "inconclusive")],
    new Set(["a"]),
    "rollback",
  );
  assert.equal(passed.reason, "a passed; b (advisory) was inconclusive: b reason");
});
