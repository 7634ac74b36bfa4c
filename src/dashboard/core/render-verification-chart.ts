import { scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import {
  countSamples,
  describeJudgement,
  formatValue,
  meetsBounds,
} from "../../deploy/core/describe-deploy.js";
import type { MetricResult } from "../../deploy/types.js";
import { markup, type Html } from "../../shared/html-template.js";

const WIDTH = 360;
const HEIGHT = 150;
const M = { top: 12, right: 10, bottom: 22, left: 44 };
/** Samples drawn at most; a window of thousands keeps the newest, which decided the verdict last. */
const MAX_SAMPLES = 300;

/**
 * One metric's verification as SVG: its samples over time against the bound (dashed), each sample a
 * dot coloured and shaped by whether it met the bound (a filled circle meets it, a hollow square does
 * not), gaps where a sample had no data, and the baseline's samples in grey when a comparison ran.
 * The title and description say the same in words, for people who do not see it.
 */
export function renderVerificationChart(metric: MetricResult, id: string): Html {
  const samples = metric.samples.slice(-MAX_SAMPLES);
  const baseline = (metric.baseline ?? []).slice(-MAX_SAMPLES);
  const counts = countSamples(metric);
  const bound = describeJudgement(metric.judgement);
  const desc = `${metric.verdict}: ${counts.met} of ${counts.total} samples met ${bound}${counts.withData < counts.total ? `; ${counts.total - counts.withData} had no data` : ""}. ${metric.reason}`;
  const open = markup`<svg class="vchart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d" data-testid="verification-chart"><title id="${id}-t">${metric.name} during verification</title><desc id="${id}-d">${desc}</desc>`;
  const values = [...samples, ...baseline].map((s) => s.value).filter((v): v is number => v !== null);
  const times = [...samples, ...baseline].map((s) => Date.parse(s.at)).filter(Number.isFinite);
  if (values.length === 0 || times.length === 0) {
    return markup`${open}<text class="empty" x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">No data was sampled.</text></svg>`;
  }
  const bounds = [metric.judgement.min, metric.judgement.max].filter((b): b is number => b !== undefined);
  const low = Math.min(...values, ...bounds);
  const high = Math.max(...values, ...bounds);
  const pad = high === low ? Math.abs(high) * 0.1 || 1 : (high - low) * 0.1;
  // Ratios and counts never go below zero: neither does their axis.
  const y = scaleLinear()
    .domain([low >= 0 ? Math.max(0, low - pad) : low - pad, high + pad])
    .range([HEIGHT - M.bottom, M.top])
    .nice(4);
  const start = Math.min(...times);
  const end = Math.max(...times);
  const x = scaleUtc()
    .domain([new Date(start), new Date(end === start ? start + 1000 : end)])
    .range([M.left, WIDTH - M.right]);
  const grid = y
    .ticks(4)
    .map(
      (v) =>
        markup`<line class="grid" x1="${M.left}" x2="${WIDTH - M.right}" y1="${round(y(v))}" y2="${round(y(v))}"/><text class="axis" x="${M.left - 4}" y="${round(y(v)) + 4}" text-anchor="end">${formatValue(v)}</text>`,
    );
  const span = Math.round((end - start) / 1000);
  const axis = markup`<text class="axis" x="${M.left}" y="${HEIGHT - 6}">0 s</text><text class="axis" x="${WIDTH - M.right}" y="${HEIGHT - 6}" text-anchor="end">${span} s</text>`;
  const bounded = bounds.map(
    (b) =>
      markup`<line class="threshold" x1="${M.left}" x2="${WIDTH - M.right}" y1="${round(y(b))}" y2="${round(y(b))}"/>`,
  );
  const path = (points: typeof samples, cls: string): Html | string => {
    const d = line<(typeof samples)[number]>()
      .defined((s) => s.value !== null && Number.isFinite(Date.parse(s.at)))
      .x((s) => round(x(new Date(s.at))))
      .y((s) => round(y(s.value ?? 0)))(points);
    return d ? markup`<path class="${cls}" d="${d}"/>` : "";
  };
  const dots = samples.map((s) => {
    if (s.value === null) return "";
    const cx = round(x(new Date(s.at)));
    const cy = round(y(s.value));
    const met = meetsBounds(s.value, metric.judgement);
    const tip = markup`<title>${s.at.slice(11, 19)} UTC: ${formatValue(s.value)}${met ? "" : ", outside the bound"}</title>`;
    return met
      ? markup`<circle class="met" cx="${cx}" cy="${cy}" r="3">${tip}</circle>`
      : markup`<rect class="missed" x="${cx - 3.5}" y="${cy - 3.5}" width="7" height="7">${tip}</rect>`;
  });
  return markup`${open}${grid}${axis}${bounded}${path(baseline, "baseline-line")}${path(samples, "sample-line")}${dots}</svg>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
