import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { mannWhitneyU, normalUpperTail, smallestPossibleP } from "./mann-whitney-u.js";

/** Close enough for a p-value: erf is approximated to a relative 1.2e-7. */
function assertClose(actual: number, expected: number, tolerance = 1e-6): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

test("published values: SciPy's mannwhitneyu documentation, exact and asymptotic", () => {
  // scipy.stats.mannwhitneyu, "Examples" (ages of males and females, after Conover):
  // U1 = 17, exact p = 0.1111111111111111, asymptotic p = 0.11134688653314041.
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];
  const exact = mannWhitneyU(males, females);
  assert.equal(exact.u1, 17);
  assert.equal(exact.u2, 3);
  assert.equal(exact.method, "exact");
  assertClose(exact.p, 0.1111111111111111, 1e-12);
  const normal = mannWhitneyU(males, females, { method: "normal" });
  assert.equal(normal.method, "normal");
  assertClose(normal.p, 0.11134688653314041);
});

test("published values: R's wilcox.test documentation, Hollander & Wolfe's permeability data", () => {
  // ?wilcox.test, x (at term) against y (12 to 26 weeks): "W = 35, p-value = 0.1272" with
  // alternative = "greater"; two-sided, the exact p-value is twice that.
  const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const y = [1.15, 0.88, 0.9, 0.74, 1.21];
  const result = mannWhitneyU(x, y);
  assert.equal(result.u1, 35);
  assert.equal(result.method, "exact");
  assertClose(result.p / 2, 0.1272, 5e-5);
  assertClose(result.p, 0.2544122544122544, 1e-12);
});

test("values computed by scipy.stats.mannwhitneyu (SciPy 1.17.1, method auto): ties and larger samples", () => {
  // Two samples of 60 and 70 values drawn with numpy (seed 1) and rounded to 2 decimals: ties.
  const a = [
    0.35, 0.82, 0.33, -1.3, 0.91, 0.45, -0.54, 0.58, 0.36, 0.29, 0.03, 0.55, -0.74, -0.16, -0.48, 0.6, 0.04,
    -0.29, -0.78, -0.26, 0.01, -0.28, 1.29, 1.01, -2.71, -1.89, -0.17, -0.42, 0.21, 0.22, 2.12, -1.11, -0.38,
    2.04, 0.65, 0.66, -0.51, -1.65, 0.17, 0.11, -1.23, -0.68, -0.07, -0.94, -0.1, 0.1, 0.04, -0.51, 0.59,
    0.89, 0.32, -0.82, 0.73, -0.5, 0.88, -1.07, 0.91, -0.02, -1.25, -0.31,
  ];
  const b = [
    0.55, 0.77, -0.48, -0.61, 0.7, 0.03, 0.74, 1.26, -1.15, 0.75, 1.72, 0.2, -0.31, 1.25, 0.75, 1.4, 0.15,
    -0.98, 0.39, 0.05, 1.28, 0.69, -1.13, -0.7, 1.38, 1.18, -0.14, 0.5, 0.95, 0.97, 1.38, 0.76, 0.41, 0.24,
    1.56, -1.75, 0.36, 0.53, -0.93, 0.83, -0.15, 1.36, 0.37, 1.17, 1.72, 0.88, -0.38, -1.01, 2.25, 0.39,
    -0.19, 0.64, 0.31, 1.35, 0.53, 0.51, -0.21, 0.97, -0.53, 1.17, 2.02, -1.02, -1.97, 1.12, 3.05, -0.5,
    -0.75, 1.09, -0.34, -0.01,
  ];
  const cases: { x: number[]; y: number[]; u1: number; p: number; method: "exact" | "normal" }[] = [
    { x: a, y: b, u1: 1459, p: 0.0027779138268577168, method: "normal" },
    {
      x: [1, 2, 2, 3, 4, 4, 4, 5],
      y: [3, 4, 5, 5, 6, 6, 7],
      u1: 8,
      p: 0.021920655864769517,
      method: "normal",
    },
    { x: [0, 0, 0, 1, 0, 0], y: [1, 1, 0, 1, 1, 1], u1: 6, p: 0.034094293192590455, method: "normal" },
    { x: [1.5, 2.5, 3.5], y: [4.5, 5.5, 6.5], u1: 0, p: 0.1, method: "exact" },
    {
      x: [12, 15, 9, 20, 17, 14],
      y: [8, 10, 11, 13, 7, 6, 5],
      u1: 38,
      p: 0.013986013986013986,
      method: "exact",
    },
  ];
  for (const c of cases) {
    const result = mannWhitneyU(c.x, c.y);
    assert.equal(result.u1, c.u1, JSON.stringify(c));
    assert.equal(result.method, c.method, JSON.stringify(c));
    assertClose(result.p, c.p);
  }
  // The same without ties, asymptotic (method="asymptotic"): 0.08085559837005224 and 0.01841616057630396.
  assertClose(mannWhitneyU([1.5, 2.5, 3.5], [4.5, 5.5, 6.5], { method: "normal" }).p, 0.08085559837005224);
  assertClose(
    mannWhitneyU([12, 15, 9, 20, 17, 14], [8, 10, 11, 13, 7, 6, 5], { method: "normal" }).p,
    0.01841616057630396,
  );
});

