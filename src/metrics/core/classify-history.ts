import {
  isMergeCommitMessage,
  parseConventionalCommit,
  parseRevertMessage,
} from "../../release/core/parse-conventional-commit.js";
import type { ChangeCommit, IncidentEvent, RecoveryEvent, SkewNote } from "../types.js";
import {
  buildTimeline,
  deploysNamed,
  pickNamed,
  refOf,
  type Timeline,
  type TimelineEntry,
} from "./build-timeline.js";
import { isEnvironment } from "./match-environment.js";

/** The commits of a range as the use case found them, or why they are not known. */
export type ChangeLookup = (from: string, to: string) => ChangeCommit[] | { problem: string } | undefined;

export interface HistoryInput {
  /** Deploys of the environment: those of the period and, for context, the ones just before and after it. */
  deploys: readonly import("../types.js").DeployEvent[];
  incidents: readonly IncidentEvent[];
  recoveries: readonly RecoveryEvent[];
  /** The environment's names, lower-cased. */
  matches: readonly string[];
  since: number;
  until: number;
  changes: ChangeLookup;
}

/** Why a deploy failed: its own status or a rollback, or an incident linked to it. */
export interface FailureCause {
  kind: "deploy" | "incident";
  /** What says so, in words. */
  text: string;
  /** When the failure began: the deploy going live, or the incident opening (ms). */
  start: number;
  /** When it was recovered from (ms); null while it is not. */
  end: number | null;
  /** How the end was found. */
  endText: string;
}

export interface ChangeSample {
  sha: string;
  /** Seconds from the change's first commit to the deploy. */
  seconds: number;
}

export interface DeployVerdict {
  entry: TimelineEntry;
  inPeriod: boolean;
  failures: FailureCause[];
  rework: boolean;
  reworkWhy: string;
  /** Lead-time samples (successful deploys of the period only). */
  changes: ChangeSample[];
  changesNote: string | null;
  /** Seconds from failure to recovery; null when not failed, not recovered, or skewed. */
  recoverySeconds: number | null;
  recoveryWhy: string | null;
  /** Failed but not recovered yet. */
  open: boolean;
}

export interface IncidentVerdict {
  incident: IncidentEvent;
  linkedTo: string | null;
  why: string;
}

export interface ClassifiedHistory {
  timeline: Timeline;
  verdicts: DeployVerdict[];
  incidents: IncidentVerdict[];
  skew: SkewNote[];
  warnings: string[];
}

/**
 * Classifies the environment's deploys:
 *
 * - **Failed**: its status is failure or rolled-back; or a recovery (a rollback, or a fix) names it;
 *   or an incident is linked to it.
 * - **Incident links**: an incident naming a deploy (`Caused-by: v1.4.2`, a commit, a deploy id) is
 *   linked to the deploy of that version or commit (the latest finished before the incident opened,
 *   else the earliest after); an incident naming nothing, to the last deploy finished at or before
 *   it opened (DevLake's rule). Both depend only on the deploys, never on the period asked for.
 * - **Rework**: marked so by its source (`--rework`, `rework: true`; `rework: false` says planned
 *   whatever else holds); or it names the failure it fixes (`fixes`); or a fix recovery names its
 *   version or commit; or it is the first deploy after a failed one, went out after that failure
 *   began, and the commits it adds to the failed one's are all `fix:` or reverts (merges aside).
 * - **Lead time**: each change a successful deploy of the period took out (the commits since the
 *   previous successful deploy's commit, or those its source lists), from the change's first
 *   commit to the deploy. A change counts once, at its first successful deploy.
 * - **Recovery**: from the failure's start (the deploy going live; an incident opening) to the
 *   end of every cause (a succeeded rollback or fix of it, else the next successful deploy; each
 *   linked incident resolved).
 *
 * Times that contradict each other (a commit after its deploy, a recovery before its failure, an
 * incident opened before the deploy it names) are reported as skew and not counted.
 */
