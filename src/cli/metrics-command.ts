import { relative, resolve } from "node:path";
import { gitChangeHistory } from "../adapters/git/git-change-history.js";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { ExitCode, InputError, UsageError } from "../errors.js";
import { BAND_REPORTS, pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { parsePeriod } from "../metrics/core/parse-period.js";
import { renderMetricsCsv } from "../metrics/core/render-metrics-csv.js";
import { renderOrganisationCsv } from "../metrics/core/render-organisation-csv.js";
import { measureDelivery } from "../metrics/measure-delivery.js";
import { measureOrganisation } from "../metrics/measure-organisation.js";
import { storedChangeHistory } from "../metrics/stored-change-history.js";
import { syncDeployRecords } from "../metrics/sync-deploy-records.js";
import type { GlobalOptions } from "./main.js";
import { openMetricsContext } from "./open-metrics-context.js";
import { renderMetricsText } from "./render-metrics-text.js";
import { renderOrganisationText } from "./render-organisation-text.js";
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
  org?: boolean;
  now?: string;
}

export { openMetricsContext, type MetricsContext } from "./open-metrics-context.js";

/**
 * `shipready metrics`: the five DORA metrics of one repository and environment over a period; with
 * `--org`, of every repository in the store side by side.
 */
export async function runMetricsCommand(opts: MetricsCommandOptions): Promise<number> {
  if (opts.json && opts.csv) throw new UsageError("--json and --csv cannot be used together", "Pick one.");
  if (opts.org) {
    const clash = (["repo", "weekly", "explain"] as const).find((flag) => opts[flag] !== undefined);
    if (clash) {
      throw new UsageError(
        `--org and --${clash} cannot be used together`,
        clash === "repo"
          ? "--org measures every repository in the store; leave --repo out, or leave --org out to measure one."
          : `Run shipready metrics --repo OWNER/NAME --${clash} for one repository's details.`,
      );
    }
  }
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
    const bandsUsed = asked === null && fromConfig ? fromConfig : bands;
    if (opts.org) {
      const organisation = await measureOrganisation(
        store,
        // The clone here answers for its own repository; the others' commits are read from the store.
        (name) => (name === repo ? gitChangeHistory(config.root) : storedChangeHistory(store, name)),
        {
          environment,
          since: period.since,
          until: period.until,
          minSample: config.metrics.minSample,
          bands: bandsUsed,
        },
      );
      if (organisation.repos.length === 0) {
        throw new InputError(
          `the metrics store ${context.storeLabel} holds no repository's events`,
          "Collect them with shipready metrics sync --repo OWNER/NAME (or record and import them in each repository), then run again.",
        );
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(organisation, null, 2)}\n`);
      else if (opts.csv) process.stdout.write(renderOrganisationCsv(organisation));
      else process.stdout.write(renderOrganisationText(organisation, terminalColors(opts)));
      return ExitCode.Ok;
    }
    const report = await measureDelivery(store, gitChangeHistory(config.root), {
      repo,
      environment,
      since: period.since,
      until: period.until,
      minSample: config.metrics.minSample,
      bands: bandsUsed,
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
