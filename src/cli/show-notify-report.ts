import type { NotifyReport } from "../notify-readiness.js";
import { escapeTerminal } from "../reporters/escape-terminal.js";

/** Failures go to stderr whatever the output format; in text, what was sent or skipped too. */
export function showNotifyReport(report: NotifyReport, json: boolean): void {
  for (const failure of report.failed) {
    process.stderr.write(
      `shipready: warning: ${escapeTerminal(failure.message)}\n  Fix: ${escapeTerminal(failure.fix)}\n`,
    );
  }
  if (json) return;
  for (const would of report.wouldSend ?? []) {
    process.stderr.write(`(dry run: would notify ${would.target}: ${escapeTerminal(would.reason)})\n`);
  }
  const lines = [
    ...report.sent.map((target) => `Notified ${target}.`),
    ...report.skipped.map((s) => `Did not notify ${s.target}: ${escapeTerminal(s.reason)}.`),
  ];
  if (lines.length > 0) process.stdout.write(`${lines.join("\n")}\n`);
}
