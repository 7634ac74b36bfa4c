import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePeriod } from "./parse-period.js";

const NOW = Date.parse("2026-06-01T12:00:00Z");

test("periods from spans, days and times", () => {
  const cases: [string | undefined, string | undefined, string, string][] = [
    [undefined, undefined, "2026-03-03T12:00:00.000Z", "2026-06-01T12:00:00.000Z"],
    ["7d", undefined, "2026-05-25T12:00:00.000Z", "2026-06-01T12:00:00.000Z"],
    ["2w", "2026-05-01", "2026-04-17T00:00:00.000Z", "2026-05-01T00:00:00.000Z"],
    ["36h", "2026-05-02T12:00:00+02:00", "2026-04-30T22:00:00.000Z", "2026-05-02T10:00:00.000Z"],
    ["2026-01-01", "2026-04-01", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
  ];
  for (const [since, until, start, end] of cases) {
    const period = parsePeriod(since, until, NOW);
    assert.ok(period.ok, `${since} ${until}`);
    assert.equal(new Date(period.since).toISOString(), start);
    assert.equal(new Date(period.until).toISOString(), end);
  }
});

test("bad periods say which flag and how to write it", () => {
  const cases: [string | undefined, string | undefined, "--since" | "--until", RegExp][] = [
    ["90 days", undefined, "--since", /neither a span nor a time/],
    ["3m", undefined, "--since", /neither/],
    ["0d", undefined, "--since", /empty period/],
    [undefined, "yesterday", "--until", /neither/],
    [undefined, "2026-03-01T09:00:00", "--until", /neither/],
    ["2026-07-01", undefined, "--since", /not before its end/],
  ];
  for (const [since, until, flag, problem] of cases) {
    const period = parsePeriod(since, until, NOW);
    assert.ok(!period.ok);
    assert.equal(period.flag, flag);
    assert.match(period.problem, problem);
    assert.ok(period.fix.length > 0);
  }
});
