import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { quantile, summarize } from "./summarize.js";

test("median and p90 interpolate between closest ranks", () => {
  const cases: [number[], number | null, number | null][] = [
    [[], null, null],
    [[7], 7, 7],
    [[1, 3], 2, 2.8],
    [[3, 1, 2], 2, 2.8],
    [[1, 2, 3, 4], 2.5, 3.7],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 55, 91],
  ];
  for (const [values, median, p90] of cases) {
    const summary = summarize(values);
    assert.equal(summary.count, values.length);
    assert.equal(summary.median, median, `median of ${values.join(",")}`);
    if (p90 === null) assert.equal(summary.p90, null);
    else assert.ok(Math.abs(summary.p90! - p90) < 1e-9, `p90 of ${values.join(",")}: ${summary.p90}`);
  }
});

test("a quantile lies between the least and the greatest value and grows with p", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 50 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (values, p, q) => {
        const sorted = [...values].sort((a, b) => a - b);
        const at = quantile(sorted, p);
        assert.ok(at >= sorted[0]! - 1e-9 && at <= sorted.at(-1)! + 1e-9);
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        assert.ok(quantile(sorted, lo) <= quantile(sorted, hi) + 1e-9);
      },
    ),
  );
});

test("the summary does not depend on the order of the values", () => {
  fc.assert(
    fc.property(fc.array(fc.integer(), { maxLength: 30 }), (values) => {
      assert.deepEqual(summarize(values), summarize([...values].reverse()));
    }),
  );
});
