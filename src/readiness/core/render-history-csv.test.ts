import { test } from "node:test";
import assert from "node:assert/strict";
import type { HistoryRecord } from "../types.js";
import { renderHistoryCsv } from "./render-history-csv.js";

function record(overrides: Partial<HistoryRecord>): HistoryRecord {
  return {
    v: 1,
    at: "2025-01-02T03:04:05.000Z",
    checklist: "RELEASE.md",
    commit: null,
    score: 87.5,
    band: "Minor Blockers",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 3,
    categories: [],
    origin: "update",
    ...overrides,
  };
}

test("one column per category, in first-seen order, empty where a run lacks it", () => {
  const csv = renderHistoryCsv([
    record({ commit: "abc123", categories: [{ name: "Core Gates", score: 87.5, passed: 7, total: 8 }] }),
    record({
      score: 95,
      ready: true,
      band: "Release Ready",
      categories: [
        { name: "Optional Gates", score: null, passed: 0, total: 0 },
        { name: "Core Gates", score: 100, passed: 8, total: 8 },
      ],
    }),
  ]);
  assert.equal(
    csv,
    "timestamp,score,band,ready,threshold,coverage,blockers,commit,Core Gates,Optional Gates\n" +
      "2025-01-02T03:04:05.000Z,87.5,Minor Blockers,false,90,100,3,abc123,87.5,\n" +
      "2025-01-02T03:04:05.000Z,95,Release Ready,true,90,100,3,,100,\n",
  );
});

test("no runs give the header alone", () => {
  assert.equal(renderHistoryCsv([]), "timestamp,score,band,ready,threshold,coverage,blockers,commit\n");
});

test("fields with commas, quotes or newlines are quoted with quotes doubled", () => {
  const csv = renderHistoryCsv([
    record({
      band: 'Almost "there", nearly',
      categories: [{ name: "Docs\nand guides", score: 50, passed: 1, total: 2 }],
    }),
  ]);
  const [header, row] = csv.split(/\n(?=2025)/);
  assert.ok(header?.endsWith(',"Docs\nand guides"'));
  assert.equal(row, '2025-01-02T03:04:05.000Z,87.5,"Almost ""there"", nearly",false,90,100,3,,50\n');
});

test("text a spreadsheet would run as a formula is neutralised; negative numbers are not", () => {
  const csv = renderHistoryCsv([
    record({
      band: '=HYPERLINK("http://evil","x")',
      commit: "@SUM(1+1)",
      categories: [
        { name: "+cmd", score: 10, passed: 0, total: 0 },
        { name: "-2+3", score: 20, passed: 0, total: 0 },
      ],
      threshold: -5,
    }),
  ]);
  const [header, row] = csv.split("\n");
  assert.equal(header, "timestamp,score,band,ready,threshold,coverage,blockers,commit,'+cmd,'-2+3");
  assert.equal(
    row,
    `2025-01-02T03:04:05.000Z,87.5,"'=HYPERLINK(""http://evil"",""x"")",false,-5,100,3,'@SUM(1+1),10,20`,
  );
});
