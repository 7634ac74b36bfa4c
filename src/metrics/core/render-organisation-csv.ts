import { formatCsv } from "../../shared/format-csv-field.js";
import type { DeliveryMetrics, MetricName, OrganisationReport } from "../types.js";
import { METRIC_NAMES } from "../types.js";

const COLUMNS = [
  "repo",
  "metric",
  "status",
  "count",
  "value",
  "median",
  "p90",
  "unit",
  "level",
  "readiness_score",
  "readiness_verdict",
  "problem",
];

const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? "" : String(Number(value.toFixed(6)));

/** Each metric's value over the period, its median and p90 (weekly for rates and frequency), and its unit. */
function figures(
  m: DeliveryMetrics,
  name: MetricName,
): [value: number | null, median: number | null, p90: number | null, unit: string] {
  switch (name) {
    case "deploymentFrequency": {
      const f = m.deploymentFrequency;
      return [f.perWeek, f.weeklyDeploys.median, f.weeklyDeploys.p90, "deploys/week"];
    }
    case "changeLeadTime":
    case "recoveryTime":
      return [m[name].median, m[name].median, m[name].p90, "seconds"];
    case "changeFailRate":
    case "reworkRate":
      return [m[name].rate, m[name].weekly.median, m[name].weekly.p90, "ratio"];
  }
}

/**
 * `metrics --org --csv`: one row per repository and metric (repo, metric, status, count, value,
 * median, p90, unit, level, readiness_score, readiness_verdict, problem). A repository without
 * metrics has a row per metric with status `unmeasured` and the problem. Durations in seconds,
 * rates 0..1; the columns and their order do not change.
 */
export function renderOrganisationCsv(report: OrganisationReport): string {
  const rows: string[][] = [COLUMNS];
  for (const entry of report.repos) {
    const score = entry.readiness ? String(entry.readiness.score) : "";
    const verdict = entry.readiness?.verdict ?? "";
    for (const name of METRIC_NAMES) {
      if (!entry.ok) {
        rows.push([entry.repo, name, "unmeasured", "0", "", "", "", "", "", score, verdict, entry.problem]);
        continue;
      }
      const metric = entry.report.metrics[name];
      const [value, median, p90, unit] = figures(entry.report.metrics, name);
      rows.push([
        entry.repo,
        name,
        metric.status,
        String(metric.count),
        num(value),
        num(median),
        num(p90),
        unit,
        metric.level.level ?? "",
        score,
        verdict,
        "",
      ]);
    }
  }
  return formatCsv(rows);
}
