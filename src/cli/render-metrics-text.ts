import Table from "cli-table3";
import type { Colors } from "picocolors/types.js";
import { describeHours } from "../metrics/core/rate-levels.js";
import type { LevelRating, MetricsReport } from "../metrics/types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

const LEVEL_NAMES = { elite: "Elite", high: "High", medium: "Medium", low: "Low" } as const;
const NOT_ENOUGH = "not enough data";

const hours = (seconds: number | null) => (seconds === null ? "" : describeHours(seconds / 3600));
const percent = (rate: number | null) => (rate === null ? "" : `${Number((rate * 100).toFixed(1))}%`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const perWeek = (n: number | null) => (n === null ? "" : `${Number(n.toFixed(1))}/week`);

/** The five metrics as a table a person reads, the weeks with --weekly, and every deploy with --explain. */
export function renderMetricsText(report: MetricsReport, options: { weekly: boolean }, c: Colors): string {
  const m = report.metrics;
  const out: string[] = [];
  const since = report.period.since.slice(0, 10);
  const until = report.period.until.slice(0, 10);
  out.push(
    c.bold(
      `Delivery performance of ${escapeTerminal(report.repo)} in ${escapeTerminal(report.environment)}`,
    ) +
      ` (${report.matches.map(escapeTerminal).join(", ")}), ${since} to ${until} (${Number(report.period.days.toFixed(1))} days)`,
    "",
  );
  const level = (rating: LevelRating) => {
    if (rating.level === null) return c.dim("-");
    const name = LEVEL_NAMES[rating.level];
    return rating.checked === false ? `${name}*` : name;
  };
  const table = new Table({
    head: ["Metric", "Median", "p90", "Behind it", "Level"].map((h) => c.bold(h)),
    colAligns: ["left", "right", "right", "left", "left"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  const f = m.deploymentFrequency;
  table.push([
    "Deployment frequency",
    f.status === "ok" ? perWeek(f.weeklyDeploys.median) : c.dim(NOT_ENOUGH),
    f.status === "ok" ? perWeek(f.weeklyDeploys.p90) : "",
    `${plural(f.deploys, "deploy")}, ${Number(f.perDay.toFixed(2))}/day${f.bucket ? `, ${f.bucket}` : ""}`,
    level(f.level),
  ]);
  const lead = m.changeLeadTime;
  table.push([
    "Change lead time",
    lead.status === "ok" ? hours(lead.median) : c.dim(NOT_ENOUGH),
    hours(lead.p90),
    plural(lead.count, "change"),
    level(lead.level),
  ]);
  const cfr = m.changeFailRate;
  table.push([
    "Change fail rate",
    cfr.status === "ok" ? percent(cfr.rate) : c.dim(NOT_ENOUGH),
    "",
    `${cfr.numerator} of ${plural(cfr.count, "deploy")} failed`,
    level(cfr.level),
  ]);
  const rec = m.recoveryTime;
  table.push([
    "Failed deployment recovery time",
    rec.status === "ok" ? hours(rec.median) : c.dim(NOT_ENOUGH),
    hours(rec.p90),
    `${rec.count} recovered${rec.open > 0 ? `, ${rec.open} open` : ""}`,
    level(rec.level),
  ]);
  const rw = m.reworkRate;
  table.push([
    "Deployment rework rate",
    rw.status === "ok" ? percent(rw.rate) : c.dim(NOT_ENOUGH),
    "",
    `${rw.numerator} of ${plural(rw.count, "deploy")}`,
    level(rw.level),
  ]);
  out.push(table.toString(), "");

  out.push(`Levels from ${report.report.id} (${escapeTerminal(report.report.title)}, ${report.report.url}):`);
  const ratings: [string, LevelRating, string | null][] = [
    ["Deployment frequency", f.level, f.note],
    ["Change lead time", lead.level, lead.note],
    ["Change fail rate", cfr.level, cfr.note],
    ["Recovery time", rec.level, rec.note],
    ["Rework rate", rw.level, rw.note],
  ];
  for (const [name, rating, note] of ratings) {
    out.push(
      `  ${name}: ${escapeTerminal(rating.level === null && note ? `${NOT_ENOUGH}: ${note}` : rating.reason)}`,
    );
  }
  if ([f, lead, cfr, rec, rw].some((metric) => metric.level.checked === false)) {
    out.push(
      c.dim(
        "  * the band used is marked unchecked in the report data: it was recalled, not compared with the report.",
      ),
    );
  }

  if (options.weekly) {
    const weeks = new Table({
      head: ["Week", "Deploys", "Days", "Failed", "Rework", "Lead time", "Recovery"].map((h) => c.bold(h)),
      colAligns: ["left", "right", "right", "right", "right", "right", "right"],
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    });
    for (const w of report.weeks) {
      weeks.push([
        `${w.week}${w.whole ? "" : " (part)"}`,
        String(w.deploys),
        String(w.deployDays),
        w.deploys === 0 ? "" : `${w.failed} (${percent(w.changeFailRate)})`,
        w.deploys === 0 ? "" : `${w.rework} (${percent(w.reworkRate)})`,
        w.leadTime.count === 0 ? "" : `${hours(w.leadTime.median)} (${w.leadTime.count})`,
        w.recoveryTime.count === 0 ? "" : `${hours(w.recoveryTime.median)} (${w.recoveryTime.count})`,
      ]);
    }
    out.push("", weeks.toString());
  }

  if (report.skew.length > 0) {
    out.push(
      "",
      c.yellow(
        `Clock skew: ${report.skew.length} time${report.skew.length === 1 ? "" : "s"} contradict another, not counted:`,
      ),
    );
    for (const s of report.skew.slice(0, 10))
      out.push(`  ${escapeTerminal(s.ref)}: ${escapeTerminal(s.detail)}`);
    if (report.skew.length > 10) out.push(`  ... and ${report.skew.length - 10} more (--json lists all)`);
  }
  for (const warning of report.warnings) out.push(c.yellow(`Note: ${escapeTerminal(warning)}`));

  if (report.explain) {
    out.push("", c.bold("Deploys of the period:"));
    for (const d of report.explain.deploys) {
      const what = escapeTerminal(d.version ?? d.commit?.slice(0, 7) ?? "?");
      out.push(
        `  ${d.finishedAt.slice(0, 16).replace("T", " ")}  ${escapeTerminal(d.ref)}  ${what}  ${d.status}`,
      );
      if (!d.counted) {
        out.push(`      not counted: ${escapeTerminal(d.why)}`);
        continue;
      }
      out.push(
        `      ${d.failed ? c.red("failed") : "ok"}${d.failures.length > 0 ? `: ${escapeTerminal(d.failures.join("; "))}` : ""}`,
      );
      if (d.recoveryWhy)
        out.push(
          `      recovery: ${d.recoverySeconds === null ? "" : `${hours(d.recoverySeconds)}, `}${escapeTerminal(d.recoveryWhy)}`,
        );
      out.push(`      ${d.rework ? "rework" : "planned"}: ${escapeTerminal(d.reworkWhy)}`);
      if (d.changes.count > 0 || d.changes.note) {
        out.push(
          `      changes: ${d.changes.count}${d.changes.count > 0 ? `, lead time median ${hours(d.changes.leadTime.median)}` : ""}${d.changes.note ? ` (${escapeTerminal(d.changes.note)})` : ""}`,
        );
      }
    }
    out.push("", c.bold("Incidents:"));
    if (report.explain.incidents.length === 0) out.push("  none");
    for (const i of report.explain.incidents) {
      out.push(
        `  ${i.openedAt.slice(0, 16).replace("T", " ")}  ${escapeTerminal(i.ref)}  ${i.linkedTo ? `-> ${escapeTerminal(i.linkedTo)}` : "not linked"}: ${escapeTerminal(i.why)}${i.resolvedAt ? `; resolved ${i.resolvedAt.slice(0, 16).replace("T", " ")}` : "; open"}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}
