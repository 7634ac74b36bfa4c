import { escapeMarkdown } from "../../shared/escape-markdown.js";
import type { ChangedGate } from "../../readiness/core/find-changed-gates.js";
import { formatPercent } from "../../shared/format-percent.js";
import type { Readiness } from "../../readiness/types.js";
import { renderOutcome, renderVerdict } from "./render-job-summary.js";

/** The hidden line that finds the readiness comment again, so that it is edited rather than posted twice. */
export const READINESS_COMMENT_MARKER = "<!-- shipready:readiness -->";

export interface ReadinessCommentInput {
  checklist: string;
  readiness: Readiness;
  changed: readonly ChangedGate[];
  /** The commit the run scored; null when unknown. */
  commit: string | null;
  /** The workflow run's page; null outside Actions. */
  runUrl: string | null;
}

const MAX_LISTED = 10;

/** The readiness as one pull request comment: score, verdict, blockers and the gates that changed. */
export function renderReadinessComment(input: ReadinessCommentInput): string {
  const r = input.readiness;
  const at = input.commit ? ` at ${input.commit.slice(0, 7)}` : "";
  const lines = [
    READINESS_COMMENT_MARKER,
    `### ${r.band.emoji} Release readiness${at}: ${formatPercent(r.score)}, ${escapeMarkdown(r.band.name)}`,
    "",
    renderVerdict(r),
  ];
  if (r.blockers.length > 0) {
    lines.push("", `**Blockers (${r.blockers.length}):**`);
    for (const b of r.blockers.slice(0, MAX_LISTED)) {
      lines.push(`- ${escapeMarkdown(b.gate)} (${escapeMarkdown(b.category)}): ${escapeMarkdown(b.reason)}`);
    }
    if (r.blockers.length > MAX_LISTED) lines.push(`- and ${r.blockers.length - MAX_LISTED} more`);
  }
  if (input.changed.length > 0) {
    lines.push("", `**Changed in this run (${input.changed.length}):**`);
    for (const g of input.changed.slice(0, MAX_LISTED)) {
      lines.push(`- ${escapeMarkdown(g.gate)}: ${renderOutcome(g.before)} → ${renderOutcome(g.after)}`);
    }
    if (input.changed.length > MAX_LISTED) lines.push(`- and ${input.changed.length - MAX_LISTED} more`);
  }
  const run = input.runUrl ? ` · [workflow run](${input.runUrl})` : "";
  lines.push("", `<sub>${escapeMarkdown(input.checklist)}${run}</sub>`);
  return `${lines.join("\n")}\n`;
}
