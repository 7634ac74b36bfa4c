import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Judgement } from "../types.js";
import { judgeWindow, markSample, neededSamples } from "./judge-window.js";
import { planSamples } from "./plan-samples.js";

const values = (...v: (number | null)[]) => v.map((value) => ({ value }));
const maxOne: Judgement = { max: 0.01, share: 1 };

test("a sample meets the bounds, misses them, or has no data", () => {
  const table: [number | null, Judgement, string][] = [
    [0.005, { max: 0.01, share: 1 }, "met"],
    [0.01, { max: 0.01, share: 1 }, "met"],
    [0.0101, { max: 0.01, share: 1 }, "missed"],
    [0.99, { min: 0.99, share: 1 }, "met"],
    [0.98, { min: 0.99, share: 1 }, "missed"],
    [0.5, { min: 0.1, max: 0.9, share: 1 }, "met"],
    [0.95, { min: 0.1, max: 0.9, share: 1 }, "missed"],
    [Infinity, { max: 1, share: 1 }, "missed"],
    [42, { share: 1 }, "met"],
    [null, { max: 0.01, share: 1 }, "no-data"],
    [NaN, { max: 0.01, share: 1 }, "no-data"],
  ];
  for (const [value, judgement, mark] of table) assert.equal(markSample(value, judgement), mark, `${value}`);
});

test("the samples a window holds: one at the end of each interval after the initial delay", () => {
  assert.deepEqual(planSamples(300_000, 60_000), {
    count: 5,
    offsetsMs: [60_000, 120_000, 180_000, 240_000, 300_000],
  });
  assert.equal(planSamples(30_000, 5_000).count, 6);
  assert.equal(planSamples(30_000, 7_000).count, 4);
  assert.equal(planSamples(300_000, 60_000, 60_000).count, 4);
  // Shorter than one interval, or than the delay: still one sample.
  assert.equal(planSamples(5_000, 10_000).count, 1);
  assert.equal(planSamples(5_000, 1_000, 10_000).count, 1);
  assert.throws(() => planSamples(1000, 0), RangeError);
});

test("the samples needed for a share, without floating-point surprises", () => {
  assert.equal(neededSamples(1, 6), 6);
  assert.equal(neededSamples(0.99, 100), 99);
  assert.equal(neededSamples(0.99, 10), 10);
  assert.equal(neededSamples(0.07, 100), 7);
  assert.equal(neededSamples(0.5, 5), 3);
  assert.equal(neededSamples(0, 5), 0);
});

test("table: verdicts of windows, final and not yet", () => {
  const cases: {
    samples: (number | null)[];
    judgement: Judgement;
    expected: number;
    verdict: string | null;
    early?: boolean;
  }[] = [
    // All within: a pass, but only once the window is over.
    { samples: [0, 0, 0], judgement: maxOne, expected: 6, verdict: null },
    { samples: [0, 0, 0, 0, 0, 0], judgement: maxOne, expected: 6, verdict: "pass", early: false },
    // Share 1: the first miss fails at once.
    { samples: [0, 0.083], judgement: maxOne, expected: 6, verdict: "fail", early: true },
    // Share 0.5 of 6: 3 needed, 3 may miss; the fourth miss fails.
    { samples: [1, 1, 1], judgement: { max: 0.5, share: 0.5 }, expected: 6, verdict: null },
    { samples: [1, 1, 1, 1], judgement: { max: 0.5, share: 0.5 }, expected: 6, verdict: "fail", early: true },
    // No data at all: never a pass.
    {
      samples: [null, null, null, null, null, null],
      judgement: maxOne,
      expected: 6,
      verdict: "inconclusive",
    },
    // Mostly no data with too few passes, and no more misses than allowed: inconclusive.
    {
      samples: [0, null, null, null],
      judgement: { max: 0.01, share: 0.5 },
      expected: 4,
      verdict: "inconclusive",
    },
    // Enough real passes despite no data elsewhere: a pass.
    { samples: [0, 0, null, null], judgement: { max: 0.01, share: 0.5 }, expected: 4, verdict: "pass" },
    // Misses are evidence even among no data: a fail.
    {
      samples: [null, null, 0.5, 0.5],
      judgement: { max: 0.01, share: 0.75 },
      expected: 4,
      verdict: "fail",
      early: false,
    },
    // No data early on makes a pass unreachable, but a fail is still possible: go on.
    { samples: [null], judgement: maxOne, expected: 3, verdict: null },
    // Neither a pass nor a fail can be reached any more: inconclusive at once.
    {
      samples: [null, null],
      judgement: { max: 0.01, share: 0.5 },
      expected: 3,
      verdict: "inconclusive",
      early: true,
    },
    // Share 0: any data passes; no data is still no pass.
    { samples: [5, 5], judgement: { max: 0.01, share: 0 }, expected: 2, verdict: "pass" },
    { samples: [null, null], judgement: { max: 0.01, share: 0 }, expected: 2, verdict: "inconclusive" },
    // Samples beyond the window do not count.
    { samples: [0, 0, 5], judgement: maxOne, expected: 2, verdict: "pass" },
  ];
  for (const c of cases) {
    const result = judgeWindow(values(...c.samples), c.judgement, c.expected);
    assert.equal(result.verdict, c.verdict, JSON.stringify(c));
    if (c.early !== undefined) assert.equal(result.early, c.early, JSON.stringify(c));
  }
});