export function classifyHistory(input: HistoryInput): ClassifiedHistory {
  const timeline = buildTimeline(input.deploys, input.matches);
  const skew: SkewNote[] = [];
  const warnings: string[] = [];
  const causes = new Map<string, FailureCause[]>();
  const addCause = (entry: TimelineEntry, cause: FailureCause) => {
    const list = causes.get(entry.ref) ?? [];
    list.push(cause);
    causes.set(entry.ref, list);
  };
  const counted = timeline.counted;
  const indexOf = new Map(counted.map((e, i) => [e.ref, i]));

  const nextSuccess = (entry: TimelineEntry): TimelineEntry | null => {
    for (let i = (indexOf.get(entry.ref) ?? counted.length) + 1; i < counted.length; i++) {
      if (counted[i]!.deploy.status === "success") return counted[i]!;
    }
    return null;
  };

  // Recoveries first: they make deploys failed and end those failures.
  const recoveries = input.recoveries
    .filter((r) => isEnvironment(r.environment, input.matches))
    .sort((a, b) => a.at.localeCompare(b.at) || refOf(a).localeCompare(refOf(b)));
  const recoveredAt = new Map<string, { ms: number; text: string }[]>();
  const reworkByRecovery = new Map<string, string>();
  const incidentRecovery = new Map<string, { ms: number; ref: string }>();
  for (const recovery of recoveries) {
    const ref = refOf(recovery);
    const at = Date.parse(recovery.at);
    if (recovery.incidentId !== null && recovery.succeeded) {
      const known = incidentRecovery.get(recovery.incidentId);
      if (!known || at < known.ms) incidentRecovery.set(recovery.incidentId, { ms: at, ref });
    }
    if (recovery.fixVersion !== null || recovery.fixCommit !== null) {
      const fix = pickNamed(
        deploysNamed(timeline, { deployId: null, version: recovery.fixVersion, commit: recovery.fixCommit }),
        at,
      );
      if (fix) reworkByRecovery.set(fix.ref, `${recovery.kind} ${ref} names it as the fix`);
    }
    const named = {
      deployId: recovery.causeDeployId,
      version: recovery.causeVersion,
      commit: recovery.causeCommit,
    };
    if (named.deployId === null && named.version === null && named.commit === null) continue;
    const target = pickNamed(deploysNamed(timeline, named), at);
    if (!target) {
      const what = named.deployId ?? named.version ?? named.commit;
      if (at >= input.since && at < input.until)
        warnings.push(
          `${ref} recovers from ${what}, which no deploy of this environment carries: not counted.`,
        );
      continue;
    }
    if (at < target.ms) {
      skew.push({
        kind: "recovery",
        ref,
        detail: `${recovery.kind} at ${recovery.at} is before the deploy it names (${target.ref}) finished at ${target.deploy.finishedAt}`,
      });
      continue;
    }
    const text = `${recovery.kind === "rollback" ? "rolled back" : "fixed"} by ${ref}${recovery.succeeded ? "" : " (which failed)"}${recovery.reason ? `: ${recovery.reason}` : ""}`;
    addCause(target, { kind: "deploy", text, start: target.ms, end: null, endText: "" });
    if (recovery.succeeded) {
      const list = recoveredAt.get(target.ref) ?? [];
      list.push({ ms: at, text: `${recovery.kind} ${ref} at ${recovery.at}` });
      recoveredAt.set(target.ref, list);
    }
  }

  for (const entry of counted) {
    const { status, statusReason } = entry.deploy;
    if (status === "failure" || status === "rolled-back") {
      addCause(entry, {
        kind: "deploy",
        text: `status ${status}${statusReason ? `: ${statusReason}` : ""}`,
        start: entry.ms,
        end: null,
        endText: "",
      });
    }
  }

  // Incidents: linked to the deploy they name, else to the last deploy before they opened.
  const incidentVerdicts: IncidentVerdict[] = [];
  const incidents = [...input.incidents].sort(
    (a, b) => a.openedAt.localeCompare(b.openedAt) || refOf(a).localeCompare(refOf(b)),
  );
  for (const incident of incidents) {
    const ref = refOf(incident);
    const opened = Date.parse(incident.openedAt);
    if (incident.environment !== null && !isEnvironment(incident.environment, input.matches)) {
      incidentVerdicts.push({ incident, linkedTo: null, why: `it happened in ${incident.environment}` });
      continue;
    }
    const named = {
      deployId: incident.causeDeployId,
      version: incident.causeVersion,
      commit: incident.causeCommit,
    };
    let target: TimelineEntry | null;
    let why: string;
    if (named.deployId !== null || named.version !== null || named.commit !== null) {
      const what = named.deployId ?? named.version ?? named.commit;
      target = pickNamed(deploysNamed(timeline, named), opened);
      if (!target) {
        incidentVerdicts.push({
          incident,
          linkedTo: null,
          why: `it names ${what}, which no deploy of this environment carries`,
        });
        continue;
      }
      if (opened < target.ms) {
        skew.push({
          kind: "incident",
          ref,
          detail: `opened at ${incident.openedAt}, before the deploy it names (${target.ref}) finished at ${target.deploy.finishedAt}`,
        });
        incidentVerdicts.push({
          incident,
          linkedTo: null,
          why: "it opened before the deploy it names: clock skew",
        });
        continue;
      }
      why = `it names ${what}`;
    } else {
      target = lastCountedAtOrBefore(counted, opened);
      if (!target) {
        incidentVerdicts.push({
          incident,
          linkedTo: null,
          why: "it opened before any deploy of this environment",
        });
        continue;
      }
      why = "the last deploy before it opened";
    }
    const resolved = incident.resolvedAt === null ? null : Date.parse(incident.resolvedAt);
    const byRecovery = incidentRecovery.get(incident.sourceId);
    let end = resolved;
    let endText = resolved === null ? "" : `resolved at ${incident.resolvedAt}`;
    if (byRecovery && (end === null || byRecovery.ms < end)) {
      end = byRecovery.ms;
      endText = `recovered by ${byRecovery.ref}`;
    }
    addCause(target, {
      kind: "incident",
      text: `incident ${ref}${incident.title ? ` "${incident.title}"` : ""} (${why})`,
      start: opened,
      end,
      endText,
    });
    incidentVerdicts.push({ incident, linkedTo: target.ref, why });
  }

  // Failures end; changes and rework are read.
  const verdicts: DeployVerdict[] = [];
  const seenChanges = new Set<string>();
  let lastSuccess: TimelineEntry | null = null;
  for (const entry of timeline.entries) {
    const inPeriod = entry.ms >= input.since && entry.ms < input.until;
    const verdict: DeployVerdict = {
      entry,
      inPeriod,
      failures: [],
      rework: false,
      reworkWhy: "",
      changes: [],
      changesNote: null,
      recoverySeconds: null,
      recoveryWhy: null,
      open: false,
    };
    verdicts.push(verdict);
    if (!entry.counted) continue;
    const failures = causes.get(entry.ref) ?? [];
    verdict.failures = failures;
    if (failures.length > 0) endFailures(verdict, recoveredAt.get(entry.ref) ?? [], nextSuccess(entry), skew);

    const index = indexOf.get(entry.ref)!;
    const previous = index > 0 ? counted[index - 1]! : null;
    [verdict.rework, verdict.reworkWhy] = decideRework(
      entry,
      previous,
      causes.get(previous?.ref ?? "") ?? [],
      reworkByRecovery.get(entry.ref),
      input.changes,
    );

    if (entry.deploy.status === "success") {
      if (inPeriod) readLeadTimes(verdict, lastSuccess, input.changes, seenChanges, skew, warnings);
      lastSuccess = entry;
    }
  }
  return { timeline, verdicts, incidents: incidentVerdicts, skew, warnings };
}

