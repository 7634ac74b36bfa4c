import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { pickBandReport } from "../band-reports.js";
import type { DeployEvent, IncidentEvent } from "../types.js";
import { classifyHistory } from "./classify-history.js";
import { computeMetrics } from "./compute-metrics.js";
import { measureHistory } from "./measure-history.js";

const DAY = 86_400_000;
// A Monday: 12 whole ISO weeks from here.
const START = Date.parse("2026-01-05T00:00:00Z");
const END = START + 84 * DAY;
const bands = pickBandReport("2024")!;

function deploy(id: string, ms: number, fields: Partial<DeployEvent> = {}): DeployEvent {
  return {
    repo: "acme/shop",
    source: "import",
    sourceId: id,
    environment: "production",
    version: null,
    commit: null,
    startedAt: null,
    finishedAt: new Date(ms).toISOString(),
    status: "success",
    statusReason: null,
    rework: null,
    fixes: null,
    changes: null,
    url: null,
    ...fields,
  };
}

function measure(deploys: DeployEvent[], minSample = 5, incidents: IncidentEvent[] = []) {
  const history = classifyHistory({
    deploys,
    incidents,
    recoveries: [],
    matches: ["production"],
    since: START,
    until: END,
    changes: () => undefined,
  });
  return computeMetrics(history, { since: START, until: END }, minSample, bands).metrics;
}

/** Deploys at noon on the given day offsets of each week. */
function weekly(days: number[], weeks = 12): DeployEvent[] {
  return Array.from({ length: weeks }, (_, w) =>
    days.map((d) => deploy(`w${w}d${d}`, START + (w * 7 + d) * DAY + DAY / 2)),
  ).flat();
}

test("Four Keys' buckets over whole weeks and months", () => {
  const cases: [string, DeployEvent[], string, string][] = [
    ["three days a week", weekly([0, 2, 4]), "daily", "on-demand"],
    ["twice a day on two days", weekly([1, 1, 3, 3]), "weekly", "daily-to-weekly"],
    [
      "seven weeks of twelve",
      weekly([2])
        .filter((_, i) => i % 2 === 0)
        .concat(deploy("x", START + 7 * DAY + DAY)),
      "weekly",
      "daily-to-weekly",
    ],
    ["six weeks of twelve", weekly([2]).filter((_, i) => i % 2 === 0), "monthly", "weekly-to-monthly"],
    [
      "once a month",
      [deploy("jan", START + 10 * DAY), deploy("feb", START + 40 * DAY), deploy("mar", START + 60 * DAY)],
      "monthly",
      "weekly-to-monthly",
    ],
    ["once in the period", [deploy("one", START + 10 * DAY)], "yearly", "monthly-to-biannual"],
  ];
  for (const [name, deploys, bucket, category] of cases) {
    const metric = measure(deploys).deploymentFrequency;
    assert.equal(metric.bucket, bucket, name);
    assert.equal(metric.category, category, name);
    assert.equal(metric.wholeWeeks, 12);
    assert.equal(metric.deploys, deploys.length);
  }
  const none = measure([]).deploymentFrequency;
  assert.equal(none.category, "less-than-biannual");
  assert.equal(none.level.level, "low");
});

test("rates and times below the minimum sample say how much there is and what is needed", () => {
  const metrics = measure(weekly([0]).slice(0, 4), 5);
  assert.equal(metrics.changeFailRate.status, "not-enough-data");
  assert.equal(metrics.changeFailRate.rate, null);
  assert.equal(metrics.changeFailRate.note, "4 deploys, 5 needed");
  assert.equal(metrics.changeFailRate.level.level, null);
  assert.equal(
    metrics.changeLeadTime.note,
    "0 changes, 5 needed (from successful deploys with known changes)",
  );
  assert.equal(metrics.recoveryTime.status, "not-enough-data");
  assert.equal(measure(weekly([0]).slice(0, 5), 5).changeFailRate.status, "ok");
});

test("a period without a whole ISO week has no frequency", () => {
  const history = classifyHistory({
    deploys: [deploy("a", START + DAY)],
    incidents: [],
    recoveries: [],
    matches: ["production"],
    since: START + DAY / 2,
    until: START + 3 * DAY,
    changes: () => undefined,
  });
  const frequency = computeMetrics(history, { since: START + DAY / 2, until: START + 3 * DAY }, 1, bands)
    .metrics.deploymentFrequency;
  assert.equal(frequency.status, "not-enough-data");
  assert.match(frequency.note!, /no whole ISO week/);
});

test("metrics do not depend on the order events come in, nor on a less trusted source repeating them", () => {
  const arbitraryDeploy = fc.record({
    day: fc.integer({ min: -10, max: 90 }),
    hour: fc.integer({ min: 0, max: 23 }),
    status: fc.constantFrom("success", "success", "failure", "rolled-back", "aborted"),
    commit: fc.stringMatching(/^[0-9a-f]{8}$/),
  });
  fc.assert(
    fc.property(
      fc.array(arbitraryDeploy, { maxLength: 25 }),
      fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 5 }),
      (specs, incidentDays) => {
        const deploys = specs.map((s, i) =>
          deploy(`d${i}`, START + s.day * DAY + s.hour * 3_600_000, {
            status: s.status as DeployEvent["status"],
            commit: `${s.commit}${i}`,
          }),
        );
        const incidents = incidentDays.map((d, i): IncidentEvent => ({
          repo: "acme/shop",
          source: "import",
          sourceId: `i${i}`,
          environment: null,
          openedAt: new Date(START + d * DAY + 1000).toISOString(),
          resolvedAt: new Date(START + d * DAY + 7_200_000).toISOString(),
          causeVersion: null,
          causeCommit: null,
          causeDeployId: null,
          title: null,
          url: null,
        }));
        const base = measure(deploys, 1, incidents);
        assert.deepEqual(measure([...deploys].reverse(), 1, [...incidents].reverse()), base);
        const echoes = deploys.map((d) => ({
          ...d,
          source: "github-deployment" as const,
          sourceId: `gh-${d.sourceId}`,
        }));
        assert.deepEqual(measure([...echoes, ...deploys], 1, incidents), base);
        const rate = base.changeFailRate.rate;
        if (rate !== null) assert.ok(rate >= 0 && rate <= 1);
      },
    ),
  );
});

test("measureHistory reports the period, the report and, with explain, every deploy behind the numbers", () => {
  const report = measureHistory(
    {
      deploys: [
        deploy("a", START + DAY),
        deploy("b", START + 2 * DAY, { status: "rolled-back" }),
        deploy("old", START - DAY),
      ],
      incidents: [],
      recoveries: [],
      matches: ["production"],
      since: START,
      until: END,
      changes: () => undefined,
    },
    { repo: "acme/shop", environment: "production", minSample: 1, bands, explain: true },
  );
  assert.equal(report.period.days, 84);
  assert.equal(report.report.id, "dora-2024");
  assert.deepEqual(
    report.explain!.deploys.map((d) => [d.ref, d.failed, d.failures]),
    [
      ["import:a", false, []],
      ["import:b", true, ["status rolled-back"]],
    ],
  );
  assert.equal(report.metrics.changeFailRate.rate, 0.5);
});
