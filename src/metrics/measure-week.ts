import { measureDelivery, type MeasureRequest } from "./measure-delivery.js";
import type { ChangeHistory, MetricsStore } from "./ports.js";
import type { MetricsReport } from "./types.js";

const DAY_MS = 86_400_000;
/** The span whose levels stand beside a week's figures: DORA's levels describe a team, not a week. */
export const LEVEL_SPAN_MS = 90 * DAY_MS;

export interface WeekReports {
  /** The period asked for (the last 7 days by default), with every deploy explained. */
  week: MetricsReport;
  /** The period of the same length just before it, to say what changed. */
  previous: MetricsReport;
  /** The 90 days up to the same end, for the levels. */
  levels: MetricsReport;
}

/**
 * A week's delivery performance for the job summary and the digest: the week itself, the week
 * before it and the 90 days up to its end, each measured as `metrics` measures it.
 */
export async function measureWeek(
  store: MetricsStore,
  history: ChangeHistory,
  request: Omit<MeasureRequest, "explain">,
): Promise<WeekReports> {
  const span = request.until - request.since;
  const week = await measureDelivery(store, history, { ...request, explain: true });
  const previous = await measureDelivery(store, history, {
    ...request,
    since: request.since - span,
    until: request.since,
    explain: false,
  }).catch(() => null);
  const levels = await measureDelivery(store, history, {
    ...request,
    since: request.until - Math.max(LEVEL_SPAN_MS, span),
    explain: false,
  });
  return { week, previous: previous ?? emptyLike(week), levels };
}

/** A period with no deploy, to compare with when the one before had none at all. */
function emptyLike(week: MetricsReport): MetricsReport {
  const m = week.metrics;
  const none = { count: 0, median: null, p90: null };
  const notRated = { level: null, reason: "no deploys in the period before", band: null, checked: null };
  const base = {
    status: "not-enough-data" as const,
    count: 0,
    needed: week.minSample,
    note: null,
    level: notRated,
  };
  return {
    ...week,
    metrics: {
      deploymentFrequency: { ...m.deploymentFrequency, ...base, deploys: 0, perDay: 0, perWeek: 0 },
      changeLeadTime: { ...base, median: null, p90: null },
      changeFailRate: { ...base, rate: null, numerator: 0, weekly: none },
      recoveryTime: { ...base, median: null, p90: null, open: 0 },
      reworkRate: { ...base, rate: null, numerator: 0, weekly: none },
    },
    weeks: [],
    skew: [],
    warnings: [],
  };
}