test("the normal tail matches known quantiles of the standard normal", () => {
  const table: [number, number][] = [
    [0, 0.5],
    [1.6448536269514722, 0.05],
    [1.959963984540054, 0.025],
    [2.5758293035489004, 0.005],
    [-1.959963984540054, 0.975],
  ];
  for (const [z, tail] of table) assertClose(normalUpperTail(z), tail, 1e-7);
});

test("every value tied: nothing tells the samples apart, p = 1", () => {
  const result = mannWhitneyU([0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]);
  assert.equal(result.p, 1);
  assert.equal(result.u1, 6);
});

test("the smallest p-value samples of a size can give", () => {
  // Three against three: 2 / C(6, 3) = 0.1, never significant at 95%.
  assertClose(smallestPossibleP(3, 3), 0.1, 1e-12);
  assert.ok(smallestPossibleP(5, 5) < 0.05);
});

const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 30 });

test("U1 + U2 = n1 n2, and swapping the samples swaps them and keeps p", () => {
  fc.assert(
    fc.property(sample, sample, (x, y) => {
      const a = mannWhitneyU(x, y);
      const b = mannWhitneyU(y, x);
      assert.equal(a.u1 + a.u2, x.length * y.length);
      assert.equal(a.u1, b.u2);
      assertClose(a.p, b.p, 1e-12);
      assert.ok(a.p > 0 && a.p <= 1);
    }),
  );
});

test("U counts the pairs where the first sample is larger, ties a half", () => {
  fc.assert(
    fc.property(sample, sample, (x, y) => {
      let pairs = 0;
      for (const a of x) for (const b of y) pairs += a > b ? 1 : a === b ? 0.5 : 0;
      assert.equal(mannWhitneyU(x, y).u1, pairs);
    }),
  );
});

test("the test does not depend on the order of the values, nor on a shift of both samples", () => {
  fc.assert(
    fc.property(sample, sample, fc.integer({ min: -1000, max: 1000 }), (x, y, shift) => {
      const base = mannWhitneyU(x, y);
      const shuffled = mannWhitneyU([...x].reverse(), [...y].reverse());
      const shifted = mannWhitneyU(
        x.map((v) => v + shift),
        y.map((v) => v + shift),
      );
      assert.equal(shuffled.u1, base.u1);
      assertClose(shuffled.p, base.p, 1e-12);
      assert.equal(shifted.u1, base.u1);
      assertClose(shifted.p, base.p, 1e-12);
    }),
  );
});

/** Every way of picking which n1 of n1 + n2 distinct ranks are the first sample's, with its U. */
function allUs(n1: number, n2: number): number[] {
  const us: number[] = [];
  const pick = (next: number, left: number, chosen: number[]): void => {
    if (left === 0) {
      // U = pairs (x > y) = rank sum - n1(n1+1)/2, ranks from 1.
      us.push(chosen.reduce((sum, r) => sum + r, 0) - (n1 * (n1 + 1)) / 2);
      return;
    }
    for (let r = next; r <= n1 + n2 - left + 1; r++) pick(r + 1, left - 1, [...chosen, r]);
  };
  pick(1, n1, []);
  return us;
}

test("the exact p-value is the share of all rank arrangements at least as extreme, doubled", () => {
  const arrangement = fc
    .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }))
    .chain(([n1, n2]) =>
      fc.record({
        n1: fc.constant(n1),
        n2: fc.constant(n2),
        ranksX: fc.shuffledSubarray(
          Array.from({ length: n1 + n2 }, (_, i) => i + 1),
          { minLength: n1, maxLength: n1 },
        ),
      }),
    );
  fc.assert(
    fc.property(arrangement, ({ n1, n2, ranksX }) => {
      const ranksY = Array.from({ length: n1 + n2 }, (_, i) => i + 1).filter((r) => !ranksX.includes(r));
      const result = mannWhitneyU(ranksX, ranksY);
      const uMax = Math.max(result.u1, result.u2);
      const all = allUs(n1, n2);
      const share = all.filter((u) => u >= uMax).length / all.length;
      assert.equal(result.method, "exact");
      assertClose(result.p, Math.min(1, 2 * share), 1e-12);
    }),
  );
});
