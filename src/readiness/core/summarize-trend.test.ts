import { test } from "node:test";
import assert from "node:assert/strict";
import type { HistoryRecord } from "../types.js";
import { summarizeTrend } from "./summarize-trend.js";

function runs(...scores: number[]): HistoryRecord[] {
  return scores.map((score, i) => ({
    v: 1,
    at: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    checklist: "RELEASE.md",
    commit: null,
    score,
    band: "In Progress",
    ready: score >= 90,
    threshold: 90,
    coverage: 100,
    blockers: 0,
    categories: [],
    origin: "update",
  }));
}

test("no runs give no trend", () => {
  assert.equal(summarizeTrend([], 10), null);
});

test("a single run is flat with no previous score", () => {
  assert.deepEqual(summarizeTrend(runs(84.1), 10), {
    current: 84.1,
    previous: null,
    change: null,
    average: 84.1,
    window: 1,
    direction: "flat",
    arrow: "→",
  });
});

test("a rise shows up, a fall down, and the change is rounded to one decimal", () => {
  const up = summarizeTrend(runs(80, 84.11), 10);
  assert.equal(up?.change, 4.1);
  assert.equal(up?.direction, "up");
  assert.equal(up?.arrow, "↑");
  const down = summarizeTrend(runs(90, 87.45), 10);
  assert.equal(down?.change, -2.6);
  assert.equal(down?.direction, "down");
  assert.equal(down?.arrow, "↓");
});

test("a change that rounds to zero is flat", () => {
  const trend = summarizeTrend(runs(87.5, 87.52), 10);
  assert.equal(trend?.change, 0);
  assert.equal(trend?.direction, "flat");
  assert.equal(trend?.arrow, "→");
});

test("floating-point noise does not turn a 0.05 step into flat", () => {
  assert.equal(summarizeTrend(runs(87.4, 87.45), 10)?.change, 0.1);
});

test("the average covers only the last `window` runs", () => {
  const trend = summarizeTrend(runs(10, 20, 80, 90, 100), 3);
  assert.equal(trend?.average, 90);
  assert.equal(trend?.window, 3);
  assert.equal(trend?.previous, 90);
  assert.equal(trend?.current, 100);
});

test("a window longer than the history averages what there is, to one decimal", () => {
  const trend = summarizeTrend(runs(80, 85, 87.5), 10);
  assert.equal(trend?.average, 84.2);
  assert.equal(trend?.window, 3);
});
