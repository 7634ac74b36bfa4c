import { formatCsv } from "../../shared/format-csv-field.js";
import type { MetricsReport, Summary } from "../types.js";

const COLUMNS = ["scope", "week", "metric", "status", "count", "value", "median", "p90", "unit", "level"];

const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? "" : String(Number(value.toFixed(6)));

/**
 * The metrics as CSV, one row per metric over the period, then (with `weekly`) one per metric and
 * ISO week: scope, week, metric, status, count, value, median, p90, unit, level. Durations are in
 * seconds, rates 0..1; the columns and their order do not change.
 */
export function renderMetricsCsv(report: MetricsReport, weekly: boolean): string {
  const m = report.metrics;
  const rows: string[][] = [COLUMNS];
  const period = (
    metric: string,
    status: string,
    count: number,
    value: number | null,
    s: Partial<Summary>,
    unit: string,
    level: string | null,
  ) =>
    rows.push([
      "period",
      "",
      metric,
      status,
      String(count),
      num(value),
      num(s.median),
      num(s.p90),
      unit,
      level ?? "",
    ]);
  const f = m.deploymentFrequency;
  period("deploymentFrequency", f.status, f.count, f.perWeek, f.weeklyDeploys, "deploys/week", f.level.level);
  period(
    "changeLeadTime",
    m.changeLeadTime.status,
    m.changeLeadTime.count,
    m.changeLeadTime.median,
    m.changeLeadTime,
    "seconds",
    m.changeLeadTime.level.level,
  );
  period(
    "changeFailRate",
    m.changeFailRate.status,
    m.changeFailRate.count,
    m.changeFailRate.rate,
    m.changeFailRate.weekly,
    "ratio",
    m.changeFailRate.level.level,
  );
  period(
    "recoveryTime",
    m.recoveryTime.status,
    m.recoveryTime.count,
    m.recoveryTime.median,
    m.recoveryTime,
    "seconds",
    m.recoveryTime.level.level,
  );
  period(
    "reworkRate",
    m.reworkRate.status,
    m.reworkRate.count,
    m.reworkRate.rate,
    m.reworkRate.weekly,
    "ratio",
    m.reworkRate.level.level,
  );
  if (weekly) {
    for (const w of report.weeks) {
      const row = (metric: string, count: number, value: number | null, s: Partial<Summary>, unit: string) =>
        rows.push([
          "week",
          w.week,
          metric,
          count > 0 ? "ok" : "no-data",
          String(count),
          num(value),
          num(s.median),
          num(s.p90),
          unit,
          "",
        ]);
      row("deploymentFrequency", w.deploys, w.deploys, {}, "deploys");
      row("changeLeadTime", w.leadTime.count, w.leadTime.median, w.leadTime, "seconds");
      row("changeFailRate", w.deploys, w.changeFailRate, {}, "ratio");
      row("recoveryTime", w.recoveryTime.count, w.recoveryTime.median, w.recoveryTime, "seconds");
      row("reworkRate", w.deploys, w.reworkRate, {}, "ratio");
    }
  }
  return formatCsv(rows);
}
