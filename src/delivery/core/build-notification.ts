import type { CiSnapshot, HistoryRecord, Readiness } from "../../readiness/types.js";
import type { FailingWorkflow, ReadinessNotification } from "../types.js";

/** What a notification tells about a run: the readiness, the change since `previous`, and what fails in CI. */
export function buildNotification(input: {
  readiness: Readiness;
  checklist: string;
  /** The run before this one of the same checklist; null when history has none. */
  previous: HistoryRecord | null;
  snapshot: CiSnapshot | null;
  links: { checklist: string | null; ci: string | null };
  at: string;
  commit: string | null;
  reason: string;
}): ReadinessNotification {
  const r = input.readiness;
  const previous = input.previous;
  return {
    checklist: input.checklist,
    score: r.score,
    band: r.band,
    ready: r.ready,
    threshold: r.threshold,
    coverage: r.coverage,
    previous: previous
      ? { at: previous.at, score: previous.score, band: previous.band, ready: previous.ready }
      : null,
    change: previous ? Math.round((r.score - previous.score) * 10) / 10 : null,
    blockers: r.blockers,
    toReady: r.toReady,
    failingWorkflows: input.snapshot ? failingWorkflows(input.snapshot) : [],
    links: input.links,
    at: input.at,
    commit: input.commit,
    reason: input.reason,
  };
}

/**
 * The workflows the snapshot's health counts as failing: their latest finished run (cancelled and
 * skipped runs aside, a run still going not yet) did not succeed.
 */
function failingWorkflows(snapshot: CiSnapshot): FailingWorkflow[] {
  return snapshot.workflows
    .flatMap((w) => (w.latest && w.latest.conclusion !== "success" ? [{ w, run: w.latest }] : []))
    .map(({ w, run }) => ({
      name: w.name,
      url: w.url,
      runUrl: run.url || null,
      conclusion: run.conclusion ?? "unknown",
      passRate: w.passRate,
    }))
    .sort((a, b) => (a.passRate ?? 101) - (b.passRate ?? 101) || a.name.localeCompare(b.name, "en"));
}
