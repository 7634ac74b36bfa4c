import type { Readiness } from "../types.js";
import { escapeMarkdown } from "../../shared/escape-markdown.js";
import { formatPercent } from "../../shared/format-percent.js";

export interface ScoreSectionInput {
  readiness: Readiness;
  /** The run's time, ISO; shown as "Last Updated". */
  now: string;
  eol: "\n" | "\r\n";
}

/**
 * The text shipready owns between the READINESS_SCORE markers, in the seed dashboard's shape.
 * Deterministic: the same readiness and time give the same bytes, so a second update changes nothing.
 */
export function renderScoreSection({ readiness, now, eol }: ScoreSectionInput): string {
  const r = readiness;
  const blockers = r.blockers.length > 0 ? `, ${plural(r.blockers.length, "blocker")}` : "";
  const verdict = r.ready
    ? `✅ Ready to release (threshold ${formatPercent(r.threshold)})`
    : `❌ Not ready (needs ${formatPercent(r.threshold)} and no blockers${blockers})`;
  const lines = [
    `## 📊 Release Readiness Score: ${formatPercent(r.score)} ${r.band.emoji}`.trimEnd(),
    "",
    `**Current Status:** ${escapeMarkdown(r.band.name)}  `,
    `**Verdict:** ${verdict}  `,
    `**Last Updated:** ${formatTime(now)}  `,
    `**Evidence Coverage:** ${formatPercent(r.coverage)}`,
    "",
    "### Scoring Breakdown:",
    ...r.categories.map((c) => {
      const name = escapeMarkdown(c.name);
      if (c.score === null) return `- **${name} (0/0):** no gates apply (weight ${c.weight}, not counted)`;
      return `- **${name} (${c.passed}/${c.total}):** ${formatPercent(c.score)} (weight ${c.weight}${c.required ? ", required" : ""})`;
    }),
    "",
    `**Weighted Total: ${formatPercent(r.score)}**`,
  ];
  if (r.blockers.length > 0) {
    lines.push("", "### Blockers:");
    for (const b of r.blockers) {
      // No line numbers here: they shift when this block changes length, and the text must not depend on itself.
      lines.push(`- ${escapeMarkdown(b.gate)} (${escapeMarkdown(b.category)}): ${b.outcome}`);
    }
  }
  lines.push(
    "",
    "_Computed by shipready from the gates below; text between these markers is rewritten on update._",
  );
  return lines.join(eol) + eol;
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
