import { parseChecklist } from "../../readiness/core/parse-checklist.js";
import { rewriteOwnedRanges } from "../../readiness/core/rewrite-owned-ranges.js";

/** The markers of the release status section, owned like the checklist's score (READINESS_SCORE_START). */
export const STRATEGY_STATUS_START = "<!-- STRATEGY_STATUS_START -->";
export const STRATEGY_STATUS_END = "<!-- STRATEGY_STATUS_END -->";

export type ReplaceResult = { text: string } | { problem: string; line?: number };

/**
 * Puts `section` (written with \n) between the STRATEGY_STATUS markers, with the document's own line
 * ending, and leaves every other byte as it was. The markers are found as the checklist parser finds
 * every owned block (an HTML block on a line of its own, not in a code fence), so `score` on the same
 * document reads the section as shipready's, never as gates.
 */
export function replaceStrategyStatus(source: string, section: string): ReplaceResult {
  const parsed = parseChecklist(source);
  const problem = parsed.errors.find((e) => e.message.includes("STRATEGY_STATUS"));
  if (problem) return { problem: problem.message, ...(problem.line !== undefined && { line: problem.line }) };
  if (!parsed.markers.some((m) => m.name === "STRATEGY_STATUS")) {
    return {
      problem: `has no ${STRATEGY_STATUS_START} and ${STRATEGY_STATUS_END} markers, so there is no place shipready may write the release status. Put the two markers on lines of their own around the section to keep up to date (under "## Release Status"), then run again`,
    };
  }
  const ended = section === "" || section.endsWith("\n") ? section : `${section}\n`;
  const body = parsed.eol === "\n" ? ended : ended.replace(/\n/g, parsed.eol);
  return {
    text: rewriteOwnedRanges(source, parsed, [{ target: { marker: "STRATEGY_STATUS" }, text: body }]),
  };
}
