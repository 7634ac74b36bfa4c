import { dirname, relative, sep } from "node:path";
import { runReadiness, type RunOptions, type RunPorts, type RunResult } from "./run.js";
import type { HistoryRecord } from "./types.js";

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
  const settings = result.config.history;
  const store = await ports.openHistory(settings);
  let records: HistoryRecord[];
  try {
    records = await store.list();
  } finally {
    store.close();
  }
  const checklist = await historyName(result, ports);
  // One history file may hold several checklists' runs; a trend mixes none of them.
  return { result, history: records.filter((record) => record.checklist === checklist) };
}

/** The checklist's path as history records name it: relative to the repository's top, else the config's folder. */
async function historyName(result: RunResult, ports: RunPorts): Promise<string> {
  const path = result.checklist.path;
  const top = await ports.git.topLevel(dirname(path));
  const root = top ?? (result.config.file ? dirname(result.config.file) : dirname(path));
  return relative(root, path).split(sep).join("/");
}
