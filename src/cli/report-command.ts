import { relative, resolve } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { formatPercent } from "../shared/format-percent.js";
import { ExitCode, UsageError } from "../errors.js";
import { loadDashboard } from "../dashboard/load-dashboard.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { renderDashboardHtml } from "../dashboard/core/render-dashboard-html.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";
import { gitHubAccessOf } from "./github-flags.js";

export interface ReportCommandOptions extends GlobalOptions {
  /** The page to write, or "-" for stdout. */
  html?: string;
  threshold?: string;
  evidence?: boolean;
  now?: string;
  token?: string;
  repo?: string;
  apiUrl?: string;
}

/**
 * `shipready report --html <file>`: the dashboard page as one self-contained file, for a CI artifact
 * or GitHub Pages. Read-only like score: it writes the page and nothing else.
 */
export async function runReportCommand(
  checklist: string | undefined,
  opts: ReportCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  if (opts.html === undefined) {
    throw new UsageError(
      "report needs --html <file>",
      "Name the page to write, such as `shipready report --html readiness.html`, or --html - for stdout.",
    );
  }
  if (opts.html.trim() === "") {
    throw new UsageError(
      "--html is empty",
      "Name the page to write, such as --html readiness.html, or - for stdout.",
    );
  }
  const threshold = parseNumberOption("--threshold", opts.threshold, 0, 100);
  const cwd = process.cwd();
  const ports = createDefaultPorts({
    clock: chooseClock(opts.now, process.env),
    github: gitHubAccessOf(opts),
  });
  const input = await loadDashboard(
    {
      cwd,
      ...(checklist !== undefined ? { checklist } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      evidence: opts.evidence !== false,
      ...(signal ? { signal } : {}),
    },
    ports,
  );
  const page = renderDashboardHtml(input, { live: false });
  if (opts.html === "-") {
    process.stdout.write(page);
    return ExitCode.Ok;
  }
  const file = resolve(cwd, opts.html);
  await ports.files.writeAtomic(file, page);
  const { readiness } = input.result;
  const kb = Math.round(Buffer.byteLength(page) / 102.4) / 10;
  process.stdout.write(
    `${escapeTerminal(`Wrote ${relative(cwd, file) || file}`)} (${formatPercent(readiness.score)}, ${escapeTerminal(readiness.band.name)}, ${readiness.ready ? "ready" : "not ready"}; ${kb} KB).\n`,
  );
  return ExitCode.Ok;
}
