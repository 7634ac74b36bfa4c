import type { Colors } from "picocolors/types.js";
import { formatPercent } from "../../shared/format-percent.js";
import type { HistoryRecord, Trend } from "../types.js";
import { escapeTerminal } from "../../shared/escape-terminal.js";

/** Recent runs, one a line, and the trend: current score, average over the window, change. */
export function renderHistoryText(
  records: HistoryRecord[],
  trend: Trend | null,
  file: string,
  c: Colors,
): string {
  if (!trend) return `No runs recorded yet in ${file}. Run \`shipready update\` to record one.\n`;
  const lines = records.map(
    (r) =>
      `${r.at.slice(0, 16).replace("T", " ")}  ${formatPercent(r.score).padStart(6)}  ${(r.ready ? c.green("ready") : c.red("not ready")).padEnd(c.red("not ready").length)}  ${escapeTerminal(r.band)}${r.commit ? c.dim(`  ${r.commit.slice(0, 7)}`) : ""}`,
  );
  const change =
    trend.change === null ? "first run" : `${trend.change >= 0 ? "+" : ""}${trend.change} ${trend.arrow}`;
  lines.push(
    "",
    `${c.bold(`Current ${formatPercent(trend.current)}`)} · average of the last ${trend.window}: ${formatPercent(trend.average)} · change ${change}`,
  );
  return `${lines.join("\n")}\n`;
}
