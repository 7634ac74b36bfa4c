import { expandShortcodes, removeLeadingDecoration, replacePictographs } from "./emoji.js";

/** A gate or heading name as people say it: shortcodes expanded, leading emoji gone, spaces folded. */
export function cleanName(text: string): string {
  return removeLeadingDecoration(expandShortcodes(text).replace(/\s+/g, " ").trim()).trim();
}

/**
 * The key two names are compared by: emoji and punctuation removed, case folded.
 * "🧪 Build & Unit Tests" and "build  unit tests" share a key; so do "Sign-Off" and "sign off".
 */
export function nameKey(text: string): string {
  return replacePictographs(expandShortcodes(text), " ")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** True when `pattern` names `heading`: its words stand in the heading's words, in order, whole. */
export function headingMatches(heading: string, pattern: string): boolean {
  const p = nameKey(pattern);
  return p !== "" && ` ${nameKey(heading)} `.includes(` ${p} `);
}
