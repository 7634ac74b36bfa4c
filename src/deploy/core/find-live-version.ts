import type { DeployRecord } from "../types.js";

/** A version that was live in an environment, and the record that put it there. */
export interface LiveVersion {
  version: string | null;
  commit: string | null;
  recordId: string;
}

/**
 * What each finished record left live, newest first: a succeeded deploy its version, a deploy that
 * was rolled back what was live before it, a succeeded rollback the version it rolled back to. A
 * record that failed, was interrupted, or whose rollback failed leaves nothing known, and is passed over.
 */
function livesNewestFirst(records: readonly DeployRecord[], environment: string): LiveVersion[] {
  const lives: LiveVersion[] = [];
  for (const r of [...records].reverse()) {
    if (r.environment !== environment) continue;
    if ((r.kind === "deploy" || r.kind === "rollback") && r.outcome === "succeeded") {
      lives.push({ version: r.version, commit: r.commit, recordId: r.id });
    } else if (r.kind === "deploy" && r.outcome === "rolled-back" && r.previous) {
      lives.push({ ...r.previous, recordId: r.id });
    }
  }
  return lives;
}

/** The version live in the environment now, as the records tell it; null when they tell nothing. */
export function findLiveVersion(records: readonly DeployRecord[], environment: string): LiveVersion | null {
  return livesNewestFirst(records, environment)[0] ?? null;
}

/**
 * What a rollback with no --to goes back to: the newest succeeded deploy before the live one whose
 * version differs from it and that no rollback has undone (so a second rollback does not go forward
 * again). null when the records know none.
 */
export function findRollbackTarget(
  records: readonly DeployRecord[],
  environment: string,
): LiveVersion | null {
  const live = findLiveVersion(records, environment);
  if (live === null) return null;
  const undone = new Set(
    records.flatMap((r) => (r.kind === "rollback" && r.rollback?.of ? [r.rollback.of] : [])),
  );
  for (const r of [...records].reverse()) {
    if (r.environment !== environment || r.kind !== "deploy" || r.outcome !== "succeeded") continue;
    if (r.id === live.recordId || undone.has(r.id)) continue;
    if (r.version === live.version && r.commit === live.commit) continue;
    return { version: r.version, commit: r.commit, recordId: r.id };
  }
  return null;
}
