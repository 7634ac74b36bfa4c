import { listChecklistHistory } from "../readiness/checklist-history.js";
import { runReadiness } from "../readiness/run-readiness.js";
import type { ReadinessPorts } from "../readiness/ports.js";
import type { ReadinessOptions } from "../readiness/types.js";
import type { DashboardInput } from "./types.js";

/** The run options the dashboard passes on: it always scores, and never writes or notifies. */
export type DashboardOptions = Omit<
  ReadinessOptions,
  "mode" | "dryRun" | "history" | "notify" | "ciSnapshot"
>;

/**
 * Scores the checklist in score mode (with evidence unless `evidence: false`, and the CI snapshot when
 * the checklist has one) and lists its history. It never rewrites the checklist or the history file.
 */
export async function loadDashboard(
  options: DashboardOptions,
  ports: ReadinessPorts,
): Promise<DashboardInput> {
  const result = await runReadiness({ ...options, mode: "score", ciSnapshot: true }, ports);
  const { history, root } = result.config;
  return { result, history: await listChecklistHistory(result.checklist.path, history, root, ports) };
}
