import { existsSync } from "node:fs";
import { relative } from "node:path";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { gitChangeHistory } from "../adapters/git/git-change-history.js";
import { loadMetricsView } from "../dashboard/load-metrics-view.js";
import type { MetricsView } from "../dashboard/types.js";
import { pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { storedChangeHistory } from "../metrics/stored-change-history.js";
import { syncDeployRecords } from "../metrics/sync-deploy-records.js";
import type { MetricsSetup } from "./open-metrics-context.js";

export interface MetricsViewAsk {
  /** The repository; the served one's commits come from git, another's only from the store. */
  repo: string;
  /** null: metrics.environments' first. */
  env: string | null;
  period: { since: number; until: number };
}

/**
 * One repository's delivery performance for a page, as `metrics --explain` measures it: the served
 * repository's own deploy records are brought into the store first (as `metrics` does), then the
 * store is read and closed again.
 */
export async function readMetricsView(
  setup: MetricsSetup,
  ask: MetricsViewAsk,
): Promise<{ view: MetricsView; environments: string[]; environment: string }> {
  const { config } = setup;
  const own = ask.repo === setup.repo;
  const recordsFile = config.strategy?.recordsFile ?? config.metrics.deployRecords;
  const withRecords = own && existsSync(recordsFile);
  const environment = matchEnvironment(
    ask.env ?? config.metrics.defaultEnvironment,
    config.metrics.environments,
  );
  const bands =
    (config.metrics.report === null ? null : pickBandReport(config.metrics.report)) ?? pickBandReport(null)!;
  const { view, environments } = await loadMetricsView(
    {
      repo: ask.repo,
      environment,
      since: ask.period.since,
      until: ask.period.until,
      minSample: config.metrics.minSample,
      bands,
    },
    {
      storeExists: () => withRecords || setup.storeExists(),
      openStore: async () => {
        const store = await setup.openStore();
        if (withRecords) {
          const problems: string[] = [];
          const records = deployRecordsFile(recordsFile, {
            label: relative(setup.cwd, recordsFile) || recordsFile,
            onWarning: (message) => problems.push(message),
          });
          await syncDeployRecords(store, async () => ({ records: await records.list(), problems }), ask.repo);
        }
        return store;
      },
      history: (store) => (own ? gitChangeHistory(config.root) : storedChangeHistory(store, ask.repo)),
      storeLabel: setup.storeLabel,
    },
  );
  return { view, environments, environment: environment.name };
}
