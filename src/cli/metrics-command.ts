import { relative, resolve } from "node:path";
import { gitChangeHistory } from "../adapters/git/git-change-history.js";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { ExitCode, UsageError } from "../errors.js";
import { BAND_REPORTS, pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { parsePeriod } from "../metrics/core/parse-period.js";
import { renderMetricsCsv } from "../metrics/core/render-metrics-csv.js";
import { measureDelivery } from "../metrics/measure-delivery.js";
import { syncDeployRecords } from "../metrics/sync-deploy-records.js";
import type { GlobalOptions } from "./main.js";
import { openMetricsContext } from "./open-metrics-context.js";
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

export { openMetricsContext, type MetricsContext } from "./open-metrics-context.js";

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