function lastCountedAtOrBefore(counted: readonly TimelineEntry[], ms: number): TimelineEntry | null {
  let lo = 0;
  let hi = counted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (counted[mid]!.ms <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? counted[lo - 1]! : null;
}

function endFailures(
  verdict: DeployVerdict,
  recoveries: readonly { ms: number; text: string }[],
  next: TimelineEntry | null,
  skew: SkewNote[],
): void {
  const { entry } = verdict;
  for (const cause of verdict.failures) {
    if (cause.kind !== "deploy") continue;
    const candidates = [...recoveries];
    if (next)
      candidates.push({
        ms: next.ms,
        text: `the next successful deploy ${next.ref} at ${next.deploy.finishedAt}`,
      });
    const first = candidates.sort((a, b) => a.ms - b.ms)[0];
    if (first) {
      cause.end = first.ms;
      cause.endText = first.text;
    }
  }
  const start = Math.min(...verdict.failures.map((c) => c.start));
  const unrecovered = verdict.failures.filter((c) => c.end === null);
  if (unrecovered.length > 0) {
    verdict.open = true;
    verdict.recoveryWhy = `not recovered yet: ${unrecovered.map((c) => c.text).join("; ")}`;
    return;
  }
  const last = verdict.failures.reduce((a, b) => (b.end! > a.end! ? b : a));
  const seconds = (last.end! - start) / 1000;
  if (seconds <= 0) {
    skew.push({
      kind: "recovery",
      ref: entry.ref,
      detail: `recovered (${last.endText}) no later than the failure began at ${new Date(start).toISOString()}`,
    });
    verdict.recoveryWhy = "recovery before the failure began: clock skew, not counted";
    return;
  }
  verdict.recoverySeconds = seconds;
  verdict.recoveryWhy = `from ${new Date(start).toISOString()} to ${last.endText}`;
}

function changesOf(
  entry: TimelineEntry,
  from: TimelineEntry | null,
  lookup: ChangeLookup,
): { list: ChangeCommit[] } | { note: string; problem?: boolean } {
  if (entry.deploy.changes !== null) return { list: entry.deploy.changes };
  if (entry.deploy.commit === null) return { note: "it names no commit, so its changes are unknown" };
  if (from === null)
    return { note: "the first successful deploy known: no earlier deploy bounds its changes" };
  if (from.deploy.commit === null)
    return { note: `the previous successful deploy ${from.ref} names no commit` };
  if (from.deploy.commit === entry.deploy.commit) return { list: [] };
  const found = lookup(from.deploy.commit, entry.deploy.commit);
  if (found === undefined) {
    return {
      note: `the commits ${from.deploy.commit.slice(0, 7)}..${entry.deploy.commit.slice(0, 7)} were not read`,
      problem: true,
    };
  }
  if ("problem" in found) return { note: found.problem, problem: true };
  return { list: found };
}

function readLeadTimes(
  verdict: DeployVerdict,
  previousSuccess: TimelineEntry | null,
  lookup: ChangeLookup,
  seen: Set<string>,
  skew: SkewNote[],
  warnings: string[],
): void {
  const { entry } = verdict;
  const found = changesOf(entry, previousSuccess, lookup);
  if ("note" in found) {
    verdict.changesNote = found.note;
    if (found.problem) warnings.push(`Lead time leaves out ${entry.ref}: ${found.note}`);
    return;
  }
  let again = 0;
  for (const change of found.list) {
    if (seen.has(change.sha)) {
      again++;
      continue;
    }
    seen.add(change.sha);
    const seconds = (entry.ms - Date.parse(change.at)) / 1000;
    if (!(seconds > 0)) {
      skew.push({
        kind: "lead-time",
        ref: entry.ref,
        detail: `commit ${change.sha.slice(0, 12)} at ${change.at} is not before the deploy at ${entry.deploy.finishedAt}`,
      });
      continue;
    }
    verdict.changes.push({ sha: change.sha, seconds });
  }
  if (found.list.length === 0) verdict.changesNote = "no new commits (a redeploy)";
  else if (again > 0)
    verdict.changesNote = `${again} commit${again === 1 ? " was" : "s were"} deployed before and counted then`;
}

function decideRework(
  entry: TimelineEntry,
  previous: TimelineEntry | null,
  previousCauses: readonly FailureCause[],
  byRecovery: string | undefined,
  lookup: ChangeLookup,
): [boolean, string] {
  const { deploy } = entry;
  if (deploy.rework === false) return [false, "marked planned by its source"];
  if (deploy.rework === true) return [true, "marked rework by its source"];
  if (deploy.fixes !== null) return [true, `it fixes ${deploy.fixes}`];
  if (byRecovery) return [true, byRecovery];
  if (previous === null) return [false, "no deploy before it"];
  const knownFailure = previousCauses.some((cause) => cause.start <= entry.ms);
  if (!knownFailure) return [false, `the deploy before it (${previous.ref}) had not failed when it went out`];
  let added: ChangeCommit[];
  if (deploy.changes !== null) {
    const before = new Set((previous.deploy.changes ?? []).map((c) => c.sha));
    added = deploy.changes.filter((c) => !before.has(c.sha));
  } else {
    const found = changesOf(entry, previous, lookup);
    if ("note" in found)
      return [false, `after failed ${previous.ref}, but its commits are unknown (${found.note})`];
    added = found.list;
  }
  const own = added.filter((c) => c.subject === null || !isMergeCommitMessage(c.subject));
  if (own.length === 0) return [false, `after failed ${previous.ref}, but it adds no commits`];
  const other = own.find((c) => !isFixCommit(c.subject));
  if (other) {
    return [
      false,
      `after failed ${previous.ref}, but it adds ${other.sha.slice(0, 7)} "${other.subject ?? "?"}", not a fix`,
    ];
  }
  return [
    true,
    `the first deploy after failed ${previous.ref}, adding only fixes (${own.length} commit${own.length === 1 ? "" : "s"})`,
  ];
}

/** A `fix:` commit (any scope, breaking or not) or a revert (`revert:` or git's `Revert "..."`). */
export function isFixCommit(subject: string | null): boolean {
  if (subject === null) return false;
  if (parseRevertMessage(subject) !== null) return true;
  return parseConventionalCommit(subject)?.type === "fix";
}
