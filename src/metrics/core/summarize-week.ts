import {
  describeChange,
  describeMetrics,
  listFailedDeploys,
  type FailedDeploy,
  type MetricRow,
} from "./describe-metrics.js";
import type { MetricsReport } from "../types.js";

/** One metric of a week: its figures, how it moved since the week before, and its 90-day level. */
export interface WeekMetric {
  row: MetricRow;
  /** "+1.5/week (better)", "no change"; null when either week has no figure. */
  change: string | null;
  /** The level over the 90 days (its name), or null when not rated. */
  level: string | null;
  levelReason: string;
  unchecked: boolean;
}

export interface WeekSummary {
  repo: string;
  environment: string;
  since: string;
  until: string;
  deploys: number;
  failed: number;
  metrics: WeekMetric[];
  failedDeploys: FailedDeploy[];
  report: MetricsReport["report"];
}

/** What the job summary and the Slack digest say about a week, in words. */
export function summarizeWeek(reports: {
  week: MetricsReport;
  previous: MetricsReport;
  levels: MetricsReport;
}): WeekSummary {
  const now = describeMetrics(reports.week);
  const before = describeMetrics(reports.previous);
  const levels = describeMetrics(reports.levels);
  const m = reports.week.metrics;
  return {
    repo: reports.week.repo,
    environment: reports.week.environment,
    since: reports.week.period.since,
    until: reports.week.period.until,
    deploys: m.deploymentFrequency.deploys,
    failed: m.changeFailRate.numerator,
    metrics: now.map((row, i) => ({
      row,
      change: describeChange(row.name, before[i]!.value, row.value),
      level: levels[i]!.level,
      levelReason: levels[i]!.reason,
      unchecked: levels[i]!.unchecked,
    })),
    failedDeploys: listFailedDeploys(reports.week),
    report: reports.levels.report,
  };
}
