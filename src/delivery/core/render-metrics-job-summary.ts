import { deployName } from "../../metrics/core/describe-metrics.js";
import type { WeekSummary } from "../../metrics/core/summarize-week.js";
import { escapeMarkdown } from "../../shared/escape-markdown.js";

/** Failed deploys the summary lists before "and N more". */
const FAILED_LISTED = 10;

/**
 * The week's delivery performance for the Action's job summary: each metric's figure over the last
 * 7 days, how it moved since the week before and its level over 90 days, then the week's failed
 * deploys. Outside text (repository, environment, versions, incident titles) is escaped.
 */
export function renderMetricsJobSummary(s: WeekSummary): string {
  const lines = [
    `### 📊 Delivery performance: ${escapeMarkdown(s.repo)} in ${escapeMarkdown(s.environment)}`,
    "",
    `The last 7 days (${s.since.slice(0, 10)} to ${s.until.slice(0, 10)}): ${s.deploys} ${s.deploys === 1 ? "deploy" : "deploys"}, ${s.failed} failed. Levels over the last 90 days, from [${escapeMarkdown(s.report.title)}](${s.report.url}).`,
    "",
    "| Metric | Last 7 days | Behind it | Since the week before | Level (90 days) |",
    "|---|---|---|---|---|",
  ];
  for (const m of s.metrics) {
    lines.push(
      `| ${m.row.title} | ${m.row.ok ? m.row.figure : `_${m.row.figure}_`} | ${m.row.count} | ${m.change ?? "—"} | ${m.level ? `${m.level}${m.unchecked ? "\\*" : ""}` : "not rated"} |`,
    );
  }
  if (s.failedDeploys.length > 0) {
    lines.push("", `**Failed deploys (${s.failedDeploys.length})**`, "");
    for (const { deploy, incidents, recovery } of s.failedDeploys.slice(0, FAILED_LISTED)) {
      const linked = incidents.map((i) => escapeMarkdown(i.title ?? i.ref));
      lines.push(
        `- ${escapeMarkdown(deployName(deploy))} at ${deploy.finishedAt.slice(0, 16).replace("T", " ")} UTC${linked.length > 0 ? `, incident ${linked.join(", ")}` : ""}: recovery ${recovery}`,
      );
    }
    if (s.failedDeploys.length > FAILED_LISTED)
      lines.push(`- and ${s.failedDeploys.length - FAILED_LISTED} more (\`shipready metrics --explain\`)`);
  }
  return `${lines.join("\n")}\n`;
}
