import { markdown } from "../../readiness/core/read-inline-text.js";
import { SourceLines } from "../../readiness/core/source-lines.js";

/** The markers of the release status section, named like the checklist's own (READINESS_SCORE_START). */
export const STRATEGY_STATUS_START = "<!-- STRATEGY_STATUS_START -->";
export const STRATEGY_STATUS_END = "<!-- STRATEGY_STATUS_END -->";

const MARKER = /<!--\s*STRATEGY_STATUS_(START|END)\s*-->/g;

export type ReplaceResult = { text: string } | { problem: string; line?: number };

/**
 * Puts `section` (written with \n) between the STRATEGY_STATUS markers, with the document's own line
 * ending, and leaves every other byte as it was: the BOM, text outside the markers, the markers.
 * Markers inside code fences or inline text do not count: only an HTML block (a line of its own).
 */
export function replaceStrategyStatus(source: string, section: string): ReplaceResult {
  const bom = source.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = source.slice(bom.length);
  const lines = new SourceLines(text);
  const hits: { edge: string; line: number }[] = [];
  for (const token of markdown.parse(text, {})) {
    if (token.type !== "html_block" || !token.map) continue;
    for (let i = token.map[0]; i < token.map[1]; i++) {
      for (const match of lines.line(i).matchAll(MARKER)) hits.push({ edge: match[1]!, line: i });
    }
  }
  const starts = hits.filter((h) => h.edge === "START");
  const ends = hits.filter((h) => h.edge === "END");
  if (starts.length === 0 && ends.length === 0) {
    return {
      problem: `has no ${STRATEGY_STATUS_START} and ${STRATEGY_STATUS_END} markers, so there is no place shipready may write the release status. Put the two markers on lines of their own around the section to keep up to date (under "## Release Status"), then run again`,
    };
  }
  if (starts.length !== 1 || ends.length !== 1) {
    const extra = (starts.length !== 1 ? starts : ends)[starts.length > 1 || ends.length > 1 ? 1 : 0];
    return {
      problem: `needs exactly one ${STRATEGY_STATUS_START} and one ${STRATEGY_STATUS_END}; it has ${starts.length} and ${ends.length} (lines ${hits.map((h) => h.line + 1).join(", ")}). Keep one of each`,
      ...(extra && { line: extra.line + 1 }),
    };
  }
  const start = starts[0]!;
  const end = ends[0]!;
  if (end.line <= start.line) {
    return {
      problem: `${STRATEGY_STATUS_END} on line ${end.line + 1} comes before ${STRATEGY_STATUS_START} on line ${start.line + 1}. Swap them`,
      line: end.line + 1,
    };
  }
  const firstBreak = /\r\n|\n|\r/.exec(text);
  const eol = firstBreak?.[0] ?? "\n";
  const ended = section === "" || section.endsWith("\n") ? section : `${section}\n`;
  const body = eol === "\n" ? ended : ended.replace(/\n/g, eol);
  return {
    text: bom + text.slice(0, lines.start(start.line + 1)) + body + text.slice(lines.start(end.line)),
  };
}
