import { arc } from "d3-shape";
import { formatPercent } from "../../shared/format-percent.js";
import { markup, raw, type Html } from "../../shared/html-template.js";

export interface ScoreGaugeInput {
  /** 0-100. */
  score: number;
  /** 0-100: where the tick that marks the threshold sits. */
  threshold: number;
  /** The band's colour, a hex colour. */
  color: string;
  /** The band's name, said to screen readers with the score. */
  band: string;
}

const INNER = 68;
const OUTER = 92;
/** Where the threshold's label stands: inside the arc, clear of the tick. */
const LABEL_RADIUS = INNER - 10;

/** A half-circle gauge of the score in its band's colour, with a tick at the threshold, labelled. */
export function renderScoreGauge(input: ScoreGaugeInput): Html {
  const share = clamp(input.score) / 100;
  const angle = (value: number): number => -Math.PI / 2 + Math.PI * value;
  const ring = arc<{ from: number; to: number }>()
    .innerRadius(INNER)
    .outerRadius(OUTER)
    .cornerRadius(3)
    .startAngle((d) => angle(d.from))
    .endAngle((d) => angle(d.to))
    .digits(1);
  const track = ring({ from: 0, to: 1 }) ?? "";
  const filled = share > 0 ? (ring({ from: 0, to: share }) ?? "") : "";
  const t = angle(clamp(input.threshold) / 100);
  const tick = (r: number): string => `${round(Math.sin(t) * r)},${round(-Math.cos(t) * r)}`;
  const spoken = `Score ${formatPercent(input.score)}, ${input.band}; threshold ${formatPercent(input.threshold)}`;
  const fill = filled ? markup`<path d="${filled}" fill="${safeColor(input.color)}"/>` : "";
  // The tick's label, inside the arc beside the tick's inner end, running away from it.
  const side = Math.sin(t);
  const anchor = side > 0.35 ? "end" : side < -0.35 ? "start" : "middle";
  const lx = round(Math.sin(t) * LABEL_RADIUS);
  const ly = round(-Math.cos(t) * LABEL_RADIUS + 4);
  const label = markup`<text class="gauge-label" x="${lx}" y="${ly}" text-anchor="${anchor}">threshold ${formatPercent(input.threshold)}</text>`;
  return markup`<svg class="gauge" viewBox="-100 -100 200 108" role="img" aria-label="${spoken}"><path class="gauge-track" d="${track}"/>${fill}<path class="gauge-tick" d="M${raw(tick(INNER - 6))}L${raw(tick(OUTER + 6))}"/>${label}</svg>`;
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A colour from shipready.yml lands in an attribute: only a hex colour goes in as it is. */
export function safeColor(color: string): string {
  return /^#[0-9a-f]{3,8}$/i.test(color) ? color : "#767676";
}
