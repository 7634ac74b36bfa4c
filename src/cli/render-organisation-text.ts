import Table from "cli-table3";
import type { Colors } from "picocolors/types.js";
import { describeHours } from "../metrics/core/rate-levels.js";
import type { LevelRating, OrganisationReport } from "../metrics/types.js";
import { METRIC_NAMES, PERFORMANCE_LEVELS } from "../metrics/types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

const LEVEL_NAMES = { elite: "Elite", high: "High", medium: "Medium", low: "Low" } as const;
const METRIC_LABELS = {
  deploymentFrequency: "Deployment frequency",
  changeLeadTime: "Change lead time",
  changeFailRate: "Change fail rate",
  recoveryTime: "Recovery time",
  reworkRate: "Rework rate",
} as const;

const percent = (rate: number | null) => (rate === null ? "-" : `${Number((rate * 100).toFixed(1))}%`);
const hours = (seconds: number | null) => (seconds === null ? "-" : describeHours(seconds / 3600));

/** `metrics --org`: a row per repository (readiness, the five metrics with their level), then the levels counted. */
export function renderOrganisationText(report: OrganisationReport, c: Colors): string {
  const out: string[] = [];
  const since = report.period.since.slice(0, 10);
  const until = report.period.until.slice(0, 10);
  out.push(
    c.bold(
      `Delivery performance of ${report.repos.length} repositories in ${escapeTerminal(report.environment)}`,
    ) +
      `, ${since} to ${until} (${Number(report.period.days.toFixed(1))} days), levels from ${report.report.id}`,
    "",
  );
  const level = (rating: LevelRating, shown: string) => {
    if (rating.level === null) return c.dim(shown);
    if (rating.checked === false) unchecked = true;
    return `${shown} ${LEVEL_NAMES[rating.level]}${rating.checked === false ? "*" : ""}`;
  };
  const table = new Table({
    head: ["Repository", "Readiness", "Deploys", "Lead time", "Fail rate", "Recovery", "Rework"].map((h) =>
      c.bold(h),
    ),
    colAligns: ["left", "left", "right", "right", "right", "right", "right"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  const problems: string[] = [];
  let unchecked = false;
  for (const entry of report.repos) {
    const readiness = entry.readiness
      ? `${entry.readiness.score} ${escapeTerminal(entry.readiness.verdict)}`
      : c.dim("-");
    if (!entry.ok) {
      table.push([escapeTerminal(entry.repo), readiness, c.dim("no metrics, see below"), "", "", "", ""]);
      problems.push(`  ${escapeTerminal(entry.repo)}: ${escapeTerminal(entry.problem)}`);
      continue;
    }
    const m = entry.report.metrics;
    const f = m.deploymentFrequency;
    table.push([
      escapeTerminal(entry.repo),
      readiness,
      level(f.level, `${Number(f.perWeek.toFixed(1))}/week`),
      level(m.changeLeadTime.level, hours(m.changeLeadTime.median)),
      level(m.changeFailRate.level, percent(m.changeFailRate.rate)),
      level(m.recoveryTime.level, hours(m.recoveryTime.median)),
      level(m.reworkRate.level, percent(m.reworkRate.rate)),
    ]);
  }
  out.push(table.toString());
  if (unchecked) {
    out.push(
      c.dim(
        "* the band used is marked unchecked in the report data: it was recalled, not compared with the report.",
      ),
    );
  }
  out.push("", "Repositories at each level:");
  for (const name of METRIC_NAMES) {
    const counts = report.levels[name];
    const parts = [...PERFORMANCE_LEVELS, "unrated" as const]
      .filter((l) => (counts[l] ?? 0) > 0)
      .map((l) => `${l === "unrated" ? "unrated" : LEVEL_NAMES[l]} ${counts[l]}`);
    out.push(`  ${METRIC_LABELS[name]}: ${parts.join(", ") || "none"}`);
  }
  if (problems.length > 0) out.push("", c.yellow("Not measured:"), ...problems);
  return `${out.join("\n")}\n`;
}
