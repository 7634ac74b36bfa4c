import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import { dashOf } from "./category-palette.js";
import { downsampleSeries } from "./downsample-series.js";
import { formatPercent } from "../../shared/format-percent.js";
import type { HistoryRecord } from "../../readiness/types.js";
import { markup, type Html } from "../../shared/html-template.js";

export interface TrendChartInput {
  /** Oldest first. */
  history: readonly HistoryRecord[];
  /**
   * The readiness the page shows, which no run has recorded: drawn as the newest point, marked "now",
   * and compared with the last recorded run. null when the last recorded run is this very one.
   */
  now: HistoryRecord | null;
  /** The threshold line, 0-100. */
  threshold: number;
  /** The categories to draw a line for, in the order of the legend (colour class c0, c1, ... and a dash pattern each). */
  categories: readonly string[];
}

/**
 * How a chart is laid out. The page carries two, one shown at a time by the style sheet: a wide one
 * for desktops and a narrow one for phones, whose viewBox is about as wide as a phone's column, so
 * that its text (sized in the style sheet) is drawn at nearly its own size, not scaled down.
 */
export interface ChartLayout {
  id: "wide" | "narrow";
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** Time ticks at most. */
  ticks: number;
  /** Runs drawn at most: enough for the shape of 10,000 runs, few enough for a small page. */
  drawn: number;
  /** The newest runs drawn exactly as they were, however long the history. */
  exactNewest: number;
  /** How far apart lines that overlap are drawn (px between two, and at most in all). */
  spread: { step: number; max: number };
}

export const WIDE: ChartLayout = {
  id: "wide",
  width: 720,
  height: 240,
  margin: { top: 14, right: 12, bottom: 26, left: 40 },
  ticks: 6,
  drawn: 200,
  exactNewest: 40,
  spread: { step: 3, max: 16 },
};

/** A phone's column is about 350 px wide (390 less the page's padding): drawn at ~1:1 there. */
export const NARROW: ChartLayout = {
  id: "narrow",
  width: 340,
  height: 220,
  margin: { top: 14, right: 10, bottom: 24, left: 32 },
  ticks: 3,
  drawn: 80,
  exactNewest: 20,
  spread: { step: 2.5, max: 12 },
};

/** Category changes a run's tooltip names, the largest first; a page of many runs stays small. */
const CHANGES_LISTED = 3;

/** A point of the chart: a recorded run, or the page's own readiness ("now"). */
interface Point {
  time: number;
  run: HistoryRecord;
  recorded: boolean;
}

/** The chart twice, wide and narrow: the style sheet shows the one that fits the screen. */
export function renderTrendCharts(input: TrendChartInput, overlaps = findOverlaps(input)): Html {
  return markup`${renderTrendChart(input, WIDE, overlaps)}${renderTrendChart(input, NARROW, overlaps)}`;
}

/**
 * The score over the history, and each category's, drawn as SVG on the server: it needs no script
 * and no network. Each drawn run of the score has a native tooltip (its time, commit and what changed
 * since the run before it); the dashed line is the threshold. The readiness the page shows, when no
 * run has recorded it, is the newest point: hollow, reached by a dashed line, and labelled "now".
 */
