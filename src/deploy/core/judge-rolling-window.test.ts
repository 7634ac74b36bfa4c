import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { judgeRollingWindow } from "./judge-rolling-window.js";
import { judgeWindow } from "./judge-window.js";

const judgement = { max: 0.5, share: 0.75 };
const values = (v: (number | null)[]) => v.map((value) => ({ value }));

test("a full rolling window is judged as a complete window of the last samples", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom<number | null>(0, 1, null), { maxLength: 30 }),
      fc.integer({ min: 1, max: 8 }),
      (samples, size) => {
        const rolling = judgeRollingWindow(values(samples), judgement, size);
        if (samples.length >= size) {
          const last = samples.slice(samples.length - size);
          assert.equal(rolling.verdict, judgeWindow(values(last), judgement, size).verdict);
          assert.equal(rolling.from, samples.length - size);
        } else {
          // Filling: only a failure can be told early.
          assert.ok(rolling.verdict === null || rolling.verdict === "fail");
          assert.equal(rolling.from, 0);
        }
      },
    ),
  );
});

test("table: the first window can fail before it is full, and rolls on after", () => {
  assert.equal(judgeRollingWindow(values([1, 1]), judgement, 4).verdict, "fail");
  assert.equal(judgeRollingWindow(values([0, 1]), judgement, 4).verdict, null);
  assert.equal(judgeRollingWindow(values([1, 1, 0, 0, 0, 0]), judgement, 4).verdict, "pass");
  assert.equal(judgeRollingWindow(values([0, 0, 0, 0, null, null]), judgement, 4).verdict, "inconclusive");
});
