import Table from "cli-table3";
import type { Colors } from "picocolors/types.js";
import { formatPercent } from "../shared/format-percent.js";
import type { RunResult } from "../delivery/types.js";
import type { Finding } from "../types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import {
  countGates,
  describeGain,
  formatPoints,
  summarizePathToReady,
} from "../readiness/core/describe-path-to-ready.js";
import type { PathGate, Readiness } from "../readiness/types.js";

const SOURCE_NOTE = {
  configured: "categories from shipready.yml",
  seed: "categories from the seed scheme",
  headings: "one category per heading",
} as const;

function sourceNote(result: RunResult): string {
  const note = SOURCE_NOTE[result.config.categories];
  if (result.config.categories === "configured") return note;
  return `${note} (${result.config.file ? "shipready.yml names no categories" : "no shipready.yml"})`;
}

/** The readiness as a person reads it in a terminal: a table per category, the verdict, blockers, warnings. */
export function renderReadinessText(result: RunResult, c: Colors): string {
  const r = result.readiness;
  const out: string[] = [];
  out.push(`${c.bold(escapeTerminal(result.checklist.label))} ${c.dim(`· ${sourceNote(result)}`)}`);

  const table = new Table({
    head: ["Category", "Passing", "Score", "Weight"].map((h) => c.bold(h)),
    colAligns: ["left", "right", "right", "right"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const cat of r.categories) {
    const name = escapeTerminal(cat.name) + (cat.required ? c.dim(" (required)") : "");
    const score = cat.score === null ? c.dim("n/a") : formatPercent(cat.score);
    table.push([name, `${cat.passed}/${cat.total}`, score, String(cat.weight)]);
  }
  table.push([c.bold("Total"), "", c.bold(formatPercent(r.score)), ""]);
  out.push(table.toString());

  const verdict = r.ready ? c.green(c.bold("READY")) : c.red(c.bold("NOT READY"));
  out.push(
    `${c.bold(formatPercent(r.score))} ${r.band.emoji} ${escapeTerminal(r.band.name)} · ${verdict} (threshold ${formatPercent(r.threshold)}) · coverage ${formatPercent(r.coverage)}`,
  );

  if (r.blockers.length > 0) {
    out.push("", c.bold(c.red(`Blockers (${r.blockers.length})`)));
    for (const b of r.blockers) {
      out.push(
        `  ${c.red("✖")} ${escapeTerminal(b.gate)} ${c.dim(`(${escapeTerminal(b.category)}, line ${b.line})`)}: ${b.reason}`,
      );
    }
  }
  if (r.toReady) out.push("", ...renderPathToReady(r, c));
  if (result.warnings.length > 0) {
    out.push("", c.bold(c.yellow(`Warnings (${result.warnings.length})`)));
    for (const w of result.warnings)
      out.push(`  ${c.yellow("!")} ${where(w, result.checklist.label)}${escapeTerminal(w.message)}`);
  }
  if (result.unscored.length > 0) {
    const parts = result.unscored.map(
      (u) => `${u.gates} under "${escapeTerminal(u.heading)}" (line ${u.line})`,
    );
    out.push("", c.dim(`Not scored (no category claims them): ${parts.join(", ")}`));
  }
  return `${out.join("\n")}\n`;
}

/**
 * "To reach 90%: 12.1 points missing — pass Security Audit (+6.3, required), Load Testing (+2.5)",
 * or with owners one line per owner under it.
 */
function renderPathToReady(r: Readiness, c: Colors): string[] {
  const summary = summarizePathToReady(r.toReady!, r.threshold);
  const gate = (g: PathGate): string => `${escapeTerminal(g.name)} ${c.dim(`(${describeGain(g)})`)}`;
  const more = summary.more
    ? [c.dim(`and ${summary.more.gates} more (+${formatPoints(summary.more.adds)})`)]
    : [];
  const head = c.bold(summary.headline);
  if (!summary.owned) {
    const all = summary.groups.flatMap((group) => group.gates.map(gate));
    return [`${head} — pass ${[...all, ...more].join(", ")}`];
  }
  return [
    `${head} — pass ${countGates(r.toReady!.gates.length)}:`,
    ...summary.groups.map(
      (group) =>
        `  ${group.owner === null ? c.dim("no owner") : c.cyan(escapeTerminal(group.owner))}: ${group.gates.map(gate).join(", ")}`,
    ),
    ...more.map((line) => `  ${line}`),
  ];
}

function where(w: Finding, checklist: string): string {
  const file = w.file ?? checklist;
  return w.line === undefined ? `${escapeTerminal(file)}: ` : `${escapeTerminal(file)}:${w.line}: `;
}
