/** What the dashboard draws. */
import type { DeployRecord } from "../deploy/types.js";
import type { HistoryRecord, ReadinessRun } from "../readiness/types.js";

/** The last deploys of each environment the release strategy names, read from the deploy records. */
export interface DashboardDeploys {
  /** In the strategy's order (then any other environment the records name), each newest deploy first. */
  environments: { name: string; url: string | null; deploys: DeployRecord[] }[];
  /** The records file, as the page names it (relative to the config's folder). */
  source: string;
}

/** What the dashboard page is drawn from: one scoring run and the checklist's recorded history. */
export interface DashboardInput {
  result: ReadinessRun;
  /** The runs recorded for this checklist, oldest first. */
  history: readonly HistoryRecord[];
  /** The last deploys; null when shipready.yml has no release strategy (the page then has no deploys section). */
  deploys?: DashboardDeploys | null;
}
