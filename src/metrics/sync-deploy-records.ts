import type { DeployRecord } from "../deploy/types.js";
import { eventsFromDeployRecords } from "./core/from-deploy-records.js";
import type { MetricsStore, PutResult } from "./ports.js";

export interface SyncedRecords {
  result: PutResult;
  /** Lines of the records file that are not records, and records that say nothing the metrics use. */
  notes: string[];
}

/**
 * Brings shipready's own deploy records into the store: each deploy, rollback and failed
 * verification as events (upserted, so running it again changes nothing).
 */
export async function syncDeployRecords(
  store: MetricsStore,
  read: () => Promise<{ records: DeployRecord[]; problems: string[] }>,
  repo: string,
): Promise<SyncedRecords> {
  const { records, problems } = await read();
  if (records.length === 0) return { result: { inserted: 0, updated: 0, unchanged: 0 }, notes: problems };
  const events = eventsFromDeployRecords(records, repo);
  const result = await store.put({ deploys: events.deploys, recoveries: events.recoveries });
  return { result, notes: [...problems, ...events.skipped] };
}
