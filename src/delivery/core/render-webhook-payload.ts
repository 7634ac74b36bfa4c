import type { ReadinessNotification } from "../types.js";

/** A receiver can rely on these many blockers at most; `blockerCount` says how many there are. */
const MAX_BLOCKERS = 100;

/**
 * The generic webhook's JSON body. Keys may be added, never renamed:
 * { source: "shipready", version: 1, checklist, score, band, ready, threshold, coverage,
 * previous: { at, score, band, ready } | null, change, blockerCount, blockers[{ gate, category, outcome, reason }],
 * failingWorkflows[{ name, url, runUrl, conclusion, passRate }], links: { checklist, ci }, at, commit, reason }.
 */
export function renderWebhookPayload(n: ReadinessNotification): Record<string, unknown> {
  return {
    source: "shipready",
    version: 1,
    checklist: n.checklist,
    score: n.score,
    band: n.band.name,
    ready: n.ready,
    threshold: n.threshold,
    coverage: n.coverage,
    previous: n.previous,
    change: n.change,
    blockerCount: n.blockers.length,
    blockers: n.blockers.slice(0, MAX_BLOCKERS).map((b) => ({
      gate: b.gate,
      category: b.category,
      outcome: b.outcome,
      reason: b.reason,
    })),
    failingWorkflows: n.failingWorkflows,
    links: n.links,
    at: n.at,
    commit: n.commit,
    reason: n.reason,
  };
}
