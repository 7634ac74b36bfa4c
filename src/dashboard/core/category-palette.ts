/** The page's card colours, which category lines are drawn on (dashboard-css.ts --card). */
export const CARD = { light: "#ffffff", dark: "#161b22" } as const;

/** Lines and marks need 3:1 against what they are drawn on (WCAG 1.4.11, non-text contrast). */
export const LINE_CONTRAST = 3;

/** Dash patterns the category lines cycle through, so that lines tell apart without colour too. */
export const DASHES = ["", "9 3", "2 3", "9 3 2 3"] as const;

export interface CategoryColor {
  light: string;
  dark: string;
}

/**
 * One colour per category, none repeated: hues evenly spaced round the circle, taken in a stride so
 * that neighbours in the legend are far apart in hue, every other one darker, each made dark enough
 * (light mode) or light enough (dark mode) to keep 3:1 against the card.
 */
export function categoryPalette(count: number): CategoryColor[] {
  const stride = strideFor(count);
  return Array.from({ length: count }, (_, i) => {
    const step = (i * stride) % count;
    const hue = (215 + (step * 360) / count) % 360;
    const darker = step % 2 === 1;
    return {
      light: fit(hue, darker ? 0.3 : 0.4, CARD.light, -1),
      dark: fit(hue, darker ? 0.62 : 0.72, CARD.dark, +1),
    };
  });
}

/** The style sheet of the categories' lines: `.c<i>` strokes in light and dark mode, `.d<i>` dashes. */
export function renderPaletteCss(count: number): string {
  const palette = categoryPalette(count);
  const light = palette.map((c, i) => `.c${i}{stroke:${c.light}}`).join("");
  const dark = palette.map((c, i) => `.c${i}{stroke:${c.dark}}`).join("");
  const dashes = DASHES.map((d, i) => (d ? `.d${i}{stroke-dasharray:${d}}` : "")).join("");
  return `${light}${dashes}@media (prefers-color-scheme:dark){${dark}}`;
}

/** The dash class of category `index`. */
export function dashOf(index: number): string {
  return `d${index % DASHES.length}`;
}

/** A step through the hues that shares no factor with `count` (so every hue is used once), near 3/8 of the circle. */
function strideFor(count: number): number {
  if (count < 3) return 1;
  let stride = Math.max(1, Math.round(count * 0.375));
  while (gcd(stride, count) !== 1) stride++;
  return stride;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The colour of `hue` at `lightness` (HSL, saturation 75%), moved darker (-1) or lighter (+1) until it contrasts 3:1 with `against`. */
function fit(hue: number, lightness: number, against: string, direction: -1 | 1): string {
  let l = lightness;
  let color = hsl(hue, 0.75, l);
  while (contrast(color, against) < LINE_CONTRAST && l > 0 && l < 1) {
    l = Math.min(1, Math.max(0, l + direction * 0.01));
    color = hsl(hue, 0.75, l);
  }
  return color;
}

/** #rrggbb of an HSL colour (hue in degrees, saturation and lightness 0-1). */
export function hsl(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): string => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
