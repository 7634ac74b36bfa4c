import {
  FREQUENCY_CATEGORIES,
  type BandReport,
  type FrequencyBand,
  type FrequencyCategory,
  type HoursBand,
  type LevelRating,
  type MetricName,
  type PerformanceLevel,
  type RateBand,
} from "../types.js";

const LEVEL_NAMES: Record<PerformanceLevel, string> = {
  elite: "Elite",
  high: "High",
  medium: "Medium",
  low: "Low",
};

/**
 * The level of one metric's value in one report's bands, and how it was found. The reports' bands
 * leave gaps and overlap (2021: lead time under an hour, then 1 day to 1 week), so a value gets the
 * best level whose band it is at least as good as at the band's worse end:
 *   - times: at most the band's upper bound (hours); a band without one takes everything.
 *   - deployment frequency: at least as often as the band's least frequent category.
 *   - rates given as ranges: at most the band's upper bound.
 *   - rates given as one typical value per cluster (2023, 2024): the cluster whose value is nearest
 *     (ties to the better), as a value is assigned to a cluster.
 * A value worse than every band gets the lowest level, and says so.
 */
export function rateLevel(
  report: BandReport,
  metric: MetricName,
  value: number | FrequencyCategory,
): LevelRating {
  switch (metric) {
    case "deploymentFrequency":
      return rateFrequency(report, value as FrequencyCategory);
    case "changeLeadTime":
    case "recoveryTime":
      return rateHours(report, metric, (value as number) / 3600);
    case "changeFailRate":
    case "reworkRate":
      return rateRate(report, metric, value as number);
  }
}

const METRIC_WORDS: Record<MetricName, string> = {
  deploymentFrequency: "deployment frequency",
  changeLeadTime: "change lead time",
  changeFailRate: "change fail rate",
  recoveryTime: "failed deployment recovery time",
  reworkRate: "deployment rework rate",
};

function cellsOf<T>(
  report: BandReport,
  bands: Partial<Record<PerformanceLevel, T>>,
): [PerformanceLevel, T][] {
  return report.levels.flatMap((level) =>
    bands[level] ? [[level, bands[level]!] as [PerformanceLevel, T]] : [],
  );
}

function rated(
  level: PerformanceLevel,
  cell: { text: string; checked: boolean },
  reason: string,
): LevelRating {
  return { level, reason, band: cell.text, checked: cell.checked };
}

function worst<T extends { text: string; checked: boolean }>(
  report: BandReport,
  cells: [PerformanceLevel, T][],
  shown: string,
  metric: MetricName,
): LevelRating {
  const [level, cell] = cells.at(-1)!;
  return rated(
    level,
    cell,
    `${shown} is worse than every ${report.id} band for ${METRIC_WORDS[metric]}: rated ${LEVEL_NAMES[level]}, the lowest`,
  );
}

function rateFrequency(report: BandReport, category: FrequencyCategory): LevelRating {
  const cells = cellsOf<FrequencyBand>(report, report.metrics.deploymentFrequency);
  const index = (c: FrequencyCategory) => FREQUENCY_CATEGORIES.indexOf(c);
  const shown = `deploying ${category}`;
  for (const [i, [level, cell]] of cells.entries()) {
    if (index(category) > index(cell.worst)) continue;
    const inside = index(category) >= index(cell.best);
    const above = cells[i - 1];
    return rated(
      level,
      cell,
      inside || !above
        ? `${shown} lies in ${report.id}'s ${LEVEL_NAMES[level]} band (${cell.text})`
        : `${shown} falls between ${report.id}'s ${LEVEL_NAMES[above[0]]} band (${above[1].text}) and its ${LEVEL_NAMES[level]} band (${cell.text}): rated ${LEVEL_NAMES[level]}`,
    );
  }
  return worst(report, cells, shown, "deploymentFrequency");
}

function rateHours(
  report: BandReport,
  metric: "changeLeadTime" | "recoveryTime",
  hours: number,
): LevelRating {
  const cells = cellsOf<HoursBand>(report, report.metrics[metric]);
  const shown = `a median of ${describeHours(hours)}`;
  for (const [i, [level, cell]] of cells.entries()) {
    if (cell.maxHours !== undefined && hours > cell.maxHours) continue;
    const inside = cell.minHours === undefined || hours >= cell.minHours;
    const above = cells[i - 1];
    const name =
      metric === "recoveryTime" && report.recoveryName
        ? ` (${report.id} measured ${report.recoveryName})`
        : "";
    return rated(
      level,
      cell,
      (inside || !above
        ? `${shown} lies in ${report.id}'s ${LEVEL_NAMES[level]} band (${cell.text})`
        : `${shown} falls between ${report.id}'s ${LEVEL_NAMES[above[0]]} band (${above[1].text}) and its ${LEVEL_NAMES[level]} band (${cell.text}): rated ${LEVEL_NAMES[level]}`) +
        name,
    );
  }
  return worst(report, cells, shown, metric);
}

function rateRate(report: BandReport, metric: "changeFailRate" | "reworkRate", value: number): LevelRating {
  const bands = report.metrics[metric];
  if (bands === null) {
    return {
      level: null,
      reason: `${report.id} publishes no bands for ${METRIC_WORDS[metric]}`,
      band: null,
      checked: null,
    };
  }
  const cells = cellsOf<RateBand>(report, bands);
  const shown = `${percent(value)}`;
  if (cells.some(([, cell]) => cell.point !== undefined)) {
    let best = cells[0]!;
    for (const cell of cells) {
      if (Math.abs(value - cell[1].point!) < Math.abs(value - best[1].point!)) best = cell;
    }
    return rated(
      best[0],
      best[1],
      `${shown} is nearest ${report.id}'s ${LEVEL_NAMES[best[0]]} cluster (${best[1].text}); the report gives one typical rate per cluster`,
    );
  }
  for (const [i, [level, cell]] of cells.entries()) {
    if (cell.max !== undefined && value > cell.max) continue;
    const inside = cell.min === undefined || value >= cell.min;
    const above = cells[i - 1];
    return rated(
      level,
      cell,
      inside || !above
        ? `${shown} lies in ${report.id}'s ${LEVEL_NAMES[level]} band (${cell.text})`
        : `${shown} falls between ${report.id}'s ${LEVEL_NAMES[above[0]]} band (${above[1].text}) and its ${LEVEL_NAMES[level]} band (${cell.text}): rated ${LEVEL_NAMES[level]}`,
    );
  }
  return worst(report, cells, shown, metric);
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

/** Hours as people say them: 45 min, 5.5 h, 3.2 d. */
export function describeHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} d`;
}
