import { nameToEmoji } from "gemoji";

// Pictographs plus the pieces emoji are built from (skin tones, flags, keycaps, joiners, variation
// selectors). The class is meant to match those combining pieces one by one.
/* eslint-disable no-misleading-character-class */
const PICTOGRAPH =
  /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;
const LEADING_DECORATION =
  /^(?:[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]|\s)+/u;
/* eslint-enable no-misleading-character-class */
const SHORTCODE = /:([a-z0-9_+-]+):/gi;
const VARIATION = /[\uFE0E\uFE0F]/g;

/** Replaces GitHub emoji shortcodes (`:white_check_mark:`) by the emoji they stand for. */
export function expandShortcodes(text: string): string {
  return text.replace(SHORTCODE, (whole, name: string) => nameToEmoji[name.toLowerCase()] ?? whole);
}

/** Removes variation selectors, so "⚠️" and "⚠" compare equal. */
export function removeVariationSelectors(text: string): string {
  return text.replace(VARIATION, "");
}

/** Replaces every emoji (and its combining pieces) by `by`. */
export function replacePictographs(text: string, by: string): string {
  return text.replace(PICTOGRAPH, by);
}

/** Removes emoji and spaces from the start of a text. */
export function removeLeadingDecoration(text: string): string {
  return text.replace(LEADING_DECORATION, "");
}
