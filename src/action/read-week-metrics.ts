import { existsSync } from "node:fs";
import type { ShipreadyConfig } from "../config/types.js";
import { InputError } from "../errors.js";
import { pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { summarizeWeek, type WeekSummary } from "../metrics/core/summarize-week.js";
import type { Clock } from "../ports.js";

const WEEK_MS = 7 * 86_400_000;

/**
 * The last 7 days of delivery performance for the job summary, when the metrics store (restored
 * into the workspace, say by actions/cache after a `shipready metrics sync`) has deploys of this
 * repository; null otherwise, and the summary has no such section. The store is only read.
 */
export async function readWeekMetrics(
  config: ShipreadyConfig,
  repo: string | null,
  clock: Clock,
  notice: (message: string) => void,
): Promise<WeekSummary | null> {
  if (repo === null || !existsSync(config.metrics.store)) return null;
  const { canUseSqlite } = await import("../adapters/sqlite/probe-sqlite.js");
  if (!canUseSqlite()) {
    notice(
      "the delivery metrics are left out of the summary: SQLite is not available here to read the metrics store (install better-sqlite3 in the workspace, as `npm install shipready` does)",
    );
    return null;
  }
  const [{ openSqliteMetricsStore }, { gitChangeHistory }, { measureWeek }] = await Promise.all([
    import("../adapters/sqlite/sqlite-metrics-store.js"),
    import("../adapters/git/git-change-history.js"),
    import("../metrics/measure-week.js"),
  ]);
  const store = openSqliteMetricsStore(config.metrics.store);
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
    // Deploys, but none in the environment measured: the summary leaves the section out and says why.
    if (!(error instanceof InputError)) throw error;
    notice(`the delivery metrics are left out of the summary: ${error.message}`);
    return null;
  } finally {
    await store.close();
  }
}
