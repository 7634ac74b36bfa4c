import type { Band } from "../../readiness/types.js";
import { nameKey } from "../../readiness/core/normalize-text.js";

/** shields.io's colour names and the colours it draws for them. */
export const BADGE_COLORS = {
  brightgreen: "#4c1",
  green: "#97ca00",
  yellowgreen: "#a4a61d",
  yellow: "#dfb317",
  orange: "#fe7d37",
  red: "#e05d44",
  blue: "#007ec6",
  lightgrey: "#9f9f9f",
  grey: "#555",
} as const;

export type BadgeColorName = keyof typeof BADGE_COLORS;

/** The default bands, best first; a band of another name takes the step of its place among the bands. */
const SCALE: readonly BadgeColorName[] = ["brightgreen", "green", "yellow", "orange", "red"];
const DEFAULT_BAND_COLORS = new Map<string, BadgeColorName>([
  ["release ready", "brightgreen"],
  ["nearly ready", "green"],
  ["minor blockers", "yellow"],
  ["in progress", "orange"],
  ["not ready", "red"],
]);

/**
 * The badge colour of `band`, as a lower-case hex colour. In order: the band's own `color` (a name
 * above or a hex colour); the colour of the default band of the same name (Release Ready bright
 * green, Nearly Ready green, Minor Blockers yellow, In Progress orange, Not Ready red); else the step
 * of that scale the band's place among `bands` falls on, the highest band bright green and the lowest
 * red, so five bands of other names are coloured as the default five.
 */
export function chooseBadgeColor(band: Band, bands: readonly Band[]): string {
  if (band.color !== undefined) {
    const color = band.color.toLowerCase();
    return color in BADGE_COLORS ? BADGE_COLORS[color as BadgeColorName] : color;
  }
  const named = DEFAULT_BAND_COLORS.get(nameKey(band.name));
  if (named !== undefined) return BADGE_COLORS[named];
  const ranked = [...bands].sort((a, b) => b.min - a.min);
  const place = Math.max(
    0,
    ranked.findIndex((b) => b.name === band.name),
  );
  const step = ranked.length < 2 ? 0 : Math.round((place * (SCALE.length - 1)) / (ranked.length - 1));
  return BADGE_COLORS[SCALE[step]!];
}
