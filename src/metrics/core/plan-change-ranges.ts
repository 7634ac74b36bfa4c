import type { DeployEvent } from "../types.js";
import { buildTimeline } from "./build-timeline.js";

export interface CommitRange {
  from: string;
  to: string;
}

/**
 * The commit ranges classifyHistory will ask about, so the use case can read them from git first:
 * for each deploy of the period that names a commit and lists no changes, the range from the
 * previous successful deploy (lead time) and from the deploy just before it (rework).
 */
export function planChangeRanges(
  deploys: readonly DeployEvent[],
  matches: readonly string[],
  since: number,
  until: number,
): CommitRange[] {
  const { counted } = buildTimeline(deploys, matches);
  const ranges = new Map<string, CommitRange>();
  const want = (from: string | null | undefined, to: string) => {
    if (from && from !== to) ranges.set(`${from}..${to}`, { from, to });
  };
  let lastSuccess: DeployEvent | null = null;
  counted.forEach((entry, i) => {
    const { deploy } = entry;
    if (entry.ms >= since && entry.ms < until && deploy.commit !== null && deploy.changes === null) {
      if (deploy.status === "success") want(lastSuccess?.commit, deploy.commit);
      want(counted[i - 1]?.deploy.commit, deploy.commit);
    }
    if (deploy.status === "success") lastSuccess = deploy;
  });
  return [...ranges.values()];
}
