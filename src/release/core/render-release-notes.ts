import type { Blocker } from "../../readiness/types.js";
import { escapeMarkdown } from "../../shared/escape-markdown.js";
import { formatPercent } from "../../shared/format-percent.js";

/** The verdict a release went out under, as the tag and the release notes record it. */
export interface ReleaseVerdict {
  /** Null when readiness was not checked at all. */
  readiness: {
    ready: boolean;
    score: number;
    band: string;
    threshold: number;
    checklist: string;
    blockers: readonly Blocker[];
    /** Why readiness could not be checked (allowed only with --force). */
    problem?: string;
  } | null;
  checkedCommit: string;
  /** Why it went out though not ready. */
  override: string | null;
}

/** One line: ready or not, the score against the threshold, from which checklist at which commit, and any override. */
export function renderVerdictLine(verdict: ReleaseVerdict): string {
  const r = verdict.readiness;
  if (r === null) return "Readiness: not checked.";
  const anyway = verdict.override === null ? "" : ` Released anyway: ${verdict.override}`;
  if (r.problem !== undefined) return `Readiness: not checked (${r.problem}).${anyway}`;
  const measured = `${formatPercent(r.score)} ${r.band} against a threshold of ${formatPercent(r.threshold)}, from ${r.checklist} at ${verdict.checkedCommit.slice(0, 7)}`;
  if (r.ready) return `Readiness: ready, ${measured}.`;
  const blockers = `${r.blockers.length} blocker${r.blockers.length === 1 ? "" : "s"}`;
  return `Readiness: NOT ready, ${measured}, with ${blockers}.${anyway}`;
}

/** The annotated tag's message: the version, and the verdict it was released under. */
export function renderTagMessage(version: string, verdict: ReleaseVerdict): string {
  return `Release ${version}\n\n${renderVerdictLine(verdict)}\n`;
}

/** The GitHub Release's notes: the changelog section, then the verdict and, when forced, the blockers. */
export function renderReleaseBody(notes: string, verdict: ReleaseVerdict): string {
  const r = verdict.readiness;
  const line = escapeMarkdown(renderVerdictLine(verdict));
  const blockers =
    r && !r.ready && r.blockers.length > 0
      ? `\n\n${r.blockers
          .slice(0, 10)
          .map((b) => `- ${escapeMarkdown(b.gate)} (${escapeMarkdown(b.category)}): ${b.outcome}`)
          .join("\n")}${r.blockers.length > 10 ? `\n- and ${r.blockers.length - 10} more` : ""}`
      : "";
  return `${notes}\n\n---\n\n${line}${blockers}\n`;
}