export function renderTrendChart(
  input: TrendChartInput,
  layout: ChartLayout = WIDE,
  overlaps = findOverlaps(input),
): Html {
  const { width: WIDTH, height: HEIGHT, margin: M, id } = layout;
  const runs = input.history;
  const label = runs.length === 1 ? "1 recorded run" : `${runs.length} recorded runs`;
  const testId = id === "wide" ? "trend-chart" : "trend-chart-narrow";
  const open = (desc: string): Html =>
    markup`<svg data-testid="${testId}" class="chart chart-${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="trend-t-${id} trend-d-${id}"><title id="trend-t-${id}">Readiness score over ${label}${input.now && runs.length > 0 ? ", and now" : ""}</title><desc id="trend-d-${id}">${desc}</desc>`;

  const y = scaleLinear()
    .domain([0, 100])
    .range([HEIGHT - M.bottom, M.top]);
  const grid = [0, 25, 50, 75, 100].map(
    (v) =>
      markup`<line class="grid" x1="${M.left}" x2="${WIDTH - M.right}" y1="${y(v)}" y2="${y(v)}"/><text class="axis" x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
  );
  const ty = round(y(Math.min(100, Math.max(0, input.threshold))));
  const threshold = markup`<line class="threshold" x1="${M.left}" x2="${WIDTH - M.right}" y1="${ty}" y2="${ty}"/><text class="axis" x="${WIDTH - M.right}" y="${ty - 4}" text-anchor="end">threshold ${formatPercent(input.threshold)}</text>`;

  if (runs.length === 0) {
    const desc = `No runs recorded yet; the threshold is ${formatPercent(input.threshold)}.`;
    return markup`${open(desc)}${grid}${threshold}<text class="empty" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No runs recorded yet${id === "wide" ? ": shipready update records one" : ""}.</text></svg>`;
  }

  const times = timesOf(runs);
  const drawn = drawnRuns(runs, times, layout);
  const points: Point[] = drawn.map((i) => ({ time: times[i]!, run: runs[i]!, recorded: true }));
  const lastRecorded = points.at(-1)!;
  const now = input.now
    ? {
        time: Math.max(Date.parse(input.now.at) || lastRecorded.time, lastRecorded.time),
        run: input.now,
        recorded: false,
      }
    : null;
  if (now) points.push(now);

  const first = points[0]!.time;
  const last = points.at(-1)!.time;
  const x = scaleUtc()
    .domain([new Date(first), new Date(last === first ? first + 3_600_000 : last)])
    .range([M.left, WIDTH - M.right]);
  const format = x.tickFormat();
  const xTicks = x
    .ticks(Math.min(layout.ticks, Math.max(2, points.length)))
    .map(
      (t) =>
        markup`<text class="axis" x="${round(x(t))}" y="${HEIGHT - 8}" text-anchor="middle">${format(t)}</text>`,
    );

  // Lines with the same value at every run would hide one another: each is drawn a little apart.
  const offsets = spreadOverlaps(overlaps, layout.spread);
  const path = (of: readonly Point[], value: (p: Point) => number | null, offset = 0): string | null =>
    line<Point>()
      .defined((p) => value(p) !== null)
      .x((p) => x(p.time))
      .y((p) => y(value(p)!) + offset)
      .digits(1)(of);
  const recorded = points.filter((p) => p.recorded);
  const scoreLine = path(recorded, (p) => p.run.score);
  const categoryLines = input.categories.map((name, c) => {
    const d = path(points, (p) => categoryScore(p.run, name, c), offsets.get(c) ?? 0);
    return d ? markup`<path class="cat c${c} ${dashOf(c)}" d="${d}"/>` : "";
  });
  const circles = recorded.map(
    (p, i) =>
      markup`<circle cx="${round(x(p.time))}" cy="${round(y(p.run.score))}" r="3"><title>${describeRun(runs, drawn[i]!)}</title></circle>`,
  );
  const nowMark = now
    ? markup`<path class="score-now" d="${path([lastRecorded, now], (p) => p.run.score) ?? ""}"/><line class="now-line" x1="${round(x(now.time))}" x2="${round(x(now.time))}" y1="${M.top}" y2="${HEIGHT - M.bottom}"/><text class="axis" x="${round(x(now.time)) - 4}" y="${M.top - 3}" text-anchor="end">now</text><circle class="now" cx="${round(x(now.time))}" cy="${round(y(now.run.score))}" r="4.5"><title>${describeNow(lastRecorded.run, now.run)}</title></circle>`
    : "";
  const firstRun = runs[0]!;
  const lastRun = runs.at(-1)!;
  const nowDesc = input.now
    ? ` Now, not recorded: ${formatPercent(input.now.score)} (${describeChange(lastRun.score, input.now.score)} since the last recorded run).`
    : "";
  const desc = `From ${formatPercent(firstRun.score)} on ${firstRun.at.slice(0, 10)} to ${formatPercent(lastRun.score)} on ${lastRun.at.slice(0, 10)}; the threshold is ${formatPercent(input.threshold)}.${drawn.length < runs.length ? ` ${drawn.length} of the ${runs.length} runs are drawn.` : ""}${nowDesc}`;
  return markup`${open(desc)}${grid}${xTicks}${threshold}${categoryLines}<path class="score-line" d="${scoreLine ?? ""}"/><g class="points">${circles}</g>${nowMark}</svg>`;
}

/** The score line's key in an overlap; categories are keyed by their index. */
export const SCORE = -1;

/**
 * Lines that lie on one another: groups of the score (SCORE) and categories (by index) that have the
 * same value at every run the charts draw, and now. Groups of one are left out.
 */
export function findOverlaps(input: TrendChartInput): number[][] {
  // What a chart draws is what can hide: the runs either chart draws, and now.
  const times = timesOf(input.history);
  const shown = new Set([WIDE, NARROW].flatMap((layout) => drawnRuns(input.history, times, layout)));
  const runs = [
    ...[...shown].sort((a, b) => a - b).map((i) => input.history[i]!),
    ...(input.now ? [input.now] : []),
  ];
  const valueOf = (run: HistoryRecord, key: number): number | null =>
    key === SCORE ? run.score : categoryScore(run, input.categories[key]!, key);
  // Split the lines run by run into groups that agree so far; a line alone drops out, so the runs are
  // read only as far as some lines still agree. A line with no value anywhere draws nothing.
  let groups: number[][] = runs.length === 0 ? [] : [[SCORE, ...input.categories.map((_, c) => c)]];
  const drawn = new Set<number>();
  for (const run of runs) {
    if (groups.length === 0) break;
    const next: number[][] = [];
    for (const group of groups) {
      // Most runs split nothing: only a group whose lines part is taken apart.
      const first = valueOf(run, group[0]!);
      let same = true;
      for (const key of group) {
        const value = valueOf(run, key);
        if (value !== null) drawn.add(key);
        if (value !== first) same = false;
      }
      if (same) {
        next.push(group);
        continue;
      }
      const by = new Map<number | null, number[]>();
      for (const key of group) {
        const value = valueOf(run, key);
        by.set(value, [...(by.get(value) ?? []), key]);
      }
      next.push(...[...by.values()].filter((part) => part.length > 1));
    }
    groups = next;
  }
  return groups.map((group) => group.filter((key) => drawn.has(key))).filter((group) => group.length > 1);
}

/**
 * How far (px, downward) each category line is moved so that overlapping lines show side by side: the
 * score line stays where it is and the others go either side of it in turn; a group without the
 * score is centred on the true value. Wide groups are drawn closer, so that none strays far.
 */
function spreadOverlaps(groups: readonly number[][], spread: ChartLayout["spread"]): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const group of groups) {
    const step = Math.min(spread.step, spread.max / (group.length - 1));
    const others = group.filter((key) => key !== SCORE);
    others.forEach((key, j) => {
      const offset = group.includes(SCORE)
        ? (j % 2 === 0 ? -1 : 1) * Math.ceil((j + 1) / 2) * step
        : (j - (others.length - 1) / 2) * step;
      offsets.set(key, round(offset));
    });
  }
  return offsets;
}

/** When each run was, in ms; a run out of order (a merged history) is taken as no older than the one before. */
function timesOf(runs: readonly HistoryRecord[]): number[] {
  const times = runs.map((r, i) => {
    const t = Date.parse(r.at);
    return Number.isFinite(t) ? t : i;
  });
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) times[i] = times[i - 1]!;
  return times;
}

/** The runs a layout draws: all of a short history; of a long one its shape, and the newest exact. */
function drawnRuns(runs: readonly HistoryRecord[], times: readonly number[], layout: ChartLayout): number[] {
  return downsampleSeries(
    times,
    runs.map((r) => r.score),
    layout.drawn,
    layout.exactNewest,
  );
}

/** A category's score in a run; records list categories in the legend's order, so `index` is tried first. */
function categoryScore(run: HistoryRecord, name: string, index?: number): number | null {
  const guess = index === undefined ? undefined : run.categories[index];
  if (guess?.name === name) return guess.score;
  return run.categories.find((entry) => entry.name === name)?.score ?? null;
}

/** The tooltip of a run: when, which commit, its score and what changed since the run before. */
export function describeRun(runs: readonly HistoryRecord[], index: number): string {
  return describeRunParts(runs, index).join(" · ");
}

/** The tooltip of the page's own readiness, against the last recorded run. */
function describeNow(last: HistoryRecord, now: HistoryRecord): string {
  return [
    "now, not recorded",
    ...describeRunParts([last, now], 1, "since the last recorded run").slice(2),
  ].join(" · ");
}

/** The parts of a run's description: [time, commit, score, changes...]; `since` names the run before. */
export function describeRunParts(
  runs: readonly HistoryRecord[],
  index: number,
  since = "since the run before",
): string[] {
  const run = runs[index]!;
  const before = index > 0 ? runs[index - 1]! : null;
  const parts = [
    `${run.at.slice(0, 16).replace("T", " ")} UTC`,
    run.commit ? `commit ${run.commit.slice(0, 7)}` : "no commit",
    `${formatPercent(run.score)} ${run.band}${before === null ? "" : ` (${describeChange(before.score, run.score)} ${since})`}`,
  ];
  if (before) {
    const moved = run.categories
      .map((c) => ({ c, was: before.categories.find((b) => b.name === c.name)?.score ?? null }))
      .filter(({ c, was }) => was !== c.score)
      .sort((a, b) => Math.abs((b.c.score ?? 0) - (b.was ?? 0)) - Math.abs((a.c.score ?? 0) - (a.was ?? 0)));
    for (const { c, was } of moved.slice(0, CHANGES_LISTED))
      parts.push(`${c.name} ${score(was)} → ${score(c.score)}`);
    if (moved.length > CHANGES_LISTED) parts.push(`${moved.length - CHANGES_LISTED} more categories changed`);
    if (before.ready !== run.ready) parts.push(run.ready ? "became ready" : "stopped being ready");
  }
  if (run.blockers > 0) parts.push(`${run.blockers} ${run.blockers === 1 ? "blocker" : "blockers"}`);
  return parts;
}

/** "+10", "-2.5", "0". */
function describeChange(before: number, after: number): string {
  const change = round(after - before);
  return `${change > 0 ? "+" : ""}${change}`;
}

function score(value: number | null): string {
  return value === null ? "n/a" : formatPercent(value);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
