import { listChecklistHistory } from "../readiness/checklist-history.js";
import { runReadiness, type RunOptions, type RunPorts, type RunResult } from "../readiness/run-readiness.js";
import type { HistoryRecord } from "../types.js";

/** What the dashboard page is drawn from: one scoring run and the checklist's recorded history. */
export interface DashboardInput {
  result: RunResult;
  /** The runs recorded for this checklist, oldest first. */
  history: readonly HistoryRecord[];
}

/** The run options the dashboard passes on: it always scores, and never writes or notifies. */
export type DashboardOptions = Omit<RunOptions, "mode" | "dryRun" | "history" | "notify" | "ciSnapshot">;

/**
 * Scores the checklist in score mode (with evidence unless `evidence: false`, and the CI snapshot when
 * the checklist has one) and lists its history. It never rewrites the checklist or the history file.
 */
export async function loadDashboard(options: DashboardOptions, ports: RunPorts): Promise<DashboardInput> {
  const result = await runReadiness({ ...options, mode: "score", ciSnapshot: true }, ports);
  const { history, root } = result.config;
  return { result, history: await listChecklistHistory(result.checklist.path, history, root, ports) };
}
