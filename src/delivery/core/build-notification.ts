import type { CiSnapshot, HistoryRecord, Readiness } from "../../readiness/types.js";
import type { FailingWorkflow, ReadinessNotification } from "../types.js";

/** Conclusions that mean a workflow's last run failed; cancelled and skipped runs say nothing about the code. */
const FAILED = new Set(["failure", "timed_out", "startup_failure"]);

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

function failingWorkflows(snapshot: CiSnapshot): FailingWorkflow[] {
  return snapshot.workflows
    .filter((w) => w.last?.conclusion != null && FAILED.has(w.last.conclusion))
    .map((w) => ({
      name: w.name,
      url: w.url,
      runUrl: w.last!.url || null,
      conclusion: w.last!.conclusion!,
      passRate: w.passRate,
    }))
    .sort((a, b) => (a.passRate ?? 101) - (b.passRate ?? 101) || a.name.localeCompare(b.name, "en"));
}
