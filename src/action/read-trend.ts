import { listChecklistHistory } from "../readiness/checklist-history.js";
import { summarizeTrend } from "../readiness/core/summarize-trend.js";
import type { ReadinessPorts } from "../readiness/ports.js";
import type { ReadinessRun } from "../readiness/types.js";
import type { ShipreadyConfig } from "../config/types.js";
import type { Trend } from "../readiness/types.js";

/**
 * This run's score against the run recorded before it for the same checklist: null when history is
 * off or holds no earlier run. Reads only: a missing history file is not created.
 */
export async function readTrend(
  result: ReadinessRun,
  config: ShipreadyConfig,
  ports: ReadinessPorts,
): Promise<{ trend: Trend; previousAt: string } | null> {
  if (!config.history.enabled) return null;
  const records = await listChecklistHistory(result.checklist.path, config.history, config.root, ports);
  const recorded = result.history?.record;
  // The record this run appended is not "the last run": the one before it is.
  const earlier = records.filter(
    (r) => !(recorded && r.at === recorded.at && r.score === recorded.score),
  );
  const previous = earlier.at(-1);
  if (!previous) return null;
  const trend = summarizeTrend(
    [...earlier, { ...previous, score: result.readiness.score }],
    config.history.window,
  );
  return trend && { trend, previousAt: previous.at };
}
