import assert from "node:assert/strict";
import { test } from "node:test";
import type { HistoryRecord } from "../types.js";
import { baselineFiguresOf, chooseBaseline, type ReleaseMark } from "./choose-baseline.js";

function record(at: string, commit: string | null, lines?: number): HistoryRecord {
  return {
    v: 1,
    at,
    checklist: "RELEASE_CHECKLIST.md",
    commit,
    score: 80,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 0,
    categories: [],
    origin: "update",
    ...(lines !== undefined && { figures: { "coverage:lcov.info": { lines } } }),
  };
}

const RELEASE: ReleaseMark = { tag: "v1.2.0", commit: "bbb", at: "2026-05-10T12:00:00+02:00" };

test("the baseline is the latest record of the release's commit, else the last record made before the release", () => {
  const cases: { name: string; records: HistoryRecord[]; lines: number | null; missing?: RegExp }[] = [
    {
      name: "records of the tagged commit: the latest one, even if made after the tag",
      records: [
        record("2026-05-01T00:00:00Z", "aaa", 70),
        record("2026-05-10T09:00:00Z", "bbb", 75),
        record("2026-05-10T11:00:00Z", "bbb", 76),
        record("2026-05-12T00:00:00Z", "ccc", 90),
      ],
      lines: 76,
    },
    {
      name: "no record of the tagged commit: the last one at or before the release (offsets compared as times)",
      records: [
        record("2026-05-01T00:00:00Z", "aaa", 70),
        record("2026-05-10T10:00:00Z", "aab", 71),
        record("2026-05-10T10:00:01Z", "ccc", 90),
      ],
      lines: 71,
    },
    {
      name: "every record after the release",
      records: [record("2026-05-11T00:00:00Z", "ccc", 90)],
      lines: null,
      missing: /no run was recorded at v1\.2\.0 or before it: the next release sets it/,
    },
    { name: "no history", records: [], lines: null, missing: /the next release sets it/ },
  ];
  for (const c of cases) {
    const baseline = chooseBaseline(c.records, RELEASE);
    const found = baselineFiguresOf(baseline, "coverage:lcov.info");
    if (c.lines === null) {
      assert.ok("missing" in found, c.name);
      assert.match(found.missing, c.missing!, c.name);
      assert.equal(baseline.record, null, c.name);
    } else {
      assert.deepEqual(found, { figures: { lines: c.lines } }, c.name);
      assert.deepEqual(baseline.release, { tag: "v1.2.0", commit: "bbb" }, c.name);
    }
  }
});

test("before the first release there is no baseline, and the message says the first release sets it", () => {
  const baseline = chooseBaseline([record("2026-05-01T00:00:00Z", "aaa", 70)], null);
  assert.equal(baseline.release, null);
  assert.equal(baseline.missing, "no release tag yet: the first release sets it");
  assert.deepEqual(baselineFiguresOf(baseline, "coverage:lcov.info"), {
    missing: "no release tag yet: the first release sets it",
  });
});

test("a release record without figures for this evidence (recorded before they were kept) is no baseline for it", () => {
  const baseline = chooseBaseline([record("2026-05-10T09:00:00Z", "bbb")], RELEASE);
  assert.equal(baseline.missing, null);
  const found = baselineFiguresOf(baseline, "coverage:lcov.info");
  assert.ok("missing" in found);
  assert.match(
    found.missing,
    /recorded for v1\.2\.0 has no figures for this evidence: the next release sets them/,
  );
});
