import { basename, relative, resolve } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { gitChangeHistory } from "../adapters/git/git-change-history.js";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { chooseMetricsStore, openMetricsStore } from "../adapters/open-metrics-store.js";
import { loadConfig } from "../config/load-config.js";
import type { ShipreadyConfig } from "../config/types.js";
import { ExitCode, UsageError } from "../errors.js";
import { BAND_REPORTS, pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { parsePeriod } from "../metrics/core/parse-period.js";
import { renderMetricsCsv } from "../metrics/core/render-metrics-csv.js";
import { measureDelivery } from "../metrics/measure-delivery.js";
import type { MetricsStore } from "../metrics/ports.js";
import { syncDeployRecords } from "../metrics/sync-deploy-records.js";
import type { RunPorts } from "../delivery/ports.js";
import { parseRemote } from "../shared/parse-remote.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";
import { renderMetricsText } from "./render-metrics-text.js";
import { terminalColors } from "./terminal-colors.js";

export interface MetricsCommandOptions extends GlobalOptions {
  since?: string;
  until?: string;
  env?: string;
  repo?: string;
  json?: boolean;
  csv?: boolean;
  weekly?: boolean;
  report?: string;
  explain?: boolean;
  now?: string;
}

/** What every metrics and record command starts from: the config, the repository, the store. */
export interface MetricsContext {
  cwd: string;
  ports: RunPorts;
  config: ShipreadyConfig;
  repo: string;
  store: MetricsStore;
  storeLabel: string;
}

export async function openMetricsContext(
  opts: GlobalOptions & { repo?: string; now?: string },
): Promise<MetricsContext> {
  const cwd = process.cwd();
  const ports = createDefaultPorts({ clock: chooseClock(opts.now, process.env) });
  const { config } = await loadConfig(
    { cwd, near: cwd, ...(opts.config ? { config: opts.config } : {}) },
    ports,
  );
  const repo = opts.repo ?? (await repositoryName(config, ports));
  if (!/\S/.test(repo))
    throw new UsageError(`--repo "${repo}" is empty`, "Give owner/name, such as --repo acme/shop.");
  // The store's client (pg or the native SQLite addon) is loaded here, by the commands that keep metrics.
  const choice = chooseMetricsStore(process.env, config.metrics, cwd);
  const store = await openMetricsStore(choice);
  return { cwd, ports, config, repo, store, storeLabel: choice.label };
}

/** owner/name from shipready.yml, else from the git remote, else the repository folder's name. */
async function repositoryName(config: ShipreadyConfig, ports: RunPorts): Promise<string> {
  if (config.github.repo) return config.github.repo;
  const remote = await ports.git.remoteUrl(config.root);
  return (remote ? parseRemote(remote)?.repo : undefined) ?? basename(config.root);
}

/** `shipready metrics`: the five DORA metrics of one repository and environment over a period. */
export async function runMetricsCommand(opts: MetricsCommandOptions): Promise<number> {
  if (opts.json && opts.csv) throw new UsageError("--json and --csv cannot be used together", "Pick one.");
  const asked = opts.report ?? null;
  const bands = pickBandReport(asked);
  if (!bands) {
    throw new UsageError(
      `there are no bands of a DORA report "${asked}"`,
      `Pick one of ${BAND_REPORTS.map((r) => r.year).join(", ")} (--report 2024), or leave --report out for the latest.`,
    );
  }
  const context = await openMetricsContext(opts);
  const { config, store, repo, ports } = context;
  try {
    const fromConfig = config.metrics.report === null ? null : pickBandReport(config.metrics.report);
    if (config.metrics.report !== null && !fromConfig) {
      throw new UsageError(
        `metrics.report in shipready.yml names ${config.metrics.report}, a DORA report with no bands here`,
        `Write one of ${BAND_REPORTS.map((r) => r.year).join(", ")}.`,
      );
    }
    const period = parsePeriod(opts.since, opts.until, ports.clock.now().getTime());
    if (!period.ok) throw new UsageError(`${period.flag}: ${period.problem}`, period.fix);

    const recordsFile = config.strategy?.recordsFile ?? config.metrics.deployRecords;
    const recordWarnings: string[] = [];
    const records = deployRecordsFile(recordsFile, {
      label: relative(context.cwd, recordsFile) || recordsFile,
      onWarning: (message) => recordWarnings.push(message),
    });
    const synced = await syncDeployRecords(
      store,
      async () => ({ records: await records.list(), problems: recordWarnings }),
      repo,
    );
    const environment = matchEnvironment(
      opts.env ?? config.metrics.defaultEnvironment,
      config.metrics.environments,
    );
    const report = await measureDelivery(store, gitChangeHistory(config.root), {
      repo,
      environment,
      since: period.since,
      until: period.until,
      minSample: config.metrics.minSample,
      bands: asked === null && fromConfig ? fromConfig : bands,
      explain: Boolean(opts.explain),
    });
    report.warnings.unshift(...synced.notes);
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (opts.csv) process.stdout.write(renderMetricsCsv(report, Boolean(opts.weekly)));
    else
      process.stdout.write(renderMetricsText(report, { weekly: Boolean(opts.weekly) }, terminalColors(opts)));
    return ExitCode.Ok;
  } finally {
    await store.close();
  }
}

/** `shipready metrics import <file>`: events kept elsewhere (JSON, JSON lines, CSV) into the store. */
export async function runMetricsImportCommand(
  file: string,
  opts: GlobalOptions & { repo?: string },
): Promise<number> {
  // The file parsers load only for an import.
  const { importEvents } = await import("../metrics/import-events.js");
  const { formatOfFile } = await import("../metrics/read-event-file.js");
  const context = await openMetricsContext(opts);
  try {
    const path = resolve(context.cwd, file);
    const text = await context.ports.files.readText(path);
    const imported = await importEvents(
      context.store,
      { text, format: formatOfFile(file), label: file },
      context.repo,
    );
    const { inserted, updated, unchanged } = imported.result;
    process.stdout.write(
      `Imported ${imported.deploys} deploys, ${imported.incidents} incidents and ${imported.recoveries} recoveries of ${context.repo} into ${context.storeLabel}: ${inserted} new, ${updated} updated, ${unchanged} already there.\n`,
    );
    return ExitCode.Ok;
  } finally {
    await context.store.close();
  }
}
