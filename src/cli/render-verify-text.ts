import Table from "cli-table3";
import type { Colors } from "picocolors/types.js";
import { formatValue } from "../deploy/core/format-value.js";
import { markSample } from "../deploy/core/judge-window.js";
import type { VerifyResult } from "../deploy/ports.js";
import type { Judgement, Sample, Verdict } from "../deploy/types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

/**
 * One progress line per sample, the same on a terminal, in a pipe and in CI logs:
 * "12:00:05  error_ratio  3/30  0.0833  over max 0.01".
 */
export function renderSampleLine(
  metric: { name: string; judgement: Judgement },
  sample: Sample,
  position: { taken: number; expected: number; nameWidth: number },
  c: Colors,
): string {
  const time = new Date(sample.at).toTimeString().slice(0, 8);
  const mark = markSample(sample.value, metric.judgement);
  const value = sample.value === null ? "-" : formatValue(sample.value);
  const verdict =
    mark === "met"
      ? c.green("ok")
      : mark === "missed"
        ? c.red(describeMiss(sample.value!, metric.judgement))
        : c.yellow("no data");
  const note = sample.note ? c.dim(` (${escapeTerminal(sample.note)})`) : "";
  const count = `${position.taken}/${position.expected}`;
  return `${c.dim(time)}  ${escapeTerminal(metric.name).padEnd(position.nameWidth)}  ${count.padStart(7)}  ${value.padStart(8)}  ${verdict}${note}`;
}

function describeMiss(value: number, judgement: Judgement): string {
  if (judgement.max !== undefined && !(value <= judgement.max))
    return `over max ${formatValue(judgement.max)}`;
  if (judgement.min !== undefined && !(value >= judgement.min))
    return `under min ${formatValue(judgement.min)}`;
  return "missed";
}

const WORDS: Record<Verdict, string> = { pass: "VERIFIED", fail: "FAILED", inconclusive: "INCONCLUSIVE" };

/** The result as a table of metrics, then the verdict and its reason. */
export function renderVerifyText(
  result: VerifyResult,
  context: { title: string; critical: ReadonlySet<string>; columns: number },
  c: Colors,
): string {
  const paint = (verdict: Verdict, text: string) =>
    verdict === "pass" ? c.green(text) : verdict === "fail" ? c.red(text) : c.yellow(text);
  const reasonWidth = Math.max(30, Math.min(100, context.columns - 50));
  const table = new Table({
    head: ["Metric", "Verdict", "Samples", "Reason"].map((h) => c.bold(h)),
    colWidths: [null, null, null, reasonWidth],
    wordWrap: true,
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const metric of result.metrics) {
    const advisory =
      context.critical.size > 0 && !context.critical.has(metric.name) ? c.dim(" (advisory)") : "";
    const withData = metric.samples.filter((s) => s.value !== null).length;
    table.push([
      `${escapeTerminal(metric.name)}${advisory}`,
      paint(metric.verdict, metric.verdict + (metric.failedFast ? " (early)" : "")),
      `${withData}/${metric.samples.length}`,
      escapeTerminal(metric.reason),
    ]);
  }
  const lines = [
    c.bold(context.title),
    table.toString(),
    `${c.bold(paint(result.verdict, WORDS[result.verdict]))}: ${escapeTerminal(result.reason)}`,
  ];
  return `${lines.join("\n")}\n`;
}
