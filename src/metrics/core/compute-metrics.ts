import type {
  BandReport,
  DeliveryMetrics,
  DurationMetric,
  FrequencyCategory,
  FrequencyMetric,
  MetricsExplanation,
  RateMetric,
  WeekRow,
} from "../types.js";
import type { ClassifiedHistory, DeployVerdict } from "./classify-history.js";
import { WEEK_MS, dayOf, monthOf, monthsOf, weeksOf } from "./iso-week.js";
import { rateLevel } from "./rate-levels.js";
import { summarize } from "./summarize.js";

const DAY_MS = 86_400_000;
/** Half a year, for "once every six months". */
const HALF_YEAR_DAYS = 182;

export interface ComputedMetrics {
  metrics: DeliveryMetrics;
  weeks: WeekRow[];
}

/**
 * The five metrics over [since, until) from a classified history, each with the count behind it,
 * "not enough data" below `minSample`, and its level in `bands`.
 *
 * - Deployment frequency: deploys per day and per week; per whole ISO week, the deploys and the
 *   days with a deploy; Four Keys' bucket: daily when the median week has a deploy on 3 days or
 *   more, weekly when the median week has one, monthly when the median calendar month has one,
 *   else yearly (whole weeks and months of the period; all months it touches when none is whole).
 * - Change lead time: median and p90 of every change's lead time.
 * - Change fail rate: failed deploys over deploys; median and p90 of the weekly rates too.
 * - Failed deployment recovery time: median and p90 over the failed deploys recovered.
 * - Deployment rework rate: rework deploys over deploys.
 */
export function computeMetrics(
  history: ClassifiedHistory,
  period: { since: number; until: number },
  minSample: number,
  bands: BandReport,
): ComputedMetrics {
  const inPeriod = history.verdicts.filter((v) => v.inPeriod && v.entry.counted);
  const days = (period.until - period.since) / DAY_MS;
  const weeks = weekRows(inPeriod, period);
  const frequency = deploymentFrequency(inPeriod, weeks, period, days, bands);

  const leadSamples = inPeriod.flatMap((v) => v.changes.map((c) => c.seconds));
  const changeLeadTime = duration(leadSamples, minSample, "changes", "successful deploys with known changes");
  changeLeadTime.level =
    changeLeadTime.status === "ok"
      ? rateLevel(bands, "changeLeadTime", changeLeadTime.median!)
      : noLevel(changeLeadTime.note);

  const failed = inPeriod.filter((v) => v.failures.length > 0);
  const changeFailRate = rate(
    failed.length,
    inPeriod.length,
    minSample,
    weeks.map((w) => [w.deploys, w.changeFailRate]),
  );
  changeFailRate.level =
    changeFailRate.status === "ok"
      ? rateLevel(bands, "changeFailRate", changeFailRate.rate!)
      : noLevel(changeFailRate.note);

  const recoverySamples = failed.flatMap((v) => (v.recoverySeconds === null ? [] : [v.recoverySeconds]));
  const recovery = duration(
    recoverySamples,
    minSample,
    "recovered failures",
    "failed deploys that were recovered",
  );
  recovery.level =
    recovery.status === "ok" ? rateLevel(bands, "recoveryTime", recovery.median!) : noLevel(recovery.note);

  const rework = inPeriod.filter((v) => v.rework);
  const reworkRate = rate(
    rework.length,
    inPeriod.length,
    minSample,
    weeks.map((w) => [w.deploys, w.reworkRate]),
  );
  reworkRate.level =
    reworkRate.status === "ok" ? rateLevel(bands, "reworkRate", reworkRate.rate!) : noLevel(reworkRate.note);

  return {
    metrics: {
      deploymentFrequency: frequency,
      changeLeadTime,
      changeFailRate,
      recoveryTime: { ...recovery, open: failed.filter((v) => v.open).length },
      reworkRate,
    },
    weeks,
  };
}

function noLevel(note: string | null) {
  return { level: null, reason: note ?? "no number to rate", band: null, checked: null };
}

function weekRows(verdicts: readonly DeployVerdict[], period: { since: number; until: number }): WeekRow[] {
  const rows = weeksOf(period.since, period.until).map((w) => ({
    row: {
      week: w.week,
      start: new Date(w.start).toISOString(),
      whole: w.whole,
      deploys: 0,
      deployDays: 0,
      failed: 0,
      rework: 0,
      changeFailRate: null,
      reworkRate: null,
      leadTime: summarize([]),
      recoveryTime: summarize([]),
    } as WeekRow,
    days: new Set<number>(),
    lead: [] as number[],
    recovery: [] as number[],
  }));
  // The weeks follow each other from the first one's Monday: a deploy's week is found by division.
  const first = rows.length === 0 ? 0 : Date.parse(rows[0]!.row.start);
  for (const verdict of verdicts) {
    const at = rows[Math.floor((verdict.entry.ms - first) / WEEK_MS)];
    if (!at) continue;
    at.row.deploys++;
    at.days.add(dayOf(verdict.entry.ms));
    if (verdict.failures.length > 0) at.row.failed++;
    if (verdict.rework) at.row.rework++;
    at.lead.push(...verdict.changes.map((c) => c.seconds));
    if (verdict.recoverySeconds !== null) at.recovery.push(verdict.recoverySeconds);
  }
  return rows.map(({ row, days, lead, recovery }) => ({
    ...row,
    deployDays: days.size,
    changeFailRate: row.deploys === 0 ? null : row.failed / row.deploys,
    reworkRate: row.deploys === 0 ? null : row.rework / row.deploys,
    leadTime: summarize(lead),
    recoveryTime: summarize(recovery),
  }));
}