test("a certain pass ends the window early only when asked to", () => {
  const judgement = { min: 1, share: 0.5 };
  assert.equal(judgeWindow(values(1, 1, 1), judgement, 6).verdict, null);
  const early = judgeWindow(values(1, 1, 1), judgement, 6, { passEarly: true });
  assert.equal(early.verdict, "pass");
  assert.equal(early.early, true);
});

const mark = fc.constantFrom<number | null>(0, 1, null);
const windowCase = fc
  .record({
    expected: fc.integer({ min: 1, max: 7 }),
    share: fc.constantFrom(0, 0.3, 0.5, 0.75, 0.9, 0.99, 1),
    passEarly: fc.boolean(),
  })
  .chain((c) =>
    fc.record({
      expected: fc.constant(c.expected),
      share: fc.constant(c.share),
      passEarly: fc.constant(c.passEarly),
      prefix: fc.array(mark, { maxLength: c.expected }),
    }),
  );
// Values 0 meet max 0.5, 1 miss it, null has no data.
const halfMax = (share: number): Judgement => ({ max: 0.5, share });

function* continuations(length: number): Generator<(number | null)[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const rest of continuations(length - 1)) for (const m of [0, 1, null]) yield [m, ...rest];
}

test("a final verdict is the verdict of every way the window can end (fail fast never guesses)", () => {
  fc.assert(
    fc.property(windowCase, ({ expected, share, passEarly, prefix }) => {
      const judgement = halfMax(share);
      const now = judgeWindow(values(...prefix), judgement, expected, { passEarly });
      if (now.verdict === null) return;
      for (const rest of continuations(expected - prefix.length)) {
        const end = judgeWindow(values(...prefix, ...rest), judgement, expected);
        assert.equal(end.verdict, now.verdict, `${JSON.stringify(prefix)} then ${JSON.stringify(rest)}`);
      }
    }),
  );
});

test("the verdict is final as soon as the end is certain (a pass only with passEarly)", () => {
  fc.assert(
    fc.property(windowCase, ({ expected, share, passEarly, prefix }) => {
      const judgement = halfMax(share);
      const ends = new Set<string | null>();
      for (const rest of continuations(expected - prefix.length)) {
        ends.add(judgeWindow(values(...prefix, ...rest), judgement, expected).verdict);
      }
      const now = judgeWindow(values(...prefix), judgement, expected, { passEarly });
      if (ends.size === 1) {
        const only = [...ends][0];
        if (only === "pass" && !passEarly && prefix.length < expected) assert.equal(now.verdict, null);
        else assert.equal(now.verdict, only);
      } else {
        assert.equal(now.verdict, null);
      }
    }),
  );
});

test("no data is never a pass: a pass always has enough real samples within the bound", () => {
  fc.assert(
    fc.property(windowCase, ({ expected, share, prefix }) => {
      const samples = [...prefix, ...Array<null>(expected - prefix.length).fill(null)];
      const result = judgeWindow(values(...samples), halfMax(share), expected);
      if (result.verdict === "pass") {
        assert.ok(result.met >= neededSamples(share, expected));
        assert.ok(result.met + result.missed > 0);
      }
      // Turning any sample into no data never turns a window into a pass.
      for (let i = 0; i < samples.length; i++) {
        const without = samples.map((v, j) => (j === i ? null : v));
        const after = judgeWindow(values(...without), halfMax(share), expected).verdict;
        if (result.verdict !== "pass") assert.notEqual(after, "pass");
      }
    }),
  );
});

test("a complete window always has a verdict, and asking for more never helps it pass", () => {
  fc.assert(
    fc.property(
      fc.array(mark, { minLength: 1, maxLength: 12 }),
      fc.constantFrom(0, 0.3, 0.5, 0.9, 1),
      fc.constantFrom(0, 0.3, 0.5, 0.9, 1),
      (samples, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lenient = judgeWindow(values(...samples), halfMax(low), samples.length).verdict;
        const strict = judgeWindow(values(...samples), halfMax(high), samples.length).verdict;
        assert.notEqual(lenient, null);
        if (strict === "pass") assert.equal(lenient, "pass");
        if (lenient === "fail") assert.equal(strict, "fail");
      },
    ),
  );
});
