import { InputError } from "../errors.js";
import { measureDelivery, type MeasureRequest } from "../metrics/measure-delivery.js";
import type { ChangeHistory, MetricsStore } from "../metrics/ports.js";
import type { MetricsView } from "./types.js";

/** Where the metrics come from: the store (opened only to read, then closed) and git for lead times. */
export interface MetricsViewPorts {
  /** Whether the store holds anything yet: a page never creates it. */
  storeExists(): boolean;
  openStore(): Promise<MetricsStore>;
  /** Where the commits of the repository's deploys come from: git for the one checked out, else the store's. */
  history(store: MetricsStore): ChangeHistory;
  /** The store as messages name it (.shipready/metrics.sqlite). */
  storeLabel: string;
}

/** What to do when nothing is recorded: every way events reach the store. */
export const RECORD_SOMETHING =
  "Record deploys as they happen (`shipready deploy`, or `shipready record deploy --env production --version v1.2.3 --status success` from your CD system, `shipready record incident` from your on-call tool), import past ones with `shipready metrics import events.json`, or collect GitHub's deployments, runs and incident issues with `shipready metrics sync`.";

/**
 * The delivery performance of one repository and environment for a page: the store is opened for
 * this read and closed after it, so that a page left open holds no lock. A store that does not exist
 * is not created, and a repository or environment without deploys is a view that says what to record.
 */
export async function loadMetricsView(
  request: Omit<MeasureRequest, "explain">,
  ports: MetricsViewPorts,
): Promise<{ view: MetricsView; environments: string[] }> {
  if (!ports.storeExists()) {
    return {
      view: {
        kind: "empty",
        problem: `No deploys are recorded yet: ${ports.storeLabel} does not exist.`,
        fix: RECORD_SOMETHING,
      },
      environments: [],
    };
  }
  const store = await ports.openStore();
  try {
    const environments = (await store.environments(request.repo)).map((e) => e.name);
    try {
      const report = await measureDelivery(store, ports.history(store), { ...request, explain: true });
      return { view: { kind: "report", report }, environments };
    } catch (error) {
      // No deploys, or none in this environment: the measure says which, and what to do.
      if (!(error instanceof InputError)) throw error;
      const fix = environments.length === 0 ? RECORD_SOMETHING : (error.fix ?? RECORD_SOMETHING);
      return { view: { kind: "empty", problem: capitalize(error.message), fix }, environments };
    }
  } finally {
    await store.close();
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith(".") ? "" : ".");
}
