import { formatPercent } from "../../shared/format-percent.js";
import type { NotifyPolicy } from "../types.js";
import type { Readiness } from "../../readiness/types.js";

/** What was last sent to one target about one checklist. */
export interface NotifiedState {
  at: string;
  score: number;
  band: string;
  ready: boolean;
}

export interface NotificationDecision {
  send: boolean;
  /** Why it is sent, or why not, in words a person reads in the output. */
  reason: string;
}

/** Whether a run is worth a message under `policy`, given what the target was last told. */
export function decideNotification(input: {
  policy: NotifyPolicy;
  readiness: Pick<Readiness, "score" | "band" | "ready" | "threshold" | "blockers">;
  last: NotifiedState | null;
}): NotificationDecision {
  const { policy, readiness: r, last } = input;
  if (policy === "always") return { send: true, reason: "policy always: every run is sent" };
  if (policy === "below-threshold") {
    if (r.ready) {
      return {
        send: false,
        reason: `ready (${formatPercent(r.score)}, threshold ${formatPercent(r.threshold)}): policy below-threshold sends only when not ready`,
      };
    }
    return { send: true, reason: `not ready: ${whyNotReady(r)}` };
  }
  if (last === null)
    return { send: true, reason: "policy on-change: nothing was sent about this checklist before" };
  const changes: string[] = [];
  if (last.band !== r.band.name) changes.push(`the band changed from ${last.band} to ${r.band.name}`);
  if (last.ready !== r.ready) changes.push(r.ready ? "it is now ready" : "it is no longer ready");
  if (changes.length > 0) return { send: true, reason: `policy on-change: ${changes.join(" and ")}` };
  return {
    send: false,
    reason: `policy on-change: band (${r.band.name}) and verdict (${r.ready ? "ready" : "not ready"}) are as last sent on ${last.at.slice(0, 10)}`,
  };
}

function whyNotReady(r: Pick<Readiness, "score" | "threshold" | "blockers">): string {
  if (r.score < r.threshold)
    return `${formatPercent(r.score)} is below the threshold of ${formatPercent(r.threshold)}`;
  const required = r.blockers.length;
  return `${required === 1 ? "a required gate blocks" : `${required} required gates block`} at ${formatPercent(r.score)}`;
}
