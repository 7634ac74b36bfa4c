import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import { downsampleSeries } from "./downsample-series.js";
import { formatPercent } from "../../shared/format-percent.js";
import type { HistoryRecord } from "../../readiness/types.js";
import { markup, type Html } from "../../shared/html-template.js";

export interface TrendChartInput {
  /** Oldest first. */
  history: readonly HistoryRecord[];
  /** The threshold line, 0-100. */
  threshold: number;
  /** The categories to draw a line for, in the order of the legend (class c0, c1, ...). */
  categories: readonly string[];
}

/** How many runs are drawn at most: enough for the shape of 10,000 runs, few enough for a small page. */
export const DRAWN_RUNS = 200;
/** The newest runs are drawn exactly as they were, however long the history. */
export const EXACT_NEWEST = 40;
/** Category changes a run's tooltip names, the largest first; a page of many runs stays small. */
const CHANGES_LISTED = 3;
/** Colours are given by the page's style sheet, class c0 to c7; further categories reuse them. */
export const CATEGORY_COLORS = 8;

const WIDTH = 720;
const HEIGHT = 240;
const M = { top: 10, right: 12, bottom: 26, left: 40 };

/**
 * The score over the history, and each category's, drawn as SVG on the server: it needs no script
 * and no network. Each drawn run of the score has a native tooltip (its time, commit and what changed
 * since the run before it); the dashed line is the threshold.
 */
export function renderTrendChart(input: TrendChartInput): Html {
  const runs = input.history;
  const label = runs.length === 1 ? "1 recorded run" : `${runs.length} recorded runs`;
  const open = (desc: string): Html =>
    markup`<svg data-testid="trend-chart" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="trend-t trend-d"><title id="trend-t">Readiness score over ${label}</title><desc id="trend-d">${desc}</desc>`;

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
    return markup`${open(desc)}${grid}${threshold}<text class="empty" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No runs recorded yet: shipready update records one.</text></svg>`;
  }

  const times = runs.map((r, i) => {
    const t = Date.parse(r.at);
    return Number.isFinite(t) ? t : i;
  });
  // Records are appended in order, but a merged history may hold a run that is out of order.
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) times[i] = times[i - 1]!;
  const first = times[0]!;
  const last = times.at(-1)!;
  const x = scaleUtc()
    .domain([new Date(first), new Date(last === first ? first + 3_600_000 : last)])
    .range([M.left, WIDTH - M.right]);
  const drawn = downsampleSeries(
    times,
    runs.map((r) => r.score),
    DRAWN_RUNS,
    EXACT_NEWEST,
  );
  const format = x.tickFormat();
  const xTicks = x
    .ticks(Math.min(6, Math.max(2, runs.length)))
    .map(
      (t) =>
        markup`<text class="axis" x="${round(x(t))}" y="${HEIGHT - 8}" text-anchor="middle">${format(t)}</text>`,
    );

  const scoreLine = line<number>()
    .x((i) => x(times[i]!))
    .y((i) => y(runs[i]!.score))
    .digits(1)(drawn);
  const categoryLines = input.categories.map((name, c) => {
    const score = (i: number): number | null =>
      runs[i]!.categories.find((entry) => entry.name === name)?.score ?? null;
    const d = line<number>()
      .defined((i) => score(i) !== null)
      .x((i) => x(times[i]!))
      .y((i) => y(score(i)!))
      .digits(1)(drawn);
    return d ? markup`<path class="cat c${c % CATEGORY_COLORS}" d="${d}"/>` : "";
  });
  const points = drawn.map(
    (i) =>
      markup`<circle cx="${round(x(times[i]!))}" cy="${round(y(runs[i]!.score))}" r="3"><title>${describeRun(runs, i)}</title></circle>`,
  );
  const firstRun = runs[0]!;
  const lastRun = runs.at(-1)!;
  const desc = `From ${formatPercent(firstRun.score)} on ${firstRun.at.slice(0, 10)} to ${formatPercent(lastRun.score)} on ${lastRun.at.slice(0, 10)}; the threshold is ${formatPercent(input.threshold)}.${drawn.length < runs.length ? ` ${drawn.length} of the ${runs.length} runs are drawn.` : ""}`;
  return markup`${open(desc)}${grid}${xTicks}${threshold}${categoryLines}<path class="score-line" d="${scoreLine ?? ""}"/><g class="points">${points}</g></svg>`;
}

/** The tooltip of a run: when, which commit, its score and what changed since the run before. */
export function describeRun(runs: readonly HistoryRecord[], index: number): string {
  return describeRunParts(runs, index).join(" · ");
}

/** The parts of a run's description: [time, commit, score, changes...]. */
export function describeRunParts(runs: readonly HistoryRecord[], index: number): string[] {
  const run = runs[index]!;
  const before = index > 0 ? runs[index - 1]! : null;
  const change = before ? round(run.score - before.score) : null;
  const parts = [
    `${run.at.slice(0, 16).replace("T", " ")} UTC`,
    run.commit ? `commit ${run.commit.slice(0, 7)}` : "no commit",
    `${formatPercent(run.score)} ${run.band}${change === null ? "" : ` (${change > 0 ? "+" : ""}${change} since the run before)`}`,
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

function score(value: number | null): string {
  return value === null ? "n/a" : formatPercent(value);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
