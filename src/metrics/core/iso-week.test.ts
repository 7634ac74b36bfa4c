import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { isoWeek, monthOf, monthsOf, weeksOf } from "./iso-week.js";

test("ISO weeks as calendars print them, across year ends", () => {
  const cases: [string, string, string][] = [
    ["2026-01-01T12:00:00Z", "2026-W01", "2025-12-29"],
    ["2025-12-28T23:59:59Z", "2025-W52", "2025-12-22"],
    ["2021-01-03T00:00:00Z", "2020-W53", "2020-12-28"],
    ["2021-01-04T00:00:00Z", "2021-W01", "2021-01-04"],
    ["2024-12-30T00:00:00Z", "2025-W01", "2024-12-30"],
    ["2026-03-02T00:00:00Z", "2026-W10", "2026-03-02"],
    ["2026-03-08T23:59:59Z", "2026-W10", "2026-03-02"],
  ];
  for (const [at, week, monday] of cases) {
    const found = isoWeek(Date.parse(at));
    assert.equal(found.week, week, at);
    assert.equal(new Date(found.start).toISOString().slice(0, 10), monday, at);
  }
});

test("every instant lies in the week that starts on its Monday, which is 0 to 6 days before", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
      const { start } = isoWeek(ms);
      assert.ok(start <= ms && ms < start + 7 * 86_400_000);
      assert.equal(new Date(start).getUTCDay(), 1);
    }),
  );
});

test("the month of an instant is the one a calendar gives, around month and leap-year ends and before 1970", () => {
  const cases: [string, string][] = [
    ["2026-02-28T23:59:59.999Z", "2026-02"],
    ["2026-03-01T00:00:00.000Z", "2026-03"],
    ["2024-02-29T12:00:00Z", "2024-02"],
    ["2000-02-29T00:00:00Z", "2000-02"],
    ["1900-03-01T00:00:00Z", "1900-03"],
    ["1969-12-31T23:59:59.999Z", "1969-12"],
    ["2025-12-31T23:59:59.999Z", "2025-12"],
    ["2026-01-01T00:00:00Z", "2026-01"],
  ];
  for (const [at, month] of cases) assert.equal(monthOf(Date.parse(at)), month, at);
  fc.assert(
    fc.property(fc.integer({ min: -30_610_224_000_000, max: 253_402_300_799_999 }), (ms) => {
      assert.equal(monthOf(ms), new Date(ms).toISOString().slice(0, 7));
    }),
    { numRuns: 5000 },
  );
});

test("weeksOf marks the weeks a period cuts; monthsOf the months", () => {
  const weeks = weeksOf(Date.parse("2026-03-04T00:00:00Z"), Date.parse("2026-03-23T00:00:00Z"));
  assert.deepEqual(
    weeks.map((w) => [w.week, w.whole]),
    [
      ["2026-W10", false],
      ["2026-W11", true],
      ["2026-W12", true],
    ],
  );
  const months = monthsOf(Date.parse("2025-12-15T00:00:00Z"), Date.parse("2026-03-01T00:00:00Z"));
  assert.deepEqual(
    months.map((m) => [m.month, m.whole]),
    [
      ["2025-12", false],
      ["2026-01", true],
      ["2026-02", true],
    ],
  );
});
