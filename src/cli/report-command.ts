import { relative, resolve } from "node:path";
import { formatPercent } from "../shared/format-percent.js";
import { ExitCode, ShipreadyError, UsageError } from "../errors.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";
import { gitHubAccessOf } from "./github-flags.js";
import type { MetricsView } from "../dashboard/types.js";

export interface ReportCommandOptions extends GlobalOptions {
  /** The page to write, or "-" for stdout. */
  html?: string;
  /** The public status page to write ("-" for stdout); true: status.html. */
  statusPage?: string | boolean;
  threshold?: string;
  evidence?: boolean;
  now?: string;
  token?: string;
  repo?: string;
  apiUrl?: string;
}

/** Where `--status-page` with no file writes. */
const DEFAULT_STATUS_PAGE = "status.html";

/**
 * `shipready report --html <file>`: the dashboard page as one self-contained file, for a CI artifact
 * or GitHub Pages. `--status-page [file]`: the public status page of the environments shipready.yml
 * marks public. Read-only like score: it writes the pages and nothing else.
 */
export async function runReportCommand(
  checklist: string | undefined,
  opts: ReportCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  if (opts.html === undefined && opts.statusPage === undefined) {
    throw new UsageError(
      "report needs --html <file> or --status-page [file]",
      "Name the page to write, such as `shipready report --html readiness.html` (the dashboard) or `shipready report --status-page status.html` (the public status page); - writes to stdout.",
    );
  }
  for (const [flag, value] of [
    ["--html", opts.html],
    ["--status-page", opts.statusPage],
  ] as const) {
    if (typeof value === "string" && value.trim() === "") {
      throw new UsageError(
        `${flag} is empty`,
        `Name the page to write, such as ${flag} page.html, or - for stdout.`,
      );
    }
  }
  if (opts.html === "-" && opts.statusPage === "-") {
    throw new UsageError(
      "--html - and --status-page - would both write to stdout",
      "Write one of them to a file, such as --status-page status.html.",
    );
  }
  const threshold = parseNumberOption("--threshold", opts.threshold, 0, 100);
  const clock = chooseClock(opts.now, process.env);
  if (opts.statusPage !== undefined) {
    const file = typeof opts.statusPage === "string" ? opts.statusPage : DEFAULT_STATUS_PAGE;
    await writeStatusPage(file, opts, clock.now());
  }
  if (opts.html !== undefined) await writeDashboardPage(opts.html, checklist, opts, threshold, signal);
  return ExitCode.Ok;
}

async function writeDashboardPage(
  target: string,
  checklist: string | undefined,
  opts: ReportCommandOptions,
  threshold: number | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const [{ createDefaultPorts }, { loadDashboard }, { renderDashboardHtml }, { deployRecordsFile }] =
    await Promise.all([
      import("../adapters/default-ports.js"),
      import("../dashboard/load-dashboard.js"),
      import("../dashboard/core/render-dashboard-html.js"),
      import("../adapters/deploy-records-file.js"),
    ]);
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
    { ...ports, openDeployRecords: (file, onWarning) => deployRecordsFile(file, { onWarning }) },
  );
  const metrics = await readReportMetrics(opts);
  const page = renderDashboardHtml({ ...input, metrics }, { live: false });
  if (target === "-") {
    process.stdout.write(page);
    return;
  }
  const file = resolve(cwd, target);
  await ports.files.writeAtomic(file, page);
  const { readiness } = input.result;
  process.stdout.write(
    `${escapeTerminal(`Wrote ${relative(cwd, file) || file}`)} (${formatPercent(readiness.score)}, ${escapeTerminal(readiness.band.name)}, ${readiness.ready ? "ready" : "not ready"}; ${sizeOf(page)}).\n`,
  );
}

/**
 * The delivery performance of the last 90 days for the page, when the metrics store has deploys of
 * this repository in its default environment; null (no section) otherwise.
 */
async function readReportMetrics(opts: ReportCommandOptions): Promise<MetricsView | null> {
  const [{ resolveMetricsSetup }, { readMetricsView }] = await Promise.all([
    import("./open-metrics-context.js"),
    import("./read-metrics-view.js"),
  ]);
  const setup = await resolveMetricsSetup(opts);
  const until = setup.ports.clock.now().getTime();
  try {
    const { view } = await readMetricsView(setup, {
      repo: setup.repo,
      env: null,
      period: { since: until - 90 * 86_400_000, until },
    });
    return view.kind === "report" ? view : null;
  } catch (error) {
    // A store or records file that cannot be read costs the page its metrics, not the readiness.
    if (!(error instanceof ShipreadyError)) throw error;
    process.stderr.write(
      `shipready: warning: the delivery metrics are not shown: ${escapeTerminal(error.message)}${error.fix ? `\n  Fix: ${escapeTerminal(error.fix)}` : ""}\n`,
    );
    return null;
  }
}

/** The public status page: shipready.yml and the deploy records only; no checklist, evidence or GitHub. */
async function writeStatusPage(target: string, opts: ReportCommandOptions, now: Date): Promise<void> {
  const [
    { loadConfig },
    { nodeFiles },
    { gitCli },
    { deployRecordsFile },
    { makeStatusPage },
    { processSecrets },
  ] = await Promise.all([
    import("../config/load-config.js"),
    import("../adapters/node-files.js"),
    import("../adapters/git/git-cli.js"),
    import("../adapters/deploy-records-file.js"),
    import("../deploy/make-status-page.js"),
    import("../adapters/process-secrets.js"),
  ]);
  const cwd = process.cwd();
  const { config, warnings } = await loadConfig(
    { cwd, near: cwd, ...(opts.config !== undefined && { config: opts.config }) },
    { files: nodeFiles, git: gitCli },
  );
  const show = (text: string) => processSecrets.redact(escapeTerminal(text));
  for (const warning of warnings) {
    process.stderr.write(show(`shipready: ${warning.file}:${warning.line ?? 1}: ${warning.message}\n`));
  }
  const label = config.file === null ? "shipready.yml" : relative(cwd, config.file) || config.file;
  const onWarning = (message: string) => process.stderr.write(show(`shipready: warning: ${message}\n`));
  const records = deployRecordsFile(
    config.strategy?.recordsFile ?? resolve(cwd, ".shipready/deploys.jsonl"),
    {
      onWarning,
      label: config.strategy ? relative(cwd, config.strategy.recordsFile) || config.strategy.recordsFile : "",
    },
  );
  const { html, environments } = await makeStatusPage({ config, configLabel: label, now }, { records });
  if (target === "-") {
    process.stdout.write(html);
    return;
  }
  const file = resolve(cwd, target);
  await nodeFiles.writeAtomic(file, html);
  const count = `${environments.length} public environment${environments.length === 1 ? "" : "s"}`;
  process.stdout.write(
    `${escapeTerminal(`Wrote ${relative(cwd, file) || file}`)} (${count}; ${sizeOf(html)}).\n`,
  );
}

function sizeOf(page: string): string {
  return `${Math.round(Buffer.byteLength(page) / 102.4) / 10} KB`;
}
