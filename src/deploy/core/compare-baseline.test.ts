import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { BaselineComparison } from "../types.js";
import { compareBaseline } from "./compare-baseline.js";

const values = (...v: (number | null)[]) => v.map((value) => ({ value }));
const higherIsWorse: BaselineComparison = {
  kind: "mann-whitney",
  worse: "higher",
  confidence: 0.95,
  minEffect: 0,
};

test("ratio: the current median against the baseline's", () => {
  const maxRatio: BaselineComparison = { kind: "ratio", maxRatio: 1.2 };
  const within = compareBaseline(maxRatio, values(0.01, 0.01, 0.012), values(0.011, 0.011, 0.02));
  assert.equal(within.verdict, "pass");
  assert.ok(Math.abs(within.figures.ratio! - 1.1) < 1e-9);
  assert.match(within.reason, /median 0\.011 vs baseline 0\.01 \(x1\.1, within max x1\.2\)/);
  const above = compareBaseline(maxRatio, values(0.01, 0.01, 0.01), values(0.083, 0.083, 0.09));
  assert.equal(above.verdict, "fail");
  assert.match(above.reason, /median 0\.083 vs baseline 0\.01 \(x8\.3 > max x1\.2\)/);
  const minRatio = compareBaseline({ kind: "ratio", minRatio: 0.9 }, values(100, 100), values(80, 80));
  assert.equal(minRatio.verdict, "fail");
  assert.match(minRatio.reason, /< min x0\.9/);
});

test("ratio: from nothing to something is an infinite ratio; nothing to nothing is 1", () => {
  const maxRatio: BaselineComparison = { kind: "ratio", maxRatio: 2 };
  assert.equal(compareBaseline(maxRatio, values(0, 0), values(0.001)).verdict, "fail");
  assert.equal(compareBaseline(maxRatio, values(0, 0), values(0, 0)).figures.ratio, 1);
});

test("no data on either side: inconclusive, never a pass", () => {
  for (const comparison of [{ kind: "ratio", maxRatio: 1.5 } as BaselineComparison, higherIsWorse]) {
    assert.equal(compareBaseline(comparison, [], values(1, 2, 3)).verdict, "inconclusive");
    assert.equal(compareBaseline(comparison, values(null, null), values(1, 2, 3)).verdict, "inconclusive");
    const after = compareBaseline(comparison, values(1, 2, 3), values(null));
    assert.equal(after.verdict, "inconclusive");
    assert.match(after.reason, /no data in the window after/);
  }
});

test("Mann-Whitney: significantly worse fails; better, or not significant, passes", () => {
  const before = values(0.01, 0.012, 0.011, 0.009, 0.01, 0.013, 0.008, 0.01);
  const worse = compareBaseline(
    higherIsWorse,
    before,
    values(0.05, 0.06, 0.07, 0.055, 0.065, 0.08, 0.05, 0.09),
  );
  assert.equal(worse.verdict, "fail");
  assert.match(worse.reason, /significantly higher at 95% confidence/);
  assert.ok(worse.figures.pValue! < 0.05);
  const better = compareBaseline(
    higherIsWorse,
    before,
    values(0.001, 0.002, 0.001, 0.0, 0.001, 0.002, 0.001, 0.0),
  );
  assert.equal(better.verdict, "pass");
  assert.match(better.reason, /which is better/);
  const same = compareBaseline(
    higherIsWorse,
    before,
    values(0.011, 0.009, 0.01, 0.012, 0.01, 0.008, 0.013, 0.01),
  );
  assert.equal(same.verdict, "pass");
  assert.match(same.reason, /no significant difference/);
  const lowerIsWorse = compareBaseline(
    { ...higherIsWorse, worse: "lower" },
    before,
    values(0.001, 0.002, 0.001, 0, 0.001, 0.002, 0.001, 0),
  );
  assert.equal(lowerIsWorse.verdict, "fail");
});

test("Mann-Whitney: a significant change smaller than minEffect passes", () => {
  const before = values(100, 101, 102, 103, 104, 105, 106, 107);
  const after = values(108, 109, 110, 111, 112, 113, 114, 115);
  assert.equal(compareBaseline(higherIsWorse, before, after).verdict, "fail");
  const result = compareBaseline({ ...higherIsWorse, minEffect: 0.1 }, before, after);
  assert.equal(result.verdict, "pass");
  assert.match(result.reason, /below the 10% that matters/);
});

test("Mann-Whitney: too few samples to ever be significant is inconclusive, not a pass", () => {
  const result = compareBaseline(higherIsWorse, values(1, 2, 3), values(10, 20, 30));
  assert.equal(result.verdict, "inconclusive");
  assert.match(result.reason, /too few to tell a difference at 95% confidence/);
});

test("Mann-Whitney never fails a current window that is no worse than the baseline in every value", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 40 }),
      (base, drop) => {
        // Each current value is a baseline value lowered (better, as higher is worse), or equal.
        const current = base.map((v, i) => v - (drop[i % drop.length] ?? 0));
        const result = compareBaseline(higherIsWorse, values(...base), values(...current));
        assert.notEqual(result.verdict, "fail");
      },
    ),
  );
});
