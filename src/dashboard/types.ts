/** What the dashboard draws. */
import type { HistoryRecord, ReadinessRun } from "../readiness/types.js";

/** What the dashboard page is drawn from: one scoring run and the checklist's recorded history. */
export interface DashboardInput {
  result: ReadinessRun;
  /** The runs recorded for this checklist, oldest first. */
  history: readonly HistoryRecord[];
}
