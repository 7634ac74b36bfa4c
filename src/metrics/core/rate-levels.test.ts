import assert from "node:assert/strict";
import { test } from "node:test";
import { BAND_REPORTS, pickBandReport } from "../band-reports.js";
import type { FrequencyCategory } from "../types.js";
import { describeHours, rateLevel } from "./rate-levels.js";

const report = (year: number) => pickBandReport(String(year))!;

test("every report ships as data with a source, and --report picks one (the latest by default)", () => {
  assert.deepEqual(
    BAND_REPORTS.map((r) => r.id),
    ["dora-2021", "dora-2022", "dora-2023", "dora-2024"],
  );
  assert.equal(pickBandReport(null)!.id, "dora-2024");
  assert.equal(pickBandReport("dora-2022")!.year, 2022);
  assert.equal(pickBandReport("2019"), null);
  for (const r of BAND_REPORTS) {
    assert.match(r.source.url, /^https:\/\/dora\.dev\//);
    for (const [metric, bands] of Object.entries(r.metrics)) {
      for (const level of Object.keys(bands ?? {}))
        assert.ok(r.levels.includes(level as never), `${r.id} ${metric} ${level}`);
    }
  }
});

test("cells recalled but not checked are marked so in the data", () => {
  const unchecked = (year: number) =>
    Object.values(report(year).metrics).flatMap((bands) =>
      Object.values(bands ?? {}).filter((cell) => !(cell as { checked: boolean }).checked),
    );
  assert.equal(unchecked(2023).length, 16, "every 2023 cell was recalled");
  assert.equal(report(2024).metrics.changeFailRate.medium!.checked, false);
  assert.equal(report(2024).metrics.changeFailRate.elite!.checked, true);
  assert.equal(report(2024).metrics.deploymentFrequency.low!.checked, true);
  assert.equal(report(2024).metrics.recoveryTime.elite!.checked, false);
});

test("times: the best level whose upper bound the median does not pass, gaps and all", () => {
  const cases: [number, "changeLeadTime" | "recoveryTime", number, string | null, RegExp][] = [
    [2024, "changeLeadTime", 5, "elite", /lies in dora-2024's Elite band \(Less than one day\)/],
    [2024, "changeLeadTime", 24, "elite", /Elite/],
    [2024, "changeLeadTime", 25, "high", /High band/],
    [2024, "changeLeadTime", 2000, "low", /Low band/],
    [2024, "changeLeadTime", 9000, "low", /worse than every dora-2024 band .* rated Low, the lowest/],
    [
      2021,
      "changeLeadTime",
      5,
      "high",
      /falls between dora-2021's Elite band \(Less than one hour\) and its High band/,
    ],
    [2021, "changeLeadTime", 0.5, "elite", /Elite/],
    [2021, "recoveryTime", 30, "medium", /\(dora-2021 measured time to restore service\)/],
    [2022, "changeLeadTime", 1, "high", /lies in dora-2022's High band/],
    [2023, "recoveryTime", 200, "low", /falls between dora-2023's Medium band .* and its Low band/],
  ];
  for (const [year, metric, hours, level, reason] of cases) {
    const rating = rateLevel(report(year), metric, hours * 3600);
    assert.equal(rating.level, level, `${year} ${metric} ${hours} h: ${rating.reason}`);
    assert.match(rating.reason, reason);
  }
});

test("rates: ranges by upper bound, point estimates by the nearest cluster", () => {
  const cases: [number, number, string, RegExp][] = [
    [2021, 0.1, "elite", /lies in dora-2021's Elite band \(0-15%\)/],
    [2021, 0.155, "high", /falls between/],
    [2021, 0.5, "low", /worse than every/],
    [2022, 0.4, "low", /falls between dora-2022's Medium band/],
    [2024, 0.04, "elite", /nearest dora-2024's Elite cluster \(5%\)/],
    [2024, 0.09, "medium", /Medium cluster \(10%\)/],
    [2024, 0.16, "high", /High cluster \(20%\)/],
    [2024, 0.9, "low", /Low cluster/],
    [2023, 0.3, "medium", /Medium cluster \(15%\)/],
  ];
  for (const [year, rate, level, reason] of cases) {
    const rating = rateLevel(report(year), "changeFailRate", rate);
    assert.equal(rating.level, level, `${year} ${rate}: ${rating.reason}`);
    assert.match(rating.reason, reason);
  }
  const rework = rateLevel(report(2024), "reworkRate", 0.1);
  assert.equal(rework.level, null);
  assert.match(rework.reason, /publishes no bands for deployment rework rate/);
});

test("deployment frequency: the best level whose least frequent category it reaches", () => {
  const cases: [number, FrequencyCategory, string, RegExp][] = [
    [2024, "on-demand", "elite", /lies in/],
    [
      2024,
      "daily-to-weekly",
      "high",
      /lies in dora-2024's High band \(Between once per day and once per week\)/,
    ],
    [2024, "less-than-biannual", "low", /worse than every/],
    [2021, "daily-to-weekly", "high", /falls between dora-2021's Elite band .* and its High band/],
    [2023, "monthly-to-biannual", "low", /worse than every/],
  ];
  for (const [year, category, level, reason] of cases) {
    const rating = rateLevel(report(year), "deploymentFrequency", category);
    assert.equal(rating.level, level, `${year} ${category}: ${rating.reason}`);
    assert.match(rating.reason, reason);
  }
});

test("hours read as people say them", () => {
  assert.equal(describeHours(0.5), "30 min");
  assert.equal(describeHours(5.25), "5.3 h");
  assert.equal(describeHours(72), "3 d");
});
