import type { ReleaseReport, ReleaseStep, StepState } from "../release/cut-release.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

const STATE_LABELS: Record<StepState, string> = {
  done: "done",
  "already-done": "already done",
  skipped: "skipped",
  planned: "would do",
  refused: "REFUSED",
};

/** One step as a line of the release's progress: its state, its name and what it did. */
export function renderReleaseStep(step: ReleaseStep, dryRun: boolean): string {
  const lines = [`  [${STATE_LABELS[step.state]}] ${step.name}: ${escapeTerminal(step.summary)}`];
  if (dryRun) {
    if (step.reads.length > 0) lines.push(`      reads: ${escapeTerminal(step.reads.join(", "))}`);
    if (step.changes.length > 0) lines.push(`      changes: ${escapeTerminal(step.changes.join(", "))}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The heading printed before the steps. */
export function renderReleaseHeading(
  report: Pick<ReleaseReport, "version" | "tag" | "previousTag" | "dryRun" | "packages">,
): string {
  if (report.packages !== undefined) {
    const lines = report.packages.map(
      (p) =>
        `  ${escapeTerminal(p.package)} ${p.version} (${p.previousTag ? `${escapeTerminal(p.previousTag)} -> ` : "first release: "}${escapeTerminal(p.tag)})`,
    );
    const count = `${report.packages.length} package${report.packages.length === 1 ? "" : "s"}`;
    return `${report.dryRun ? "Dry run of the release of" : "Release of"} ${count}\n${lines.join("\n")}\n`;
  }
  const from = report.previousTag ? `${report.previousTag} -> ` : "first release: ";
  return `${report.dryRun ? "Dry run of the release" : "Release"} ${report.version} (${from}${report.tag})\n`;
}

/** What is left to say once the steps are done: the outcome, the blockers of a refusal, the link. */
export function renderReleaseOutcome(report: ReleaseReport): string {
  if (report.nothingToRelease) return `${escapeTerminal(report.notes)}\n`;
  const lines: string[] = [];
  if (report.refused) {
    const blockers = report.readiness?.blockers ?? [];
    if (blockers.length > 0) {
      lines.push("", "Blockers:");
      for (const b of blockers.slice(0, 20)) {
        lines.push(
          `  - ${escapeTerminal(b.gate)} (${escapeTerminal(b.category)}, line ${b.line}): ${escapeTerminal(b.reason)}`,
        );
      }
      if (blockers.length > 20) lines.push(`  - and ${blockers.length - 20} more`);
    }
    lines.push(
      "",
      report.dryRun
        ? `The release would be refused: ${report.tag} at ${report.checkedCommit.slice(0, 7)} is not ready.`
        : `Refused: ${report.checkedCommit.slice(0, 7)} is not ready, so nothing was written. Fix the blockers, or release anyway and say why: --force "<reason>".`,
    );
  } else if (report.dryRun) {
    lines.push("", "Dry run: nothing was changed.");
  } else {
    lines.push(
      "",
      report.packages !== undefined
        ? `Released ${report.packages.map((p) => `${escapeTerminal(p.tag)}${p.releaseUrl ? `: ${escapeTerminal(p.releaseUrl)}` : ""}`).join(", ")}.`
        : `Released ${report.tag}${report.releaseUrl ? `: ${escapeTerminal(report.releaseUrl)}` : ""}.`,
    );
    if (report.override !== null) lines.push(`Readiness was overridden: ${escapeTerminal(report.override)}`);
  }
  return `${lines.join("\n")}\n`;
}
