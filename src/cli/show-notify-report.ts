import type { NotifyReport } from "../delivery/notify-readiness.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

/**
 * With --json a failure is also said on stderr, for people watching the log; in text it is among the
 * warnings already, and what was sent or skipped is listed.
 */
export function showNotifyReport(report: NotifyReport, json: boolean): void {
  for (const failure of json ? report.failed : []) {
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
