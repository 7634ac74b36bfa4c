import type { Band } from "../../readiness/types.js";
import { chooseBadgeColor } from "./choose-badge-color.js";
import { formatPercent } from "../../shared/format-percent.js";
import { measureVerdana } from "./measure-verdana.js";

export interface BadgeInput {
  /** The left-hand text, such as "readiness". */
  label: string;
  /** The total score, 0-100. */
  score: number;
  /** The band the score falls in; it gives the right-hand part its colour. */
  band: Band;
  /** Every band, for colouring a band by its place among them. */
  bands: readonly Band[];
}

const HEIGHT = 20;
const PADDING = 5;
const LABEL_COLOR = "#555";

/**
 * A shields.io "flat" badge: the label on grey, the score on the band's colour. The same input gives
 * the same bytes, so a file kept current by `update` changes only when the score or band does.
 */
export function renderBadge(input: BadgeInput): string {
  const label = cleanText(input.label);
  const message = formatPercent(input.score);
  const color = chooseBadgeColor(input.band, input.bands);
  // The band's name is said, not only shown in colour, for readers who cannot see it.
  const spoken = escapeXml(`${label}: ${message}, ${cleanText(input.band.name)}`);

  const labelText = textWidth(label);
  const messageText = textWidth(message);
  const leftWidth = labelText + 2 * PADDING;
  const rightWidth = messageText + 2 * PADDING;
  const width = leftWidth + rightWidth;

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${spoken}">`,
    `<title>${spoken}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${leftWidth}" height="${HEIGHT}" fill="${LABEL_COLOR}"/><rect x="${leftWidth}" width="${rightWidth}" height="${HEIGHT}" fill="${color}"/><rect width="${width}" height="${HEIGHT}" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">`,
    renderText(label, 1 + PADDING, labelText, LABEL_COLOR),
    renderText(message, leftWidth - 1 + PADDING, messageText, color),
    `</g></svg>`,
    "",
  ].join("\n");
}

/**
 * Text is drawn at ten times the size and scaled down, as shields.io does, so positions land on
 * tenths of a pixel; textLength makes a browser fit the text to the width measured for it.
 */
function renderText(text: string, left: number, width: number, background: string): string {
  const { fill, shadow } = textColorsOn(background);
  const x = 10 * left + 5 * width;
  const escaped = escapeXml(text);
  return (
    `<text aria-hidden="true" x="${x}" y="150" fill="${shadow}" fill-opacity=".3" transform="scale(.1)" textLength="${10 * width}">${escaped}</text>` +
    `<text x="${x}" y="140" transform="scale(.1)" fill="${fill}" textLength="${10 * width}">${escaped}</text>`
  );
}

/** Whole pixels, odd, as shields.io rounds them: centred text then sits on the pixel grid. */
function textWidth(text: string): number {
  const width = Math.ceil(measureVerdana(text));
  return width % 2 === 0 ? width + 1 : width;
}

/** White on dark colours; dark grey on light ones (a pale yellow a band may be given), as shields.io. */
function textColorsOn(hex: string): { fill: string; shadow: string } {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits;
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
  const brightness = (r * 299 + g * 587 + b * 114) / 255_000;
  return brightness > 0.69 ? { fill: "#333", shadow: "#ccc" } : { fill: "#fff", shadow: "#010101" };
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f-\u009f\s]+/gu;
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/** One line of text XML can hold: XML 1.0 allows no control characters, lone surrogates or U+FFFE/F. */
function cleanText(text: string): string {
  return text.replace(CONTROL_OR_SPACE, " ").replace(LONE_SURROGATE, "\ufffd").trim();
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
