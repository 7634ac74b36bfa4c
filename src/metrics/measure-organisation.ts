import { ShipreadyError } from "../errors.js";
import type { EnvironmentMatch } from "./core/match-environment.js";
import { measureDelivery } from "./measure-delivery.js";
import type { ChangeHistory, MetricsStore } from "./ports.js";
import {
  METRIC_NAMES,
  type BandReport,
  type MetricName,
  type OrganisationEntry,
  type OrganisationReport,
  type PerformanceLevel,
  type ReadinessSnapshot,
} from "./types.js";

/** Repositories measured at once. */
const IN_FLIGHT = 4;

export interface OrganisationRequest {
  environment: EnvironmentMatch;
  since: number;
  until: number;
  minSample: number;
  bands: BandReport;
  /** Only these repositories; absent: every repository with events or a readiness in the store. */
  repos?: readonly string[];
}

/**
 * Every repository of the store over one period, side by side: each one's metrics as
 * `shipready metrics` measures them (or why there are none: no deploys, none in the environment),
 * its readiness as last kept, and how many repositories are at each level per metric. A
 * repository that cannot be measured is counted as unrated.
 */
export async function measureOrganisation(
  store: MetricsStore,
  historyFor: (repo: string) => ChangeHistory,
  request: OrganisationRequest,
): Promise<OrganisationReport> {
  const readiness = new Map<string, ReadinessSnapshot>();
  for (const snapshot of await store.readiness()) readiness.set(snapshot.repo, snapshot);
  const names =
    request.repos ??
    [...new Set([...(await store.repositories()).map((r) => r.repo), ...readiness.keys()])].sort();

  // A few repositories at a time: while one waits on the store (a PostgreSQL round trip), another
  // is computed. The report keeps the order of the names.
  const repos = new Array<OrganisationEntry>(names.length);
  let next = 0;
  const measureNext = async (): Promise<void> => {
    for (let i = next++; i < names.length; i = next++) {
      const repo = names[i]!;
      repos[i] = await measureOne(store, historyFor(repo), repo, readiness.get(repo) ?? null, request);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, names.length) }, measureNext));
  return {
    period: {
      since: new Date(request.since).toISOString(),
      until: new Date(request.until).toISOString(),
      days: (request.until - request.since) / 86_400_000,
    },
    environment: request.environment.name,
    report: { id: request.bands.id, title: request.bands.title, url: request.bands.source.url },
    repos,
    levels: countLevels(repos),
  };
}

async function measureOne(
  store: MetricsStore,
  history: ChangeHistory,
  repo: string,
  kept: ReadinessSnapshot | null,
  request: OrganisationRequest,
): Promise<OrganisationEntry> {
  try {
    const report = await measureDelivery(store, history, {
      repo,
      environment: request.environment,
      since: request.since,
      until: request.until,
      minSample: request.minSample,
      bands: request.bands,
      explain: false,
    });
    return { repo, ok: true, report, readiness: kept };
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    const problem = error.fix ? `${error.message}. ${error.fix}` : error.message;
    return { repo, ok: false, problem, readiness: kept };
  }
}

/** How many repositories are at each level, per metric; one without a level (or without metrics) is unrated. */
export function countLevels(repos: readonly OrganisationEntry[]): OrganisationReport["levels"] {
  const levels = Object.fromEntries(METRIC_NAMES.map((name) => [name, {}])) as Record<
    MetricName,
    Partial<Record<PerformanceLevel | "unrated", number>>
  >;
  for (const entry of repos) {
    for (const name of METRIC_NAMES) {
      const level = (entry.ok ? entry.report.metrics[name].level.level : null) ?? "unrated";
      levels[name][level] = (levels[name][level] ?? 0) + 1;
    }
  }
  return levels;
}
