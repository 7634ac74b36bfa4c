import type { CiHealth, CiRun, CiSnapshot } from "../types.js";
import { escapeMarkdown } from "../../shared/escape-markdown.js";
import { formatPercent } from "../../shared/format-percent.js";
import { escapeLinkTarget } from "./render-gate-cells.js";

const HEALTH_EMOJI: Record<CiHealth, string> = {
  HEALTHY: "🟢",
  DEGRADED: "🟡",
  FAILING: "🔴",
  UNKNOWN: "⚪",
};

export interface CiSnapshotSectionInput {
  snapshot: CiSnapshot;
  /** The heading the block starts with today, kept as the user wrote it; null for the default one. */
  heading: string | null;
  eol: "\n" | "\r\n";
}

/**
 * The text shipready owns between the CI_SNAPSHOT markers, in the seed dashboard's shape: the health
 * line (decided by each workflow's latest finished run; the pooled success rate beside it), then per workflow the last run, its duration, when, and the pass rate, linked to the runs.
 */
export function renderCiSnapshot({ snapshot: s, heading, eol }: CiSnapshotSectionInput): string {
  const rate =
    s.successRate === null
      ? "no finished runs"
      : `${describeLatestRuns(s)}; success rate ${formatPercent(s.successRate)} over ${s.counted} ${s.counted === 1 ? "run" : "runs"}`;
  const lines = [
    heading ?? "## 📡 Last CI Snapshot",
    "",
    `**Last Updated:** ${formatTime(s.observedAt)}  `,
    `**CI Health Status:** ${HEALTH_EMOJI[s.health]} ${s.health} (${rate} on \`${escapeCode(s.branch)}\`)  `,
    `**Runs:** [${escapeMarkdown(s.repo)} Actions](${escapeLinkTarget(s.actionsUrl)})`,
    "",
  ];
  if (s.workflows.length === 0) {
    lines.push("_No workflows found._");
  } else {
    lines.push("| Workflow | Status | Duration | Last Run | Pass Rate |", "|---|---|---|---|---|");
    for (const w of s.workflows) {
      const name = `[${escapeMarkdown(w.name)}](${escapeLinkTarget(w.url)})`;
      const last = w.last;
      const when = last ? `[${formatTime(last.startedAt)}](${escapeLinkTarget(last.url)})` : "—";
      const duration = w.durationMs === null ? "—" : formatDuration(w.durationMs);
      const passRate = w.passRate === null ? "—" : `${formatPercent(w.passRate)} (${w.passed}/${w.counted})`;
      lines.push(`| ${name} | ${statusOf(last)} | ${duration} | ${when} | ${passRate} |`);
    }
  }
  return lines.join(eol) + eol;
}

/** What the health is decided from: "latest run failed in 2 of 5 workflows", "latest run passed in all 3 workflows". */
export function describeLatestRuns(s: Pick<CiSnapshot, "workflowsFailing" | "workflowsFinished">): string {
  const workflows = `${s.workflowsFinished} ${s.workflowsFinished === 1 ? "workflow" : "workflows"}`;
  if (s.workflowsFailing === 0) {
    return s.workflowsFinished === 1 ? "latest run passed" : `latest run passed in all ${workflows}`;
  }
  return `latest run failed in ${s.workflowsFailing} of ${workflows}`;
}

function statusOf(run: CiRun | null): string {
  if (run === null) return "⚪ NO RUNS";
  if (run.conclusion === null) return "🟡 RUNNING";
  switch (run.conclusion) {
    case "success":
      return "🟢 PASS";
    case "failure":
    case "timed_out":
    case "startup_failure":
      return "🔴 FAIL";
    case "cancelled":
      return "⚪ CANCELLED";
    case "skipped":
    case "neutral":
      return "➖ SKIPPED";
    default:
      return `⚠️ ${escapeMarkdown(run.conclusion.toUpperCase().replace(/_/g, " "))}`;
  }
}

/** 5m 12s, 1h 03m, 42s. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function escapeCode(text: string): string {
  return text.replace(/[`|\r\n]/g, "");
}
