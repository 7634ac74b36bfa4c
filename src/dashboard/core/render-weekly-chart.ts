import { scaleBand, scaleLinear } from "d3-scale";
import { markup, type Html } from "../../shared/html-template.js";
import type { WeekRow } from "../../metrics/types.js";

const WIDTH = 360;
const HEIGHT = 150;
const M = { top: 12, right: 10, bottom: 22, left: 48 };

/** One weekly series: what to read from a week, and how to say a value. */
export interface WeeklySeries {
  id: string;
  title: string;
  value(week: WeekRow): number | null;
  format(value: number): string;
}

/**
 * One metric's weeks as SVG bars, drawn on the server like the trend and verification charts (d3's
 * scales, no script): a bar per ISO week, a week the period cuts drawn hollow, a week with no value
 * left empty and said so in its tooltip. The title and description say the same in words.
 */
export function renderWeeklyChart(weeks: readonly WeekRow[], series: WeeklySeries): Html {
  const id = `w-${series.id}`;
  const values = weeks.map((w) => series.value(w));
  const known = values.filter((v): v is number => v !== null);
  const desc =
    known.length === 0
      ? `No week of the period has a value.`
      : `${known.length} of ${weeks.length} weeks have a value; from ${series.format(Math.min(...known))} to ${series.format(Math.max(...known))}${values.at(-1) === null || values.at(-1) === undefined ? "" : `, the last week ${series.format(values.at(-1)!)}`}.`;
  const open = markup`<svg class="vchart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d" data-testid="weekly-chart-${series.id}"><title id="${id}-t">${series.title} per week</title><desc id="${id}-d">${desc}</desc>`;
  if (weeks.length === 0 || known.length === 0) {
    return markup`${open}<text class="empty" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No data in these weeks.</text></svg>`;
  }
  const x = scaleBand<string>()
    .domain(weeks.map((w) => w.week))
    .range([M.left, WIDTH - M.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const y = scaleLinear()
    .domain([0, Math.max(...known)])
    .range([HEIGHT - M.bottom, M.top])
    .nice(4);
  const grid = y
    .ticks(4)
    .map(
      (v) =>
        markup`<line class="grid" x1="${M.left}" x2="${WIDTH - M.right}" y1="${round(y(v))}" y2="${round(y(v))}"/><text class="axis" x="${M.left - 4}" y="${round(y(v)) + 4}" text-anchor="end">${series.format(v)}</text>`,
    );
  const first = weeks[0]!;
  const last = weeks.at(-1)!;
  const axis = markup`<text class="axis" x="${M.left}" y="${HEIGHT - 6}">${first.week}</text><text class="axis" x="${WIDTH - M.right}" y="${HEIGHT - 6}" text-anchor="end">${last.week}</text>`;
  const bars = weeks.map((w, i) => {
    const v = values[i]!;
    const left = round(x(w.week) ?? M.left);
    const tip = `${w.week}${w.whole ? "" : " (part of the week)"}: ${v === null ? "no value" : series.format(v)}`;
    if (v === null)
      return markup`<rect class="wbar-none" x="${left}" y="${HEIGHT - M.bottom - 1}" width="${round(x.bandwidth())}" height="1"><title>${tip}</title></rect>`;
    const top = round(y(v));
    return markup`<rect class="${w.whole ? "wbar" : "wbar-part"}" x="${left}" y="${top}" width="${round(x.bandwidth())}" height="${round(Math.max(HEIGHT - M.bottom - top, 0.5))}"><title>${tip}</title></rect>`;
  });
  return markup`${open}${grid}${axis}${bars}</svg>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