function deploymentFrequency(
  verdicts: readonly DeployVerdict[],
  weeks: readonly WeekRow[],
  period: { since: number; until: number },
  days: number,
  bands: BandReport,
): FrequencyMetric {
  const whole = weeks.filter((w) => w.whole);
  const count = verdicts.length;
  const base = {
    count,
    needed: 1,
    deploys: count,
    perDay: count / days,
    perWeek: (count / days) * 7,
    weeklyDeploys: summarize(whole.map((w) => w.deploys)),
    deployDaysPerWeek: summarize(whole.map((w) => w.deployDays)),
    wholeWeeks: whole.length,
  };
  if (whole.length === 0) {
    const note = "the period holds no whole ISO week (Monday to Sunday): give a longer --since";
    return { ...base, status: "not-enough-data", note, bucket: null, category: null, level: noLevel(note) };
  }
  const weekHad = summarize(whole.map((w) => (w.deploys > 0 ? 1 : 0)));
  const months = monthsOf(period.since, period.until);
  const wholeMonths = months.some((m) => m.whole) ? months.filter((m) => m.whole) : months;
  const perMonth = new Map(wholeMonths.map((m) => [m.month, 0]));
  for (const verdict of verdicts) {
    const month = monthOf(verdict.entry.ms);
    if (perMonth.has(month)) perMonth.set(month, perMonth.get(month)! + 1);
  }
  const monthly = summarize([...perMonth.values()]);
  let bucket: FrequencyMetric["bucket"];
  let category: FrequencyCategory;
  if (base.deployDaysPerWeek.median! >= 3) [bucket, category] = ["daily", "on-demand"];
  else if (weekHad.median! >= 1) [bucket, category] = ["weekly", "daily-to-weekly"];
  else if (monthly.median! >= 1) [bucket, category] = ["monthly", "weekly-to-monthly"];
  else {
    bucket = "yearly";
    category = (count * HALF_YEAR_DAYS) / days >= 1 ? "monthly-to-biannual" : "less-than-biannual";
  }
  return {
    ...base,
    status: "ok",
    note: null,
    bucket,
    category,
    level: rateLevel(bands, "deploymentFrequency", category),
  };
}

function duration(samples: readonly number[], minSample: number, what: string, of: string): DurationMetric {
  const summary = summarize(samples);
  const enough = summary.count >= minSample && summary.count > 0;
  return {
    status: enough ? "ok" : "not-enough-data",
    count: summary.count,
    needed: Math.max(minSample, 1),
    note: enough
      ? null
      : `${summary.count} ${summary.count === 1 ? what.replace(/s$/, "") : what}, ${Math.max(minSample, 1)} needed (from ${of})`,
    median: enough ? summary.median : null,
    p90: enough ? summary.p90 : null,
    level: noLevel(null),
  };
}

function rate(
  numerator: number,
  deploys: number,
  minSample: number,
  weekly: readonly [number, number | null][],
): RateMetric {
  const enough = deploys >= minSample && deploys > 0;
  return {
    status: enough ? "ok" : "not-enough-data",
    count: deploys,
    needed: Math.max(minSample, 1),
    note: enough ? null : `${deploys} deploy${deploys === 1 ? "" : "s"}, ${Math.max(minSample, 1)} needed`,
    rate: enough ? numerator / deploys : null,
    numerator,
    weekly: summarize(weekly.flatMap(([n, r]) => (n > 0 && r !== null ? [r] : []))),
    level: noLevel(null),
  };
}

/** Every deploy and incident behind the numbers, and why each was classified so. */
export function explainHistory(history: ClassifiedHistory, since: number, until: number): MetricsExplanation {
  const shown = new Set(history.verdicts.filter((v) => v.inPeriod).map((v) => v.entry.ref));
  return {
    deploys: history.verdicts
      .filter((v) => v.inPeriod)
      .map((v) => {
        const { deploy } = v.entry;
        return {
          ref: v.entry.ref,
          source: deploy.source,
          sourceId: deploy.sourceId,
          environment: deploy.environment,
          version: deploy.version,
          commit: deploy.commit,
          finishedAt: deploy.finishedAt,
          status: deploy.status,
          counted: v.entry.counted,
          why: v.entry.why,
          failed: v.failures.length > 0,
          failures: v.failures.map((c) => c.text),
          rework: v.rework,
          reworkWhy: v.reworkWhy,
          changes: {
            count: v.changes.length,
            leadTime: summarize(v.changes.map((c) => c.seconds)),
            note: v.changesNote,
          },
          recoverySeconds: v.recoverySeconds,
          recoveryWhy: v.recoveryWhy,
          url: deploy.url,
        };
      }),
    incidents: history.incidents
      .filter((i) => {
        const opened = Date.parse(i.incident.openedAt);
        return (i.linkedTo !== null && shown.has(i.linkedTo)) || (opened >= since && opened < until);
      })
      .map((i) => ({
        ref: `${i.incident.source}:${i.incident.sourceId}`,
        title: i.incident.title,
        url: i.incident.url,
        openedAt: i.incident.openedAt,
        resolvedAt: i.incident.resolvedAt,
        linkedTo: i.linkedTo,
        why: i.why,
      })),
  };
}
