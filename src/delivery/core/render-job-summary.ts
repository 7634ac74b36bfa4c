import { escapeMarkdown } from "../../shared/escape-markdown.js";
import type { ChangedGate } from "../../readiness/core/find-changed-gates.js";
import { formatPercent } from "../../shared/format-percent.js";
import type { Outcome } from "../../types.js";
import type { Readiness, Trend } from "../../readiness/types.js";
import {
  countGates,
  describeGain,
  formatPoints,
  summarizePathToReady,
} from "../../readiness/core/describe-path-to-ready.js";

export interface JobSummaryInput {
  /** The checklist's path as the repository has it. */
  checklist: string;
  readiness: Readiness;
  mode: "update" | "check" | "score";
  /** Gates whose status the evidence changed in this run. */
  changed: readonly ChangedGate[];
  /** The trend against the previous recorded run; null when history has none. */
  trend: { trend: Trend; previousAt: string } | null;
  /** What became of the checklist and its commit, one line each, plain text; none outside update mode. */
  notes: readonly string[];
}

const OUTCOME_LABEL: Record<Outcome, string> = {
  pass: "🟢 pass",
  warn: "⚠️ warn",
  fail: "🔴 fail",
  pending: "🟡 pending",
  inconclusive: "❔ inconclusive",
  waived: "⚪ waived",
  "n/a": "➖ n/a",
};

/** A status as the summary and the pull request comment show it. */
export function renderOutcome(outcome: Outcome | null): string {
  return outcome === null ? "unreadable" : OUTCOME_LABEL[outcome];
}

/** The verdict in one line: ready or not, against which threshold, with how many blockers. */
export function renderVerdict(r: Readiness): string {
  if (r.ready)
    return `✅ **Ready**: ${formatPercent(r.score)} meets the threshold of ${formatPercent(r.threshold)}`;
  const reasons = [
    ...(r.score < r.threshold
      ? [`${formatPercent(r.score)} is below the threshold of ${formatPercent(r.threshold)}`]
      : []),
    ...(r.blockers.length > 0
      ? [
          `${r.blockers.length} required gate${r.blockers.length === 1 ? "" : "s"} block${r.blockers.length === 1 ? "s" : ""}`,
        ]
      : []),
  ];
  return `❌ **Not ready**: ${reasons.join("; ")}`;
}

/** The trend line: the previous recorded score, the change and its arrow. */
export function renderTrendLine(trend: JobSummaryInput["trend"]): string {
  if (trend === null) return "**Trend:** no earlier run in history";
  const t = trend.trend;
  const change = t.change === null ? "" : ` ${t.change > 0 ? "+" : ""}${t.change} points`;
  return `**Trend:** ${t.arrow}${change} since the last recorded run (${formatPercent(t.previous ?? t.current)} on ${trend.previousAt.slice(0, 10)}), average ${formatPercent(t.average)} over ${t.window} runs`;
}

/**
 * The job summary of a run (GitHub renders it on the run's page): the score per category, the verdict
 * against the threshold, the blockers with what to do, the fewest gates to pass to be ready, the gates
 * the evidence changed, and the trend.
 * Text from the checklist and from evidence is escaped, so it cannot add markup or a marker.
 */
export function renderJobSummary(input: JobSummaryInput): string {
  const r = input.readiness;
  const lines = [
    `## ${r.band.emoji} Release readiness: ${formatPercent(r.score)}, ${escapeMarkdown(r.band.name)}`.replace(
      /^## {2}/,
      "## ",
    ),
    "",
    `${renderVerdict(r)}  `,
    `${renderTrendLine(input.trend)}  `,
    `**Checklist:** ${escapeMarkdown(input.checklist)} (${input.mode}) · evidence coverage ${formatPercent(r.coverage)}`,
    "",
    "| Category | Score | Passing | Weight |",
    "|---|---:|---:|---:|",
  ];
  for (const c of r.categories) {
    const name = `${escapeMarkdown(c.name)}${c.required ? " (required)" : ""}`;
    lines.push(
      `| ${name} | ${c.score === null ? "n/a" : formatPercent(c.score)} | ${c.passed}/${c.total} | ${c.weight} |`,
    );
  }
  lines.push(`| **Total** | **${formatPercent(r.score)}** | | |`);

  if (r.blockers.length > 0) {
    lines.push(
      "",
      `### Blockers (${r.blockers.length})`,
      "",
      "| Gate | Category | Line | Status | What to do |",
      "|---|---|---:|---|---|",
    );
    for (const b of r.blockers) {
      lines.push(
        `| ${escapeMarkdown(b.gate)} | ${escapeMarkdown(b.category)} | ${b.line} | ${renderOutcome(b.outcome)} | ${escapeMarkdown(b.reason)} |`,
      );
    }
  }

  if (r.toReady) lines.push("", ...renderPathToReady(r));

  if (input.changed.length > 0) {
    lines.push(
      "",
      `### Changed in this run (${input.changed.length})`,
      "",
      "| Gate | Category | Was | Now |",
      "|---|---|---|---|",
    );
    for (const g of input.changed) {
      lines.push(
        `| ${escapeMarkdown(g.gate)} | ${escapeMarkdown(g.category)} | ${renderOutcome(g.before)} | ${renderOutcome(g.after)} |`,
      );
    }
  } else {
    lines.push("", "No gate changed status in this run.");
  }

  if (input.notes.length > 0) {
    lines.push("");
    for (const note of input.notes) lines.push(`- ${escapeMarkdown(note)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The way to ready: a heading with the points missing, then the gates to pass by owner, with what each adds. */
function renderPathToReady(r: Readiness): string[] {
  const path = r.toReady!;
  const summary = summarizePathToReady(path, r.threshold);
  const lines = [
    `### ${summary.headline}`,
    "",
    `Pass ${countGates(path.gates.length)}${summary.owned ? ", by owner" : ""}:`,
    "",
    summary.owned ? "| Owner | Gate | Category | Line | Adds |" : "| Gate | Category | Line | Adds |",
    summary.owned ? "|---|---|---|---:|---|" : "|---|---|---:|---|",
  ];
  for (const group of summary.groups) {
    const owner = group.owner === null ? "—" : escapeMarkdown(group.owner);
    for (const g of group.gates) {
      const cells = [escapeMarkdown(g.name), escapeMarkdown(g.category), String(g.line), describeGain(g)];
      lines.push(`| ${(summary.owned ? [owner, ...cells] : cells).join(" | ")} |`);
    }
  }
  if (summary.more) {
    lines.push("", `…and ${countGates(summary.more.gates)} more (+${formatPoints(summary.more.adds)}).`);
  }
  return lines;
}
