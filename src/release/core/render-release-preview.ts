import type { Blocker } from "../../readiness/types.js";
import { escapeMarkdown } from "../../shared/escape-markdown.js";
import { formatPercent } from "../../shared/format-percent.js";

/** The hidden line that finds the preview comment again, so it is edited rather than posted twice. */
export const PREVIEW_MARKER = "<!-- shipready:release-preview -->";

export interface PreviewInput {
  next: { version: string | null; bump: string; tag: string | null };
  /** The last release's tag, or null before the first. */
  previousTag: string | null;
  commits: number;
  /** The changelog section merging would add (markdown). */
  changelog: string;
  /** Readiness of this branch; null with `problem` when it could not be scored. */
  readiness: {
    score: number;
    band: string;
    emoji: string;
    ready: boolean;
    threshold: number;
    blockers: readonly Blocker[];
  } | null;
  readinessProblem: string | null;
  /** The last recorded readiness (the base branch's history), or null when there is none. */
  before: { score: number; band: string; ready: boolean; commit: string | null; at: string } | null;
}

/**
 * What merging a pull request would release, for the job summary and the PR comment: the next
 * version, the readiness of the branch against the last recorded run, and the changelog entry.
 */
export function renderReleasePreview(input: PreviewInput): string {
  const lines = [PREVIEW_MARKER];
  const since = input.previousTag ? `since ${escapeMarkdown(input.previousTag)}` : "in the whole history";
  if (input.next.version !== null) {
    const from = input.previousTag ? `, from ${escapeMarkdown(input.previousTag)}` : ", the first release";
    lines.push(
      `### 🚀 Merging this releases ${escapeMarkdown(input.next.version)} (${input.next.bump}${from})`,
    );
  } else {
    lines.push(
      `### Merging this releases nothing: the ${input.commits} commit${input.commits === 1 ? "" : "s"} ${since} hold no feature, fix, performance change or breaking change`,
    );
  }
  lines.push("");
  const r = input.readiness;
  if (r === null) {
    lines.push(`**Readiness:** could not be scored: ${escapeMarkdown(input.readinessProblem ?? "unknown")}`);
  } else {
    lines.push("| | Score | Band | Verdict |", "|---|---|---|---|");
    lines.push(
      `| This branch | ${formatPercent(r.score)} | ${r.emoji} ${escapeMarkdown(r.band)} | ${r.ready ? "✅ ready" : "❌ not ready"} (threshold ${formatPercent(r.threshold)}) |`,
    );
    const b = input.before;
    if (b !== null) {
      const at = b.commit ? ` at ${b.commit.slice(0, 7)}` : "";
      lines.push(
        `| Last recorded${at} (${b.at.slice(0, 10)}) | ${formatPercent(b.score)} | ${escapeMarkdown(b.band)} | ${b.ready ? "ready" : "not ready"} |`,
      );
      const delta = Number((r.score - b.score).toFixed(1));
      lines.push(
        "",
        `**Change:** ${delta > 0 ? "+" : ""}${delta} points${b.ready !== r.ready ? (r.ready ? ", now ready" : ", no longer ready") : ""}`,
      );
    }
    if (r.blockers.length > 0) {
      lines.push("", `**Blockers (${r.blockers.length}):**`);
      for (const blocker of r.blockers.slice(0, 10)) {
        lines.push(
          `- ${escapeMarkdown(blocker.gate)} (${escapeMarkdown(blocker.category)}): ${blocker.outcome}`,
        );
      }
      if (r.blockers.length > 10) lines.push(`- and ${r.blockers.length - 10} more`);
    }
  }
  if (input.next.version !== null) {
    lines.push(
      "",
      "<details><summary>The changelog entry it adds</summary>",
      "",
      input.changelog.trim(),
      "",
      "</details>",
    );
  }
  return `${lines.join("\n")}\n`;
}
