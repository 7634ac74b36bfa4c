import { existsSync } from "node:fs";
import type { ShipreadyConfig } from "../config/types.js";
import { chooseMetricsStore, openMetricsStore, type MetricsStoreChoice } from "../adapters/open-metrics-store.js";
import { ShipreadyError } from "../errors.js";
import type { MetricsStore } from "../metrics/ports.js";
import { pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { summarizeWeek, type WeekSummary } from "../metrics/core/summarize-week.js";
import type { Clock } from "../ports.js";

const WEEK_MS = 7 * 86_400_000;

/**
 * The last 7 days of delivery performance for the job summary, when the metrics store has deploys
 * of this repository: the PostgreSQL database of SHIPREADY_DATABASE_URL (pass it from a secret), else
 * the SQLite file of metrics.store (restored into the workspace, say by actions/cache after a
 * `shipready metrics sync`). Null otherwise, and the summary has no such section; a store that
 * cannot be read is a notice, never a failed step. The store is only read.
 */
export async function readWeekMetrics(
  config: ShipreadyConfig,
  repo: string | null,
  env: Readonly<Record<string, string | undefined>>,
  clock: Clock,
  notice: (message: string) => void,
): Promise<WeekSummary | null> {
  if (repo === null) return null;
  const leftOut = (why: string) => {
    notice(`the delivery metrics are left out of the summary: ${why}`);
    return null;
  };
  let choice: MetricsStoreChoice;
  try {
    choice = chooseMetricsStore(env, config.metrics, config.root);
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    return leftOut(error.message);
  }
  if (choice.kind === "sqlite") {
    if (!existsSync(choice.file)) return null;
    const { canUseSqlite } = await import("../adapters/sqlite/probe-sqlite.js");
    if (!canUseSqlite()) {
      return leftOut(
        "SQLite is not available here to read the metrics store (install better-sqlite3 in the workspace, as `npm install shipready` does)",
      );
    }
  }
  const [{ gitChangeHistory }, { measureWeek }] = await Promise.all([
    import("../adapters/git/git-change-history.js"),
    import("../metrics/measure-week.js"),
  ]);
  let store: MetricsStore;
  try {
    store = await openMetricsStore(choice);
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    return leftOut(error.message);
  }
  try {
    const known = (await store.repositories()).find((r) => r.repo === repo);
    if (!known || known.deploys === 0) return null;
    const until = clock.now().getTime();
    const bands = (config.metrics.report === null ? null : pickBandReport(config.metrics.report)) ?? pickBandReport(null)!;
    const reports = await measureWeek(store, gitChangeHistory(config.root), {
      repo,
      environment: matchEnvironment(config.metrics.defaultEnvironment, config.metrics.environments),
      since: until - WEEK_MS,
      until,
      minSample: config.metrics.minSample,
      bands,
    });
    return summarizeWeek(reports);
  } catch (error) {
    // Deploys, but none in the environment measured (or the database went away): the summary
    // leaves the section out and says why.
    if (!(error instanceof ShipreadyError)) throw error;
    return leftOut(error.message);
  } finally {
    await store.close();
  }
}
