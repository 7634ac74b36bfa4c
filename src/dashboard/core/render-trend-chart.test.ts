import assert from "node:assert/strict";
import { test } from "node:test";
import type { HistoryRecord } from "../../readiness/types.js";
import {
  NARROW,
  SCORE,
  WIDE,
  findOverlaps,
  renderTrendChart,
  type TrendChartInput,
} from "./render-trend-chart.js";

function run(at: string, score: number, categories: Record<string, number | null>): HistoryRecord {
  return {
    v: 1,
    at,
    checklist: "c.md",
    commit: null,
    score,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 0,
    categories: Object.entries(categories).map(([name, s]) => ({ name, score: s, passed: 1, total: 2 })),
    origin: "update",
  };
}

const input: TrendChartInput = {
  history: [
    run("2026-01-01T00:00:00Z", 50, { A: 50, B: 50, C: 0, D: 100 }),
    run("2026-01-02T00:00:00Z", 75, { A: 75, B: 75, C: 0, D: 100 }),
  ],
  now: run("2026-01-03T00:00:00Z", 80, { A: 80, B: 80, C: 100, D: 100 }),
  threshold: 90,
  categories: ["A", "B", "C", "D"],
};

test("lines with the same value at every run, now included, are found to overlap; the score with them", () => {
  assert.deepEqual(findOverlaps(input), [[SCORE, 0, 1]]);
  // Differing only now: no overlap.
  assert.deepEqual(findOverlaps({ ...input, now: run("2026-01-03T00:00:00Z", 82, { A: 80, B: 70 }) }), []);
  assert.deepEqual(findOverlaps({ ...input, history: [], now: null }), []);
});

test("overlapping category lines are drawn either side of the score, each apart from the others", () => {
  for (const layout of [WIDE, NARROW]) {
    const svg = renderTrendChart(input, layout).toString();
    const paths = [...svg.matchAll(/<path class="cat c(\d) d\d" d="([^"]+)"/g)].map((m) => m[2]!);
    assert.equal(paths.length, 4);
    assert.equal(new Set(paths).size, 4, "every category line has a path of its own");
    const score = /<path class="score-line" d="M[\d.]+,([\d.]+)/.exec(svg)![1];
    const firstY = (d: string) => Number(/^M[\d.]+,([\d.]+)/.exec(d)![1]);
    assert.ok(firstY(paths[0]!) < Number(score) && firstY(paths[1]!) > Number(score), layout.id);
  }
});
