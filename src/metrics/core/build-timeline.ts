import { EVENT_SOURCES, type DeployEvent } from "../types.js";
import { isEnvironment } from "./match-environment.js";
import { sameCommit, sameVersion } from "./parse-cause.js";

/** Two reports of one deploy from two sources finish within this much of each other. */
export const SAME_DEPLOY_WINDOW_MS = 3_600_000;

/** One deploy of the environment, in order, with whether it counts as a deployment and why. */
export interface TimelineEntry {
  deploy: DeployEvent;
  /** source:sourceId */
  ref: string;
  /** finishedAt in ms. */
  ms: number;
  /** A deployment to the metrics: it went out (success, failure or rolled-back) and is no duplicate. */
  counted: boolean;
  why: string;
  /** The entry kept in its place, when another source reported the same deploy. */
  duplicateOf: string | null;
}

export interface Timeline {
  /** Every deploy of the environment, by finishedAt, then source trust, then id. */
  entries: TimelineEntry[];
  /** The counted ones, in the same order. */
  counted: TimelineEntry[];
  byRef: Map<string, TimelineEntry>;
}

export function refOf(event: { source: string; sourceId: string }): string {
  return `${event.source}:${event.sourceId}`;
}

const trust = (source: string): number => EVENT_SOURCES.indexOf(source as (typeof EVENT_SOURCES)[number]);

/**
 * Orders the deploys of the environment (`matches`, lower-cased names) and decides which count.
 * A deploy that never went out (aborted) or is still running does not. Two reports of one deploy
 * by two sources (the same commit, or the same version when neither gives a commit, finished
 * within an hour of each other) count once: the more trusted source's report is kept (shipready's
 * records, then `record`, then imports, then GitHub). One source never duplicates itself: the same
 * commit deployed twice by shipready is two deploys.
 */
export function buildTimeline(deploys: readonly DeployEvent[], matches: readonly string[]): Timeline {
  const entries: TimelineEntry[] = deploys
    .filter((deploy) => isEnvironment(deploy.environment, matches))
    .map((deploy) => ({
      deploy,
      ref: refOf(deploy),
      ms: Date.parse(deploy.finishedAt),
      counted: false,
      why: "",
      duplicateOf: null,
    }))
    .sort(
      (a, b) =>
        a.ms - b.ms ||
        trust(a.deploy.source) - trust(b.deploy.source) ||
        (a.deploy.sourceId < b.deploy.sourceId ? -1 : a.deploy.sourceId > b.deploy.sourceId ? 1 : 0),
    );
  const byRef = new Map<string, TimelineEntry>();
  const kept: TimelineEntry[] = [];
  for (const entry of entries) {
    byRef.set(entry.ref, entry);
    const { status } = entry.deploy;
    if (Number.isNaN(entry.ms)) {
      entry.why = `its finish time "${entry.deploy.finishedAt}" is not a time`;
      continue;
    }
    if (status === "aborted" || status === "running") {
      entry.why =
        status === "aborted"
          ? `it never went out (${entry.deploy.statusReason ?? "aborted"})`
          : "it is still running";
      continue;
    }
    const twin = findTwin(kept, entry);
    entry.counted = true;
    entry.why = `a ${status} deploy`;
    if (twin) {
      const [keep, drop] =
        trust(entry.deploy.source) < trust(twin.deploy.source) ? [entry, twin] : [twin, entry];
      drop.counted = false;
      drop.duplicateOf = keep.ref;
      drop.why = `${keep.ref} reports the same deploy and its source is trusted more`;
      if (keep === entry) kept.push(entry);
    } else {
      kept.push(entry);
    }
  }
  return { entries, counted: entries.filter((e) => e.counted), byRef };
}

/** A kept entry reporting the same deploy from another source; entries come in time order, so the search goes back an hour at most. */
function findTwin(kept: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry | undefined {
  for (let i = kept.length - 1; i >= 0; i--) {
    const other = kept[i]!;
    if (entry.ms - other.ms > SAME_DEPLOY_WINDOW_MS) return undefined;
    if (
      other.duplicateOf === null &&
      other.deploy.source !== entry.deploy.source &&
      sameDeploy(other.deploy, entry.deploy)
    )
      return other;
  }
  return undefined;
}

function sameDeploy(a: DeployEvent, b: DeployEvent): boolean {
  if (a.commit !== null && b.commit !== null) return sameCommit(a.commit, b.commit);
  if (a.commit === null && b.commit === null && a.version !== null && b.version !== null)
    return sameVersion(a.version, b.version);
  return false;
}

/** The entry a reference lands on: a duplicate's kept report. */
export function keptEntry(timeline: Timeline, entry: TimelineEntry): TimelineEntry {
  let at = entry;
  while (at.duplicateOf !== null) at = timeline.byRef.get(at.duplicateOf) ?? at;
  return at;
}

/** The counted deploys that carry a version, a commit or a source id, in timeline order. */
export function deploysNamed(
  timeline: Timeline,
  ref: { deployId: string | null; version: string | null; commit: string | null },
): TimelineEntry[] {
  if (ref.deployId !== null) {
    const found = timeline.entries
      .filter((e) => e.deploy.sourceId === ref.deployId)
      .map((e) => keptEntry(timeline, e));
    return [...new Set(found)].filter((e) => e.counted);
  }
  if (ref.version !== null) {
    const found = timeline.counted.filter((e) => sameVersion(e.deploy.version, ref.version!));
    if (found.length > 0) return found;
  }
  if (ref.commit !== null) return timeline.counted.filter((e) => sameCommit(e.deploy.commit, ref.commit!));
  return [];
}

/** Of the deploys named, the latest finished at or before `ms`, else the earliest after. */
export function pickNamed(named: readonly TimelineEntry[], ms: number): TimelineEntry | null {
  const before = named.filter((e) => e.ms <= ms);
  return before.at(-1) ?? named[0] ?? null;
}
