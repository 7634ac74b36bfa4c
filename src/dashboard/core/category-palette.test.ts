import assert from "node:assert/strict";
import { test } from "node:test";
import { CARD, LINE_CONTRAST, categoryPalette, contrast, hsl, renderPaletteCss } from "./category-palette.js";

test("every category has its own colour, at least 3:1 against the card in light and dark mode", () => {
  for (let count = 1; count <= 40; count++) {
    const palette = categoryPalette(count);
    assert.equal(palette.length, count);
    assert.equal(new Set(palette.map((c) => c.light)).size, count, `${count} light colours`);
    assert.equal(new Set(palette.map((c) => c.dark)).size, count, `${count} dark colours`);
    for (const c of palette) {
      assert.ok(contrast(c.light, CARD.light) >= LINE_CONTRAST, `${c.light} on ${CARD.light}`);
      assert.ok(contrast(c.dark, CARD.dark) >= LINE_CONTRAST, `${c.dark} on ${CARD.dark}`);
    }
  }
});

test("neighbours in the legend are far apart in hue: twenty categories, no two next to each other within 60°", () => {
  const hueOf = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [
      number,
      number,
      number,
    ];
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  const hues = categoryPalette(20).map((c) => hueOf(c.light));
  for (let i = 1; i < hues.length; i++) {
    const gap = Math.abs(hues[i]! - hues[i - 1]!);
    assert.ok(Math.min(gap, 360 - gap) >= 60, `${i - 1} and ${i}: ${gap.toFixed(0)}°`);
  }
});

test("hsl and contrast agree with known values", () => {
  assert.equal(hsl(0, 1, 0.5), "#ff0000");
  assert.equal(hsl(120, 1, 0.25), "#008000");
  assert.equal(hsl(240, 1, 0.5), "#0000ff");
  assert.equal(contrast("#000000", "#ffffff").toFixed(0), "21");
  assert.equal(contrast("#767676", "#ffffff").toFixed(2), "4.54");
});

test("the style sheet names a stroke per category in each mode, and the dash patterns", () => {
  const css = renderPaletteCss(3);
  assert.equal(css.match(/\.c\d\{stroke:#[0-9a-f]{6}\}/g)?.length, 6);
  assert.match(css, /\.d1\{stroke-dasharray:9 3\}/);
  assert.match(css, /@media \(prefers-color-scheme:dark\)\{\.c0/);
});
