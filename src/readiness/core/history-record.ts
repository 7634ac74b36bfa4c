import type { HistoryRecord, Readiness } from "../types.js";

/** What a run found, as one line of history records it (and as the dashboard shows the run it has not recorded). */
export function historyRecordOf(
  readiness: Readiness,
  run: { at: string; checklist: string; commit: string | null },
): HistoryRecord {
  return {
    v: 1,
    at: run.at,
    checklist: run.checklist,
    commit: run.commit,
    score: readiness.score,
    band: readiness.band.name,
    ready: readiness.ready,
    threshold: readiness.threshold,
    coverage: readiness.coverage,
    blockers: readiness.blockers.length,
    categories: readiness.categories.map((c) => ({
      name: c.name,
      score: c.score,
      passed: c.passed,
      total: c.total,
    })),
    origin: "update",
  };
}
