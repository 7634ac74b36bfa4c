import { describeHours } from "./rate-levels.js";
import type {
  DeployExplanation,
  IncidentExplanation,
  MetricName,
  MetricsReport,
  PerformanceLevel,
} from "../types.js";

export const LEVEL_NAMES: Record<PerformanceLevel, string> = {
  elite: "Elite",
  high: "High",
  medium: "Medium",
  low: "Low",
};

export const METRIC_TITLES: Record<MetricName, string> = {
  deploymentFrequency: "Deployment frequency",
  changeLeadTime: "Change lead time",
  changeFailRate: "Change fail rate",
  recoveryTime: "Failed deployment recovery time",
  reworkRate: "Deployment rework rate",
};

export const NOT_ENOUGH_DATA = "not enough data";

/** One metric as every face shows it (the dashboard, the job summary, Slack): words, not numbers to format. */
export interface MetricRow {
  name: MetricName;
  title: string;
  ok: boolean;
  /** The figure the level is rated on: "3.5/week", "4.2 h", "12.5%"; "not enough data" when there is none. */
  figure: string;
  /** Median and 90th percentile as the metric has them (per week for frequency and the rates); "" when none. */
  median: string;
  p90: string;
  /** What it rests on: "14 deploys", "3 of 14 deploys failed". */
  count: string;
  /** The level's name (Elite, High, ...), or null when not rated. */
  level: string | null;
  levelKey: PerformanceLevel | null;
  /** The band cell used, as the report words it. */
  band: string | null;
  /** The band was recalled, not compared with the report. */
  unchecked: boolean;
  /** Why this level, or why there is no number. */
  reason: string;
  /** The raw value the figure shows, to compare two periods: per week, seconds, or a rate; null when none. */
  value: number | null;
}

export const hours = (seconds: number | null): string =>
  seconds === null ? "" : describeHours(seconds / 3600);
export const percent = (rate: number | null): string =>
  rate === null ? "" : `${Number((rate * 100).toFixed(1))}%`;
const perWeek = (n: number | null): string => (n === null ? "" : `${Number(n.toFixed(1))}/week`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The five metrics of a report, in DORA's order, as rows of words. */
export function describeMetrics(report: MetricsReport): MetricRow[] {
  const m = report.metrics;
  const f = m.deploymentFrequency;
  const lead = m.changeLeadTime;
  const cfr = m.changeFailRate;
  const rec = m.recoveryTime;
  const rw = m.reworkRate;
  const row = (
    name: MetricName,
    metric: {
      status: string;
      note: string | null;
      level: MetricsReport["metrics"]["changeLeadTime"]["level"];
    },
    cells: { figure: string; median: string; p90: string; count: string; value: number | null },
  ): MetricRow => {
    const ok = metric.status === "ok";
    return {
      name,
      title: METRIC_TITLES[name],
      ok,
      figure: ok ? cells.figure : NOT_ENOUGH_DATA,
      median: ok ? cells.median : "",
      p90: ok ? cells.p90 : "",
      count: cells.count,
      level: metric.level.level === null ? null : LEVEL_NAMES[metric.level.level],
      levelKey: metric.level.level,
      band: metric.level.band,
      unchecked: metric.level.checked === false,
      reason: !ok && metric.note ? `${NOT_ENOUGH_DATA}: ${metric.note}` : metric.level.reason,
      value: ok ? cells.value : null,
    };
  };
  return [
    row("deploymentFrequency", f, {
      figure: `${perWeek(f.perWeek)}${f.category ? ` (${f.category.replace(/-/g, " ")})` : ""}`,
      median: perWeek(f.weeklyDeploys.median),
      p90: perWeek(f.weeklyDeploys.p90),
      count: plural(f.deploys, "deploy"),
      value: f.perWeek,
    }),
    row("changeLeadTime", lead, {
      figure: hours(lead.median),
      median: hours(lead.median),
      p90: hours(lead.p90),
      count: plural(lead.count, "change"),
      value: lead.median,
    }),
    row("changeFailRate", cfr, {
      figure: percent(cfr.rate),
      median: weekly(cfr.weekly.median),
      p90: weekly(cfr.weekly.p90),
      count: `${cfr.numerator} of ${plural(cfr.count, "deploy")} failed`,
      value: cfr.rate,
    }),
    row("recoveryTime", rec, {
      figure: hours(rec.median),
      median: hours(rec.median),
      p90: hours(rec.p90),
      count: `${rec.count} recovered${rec.open > 0 ? `, ${rec.open} open` : ""}`,
      value: rec.median,
    }),
    row("reworkRate", rw, {
      figure: percent(rw.rate),
      median: weekly(rw.weekly.median),
      p90: weekly(rw.weekly.p90),
      count: `${rw.numerator} of ${plural(rw.count, "deploy")} rework`,
      value: rw.rate,
    }),
  ];
}

function weekly(rate: number | null): string {
  return rate === null ? "" : `${percent(rate)} a week`;
}

/** Whether a lower value of the metric is better (all but deployment frequency). */
export function lowerIsBetter(name: MetricName): boolean {
  return name !== "deploymentFrequency";
}

/**
 * How a metric moved from one period to the next, in words: "+1.5/week", "-2 h", "+5 points";
 * null when either period has no figure.
 */
export function describeChange(name: MetricName, before: number | null, now: number | null): string | null {
  if (before === null || now === null) return null;
  const delta = now - before;
  if (Math.abs(delta) < 1e-9) return "no change";
  const sign = delta > 0 ? "+" : "-";
  const size = Math.abs(delta);
  const text =
    name === "deploymentFrequency"
      ? `${Number(size.toFixed(1))}/week`
      : name === "changeFailRate" || name === "reworkRate"
        ? `${Number((size * 100).toFixed(1))} points`
        : describeHours(size / 3600);
  const better = lowerIsBetter(name) ? delta < 0 : delta > 0;
  return `${sign}${text} (${better ? "better" : "worse"})`;
}

/** A failed deploy of the period with the incidents linked to it, as the pages and Slack list them. */
export interface FailedDeploy {
  deploy: DeployExplanation;
  incidents: IncidentExplanation[];
  /** "2 h" or "not recovered yet". */
  recovery: string;
}

/** The counted deploys of the period that failed, newest first, each with its incidents. */
export function listFailedDeploys(report: MetricsReport): FailedDeploy[] {
  const explain = report.explain;
  if (!explain) return [];
  return explain.deploys
    .filter((d) => d.counted && d.failed)
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))
    .map((deploy) => ({
      deploy,
      incidents: explain.incidents.filter((i) => i.linkedTo === deploy.ref),
      recovery: deploy.recoverySeconds === null ? "not recovered yet" : hours(deploy.recoverySeconds),
    }));
}

/** What a deploy is called: its version, else its short commit, else its id. */
export function deployName(d: Pick<DeployExplanation, "version" | "commit" | "sourceId">): string {
  return d.version ?? d.commit?.slice(0, 7) ?? d.sourceId;
}
