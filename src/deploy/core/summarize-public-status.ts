import type { DeployRecord, EnvironmentSpec } from "../types.js";
import {
  displayVersion,
  failedMetrics,
  millisBetween,
  rollbackEnds,
  rollbackStepsOf,
} from "./describe-deploy.js";

/**
 * What the public status page says of an environment: operational; degraded (a deploy is being
 * verified, or one failed or stopped without a rollback); rolled back (a bad version was found and
 * taken back, within the last day); down (a rollback failed, so no one knows what runs); unknown (no
 * deploy recorded).
 */
export type PublicState = "operational" | "degraded" | "rolled-back" | "down" | "unknown";

/** One incident as the public may read it: when, and what happened, in shipready's words only. */
export interface PublicIncident {
  kind: "rolled-back" | "rollback-failed" | "verification-failed";
  startedAt: string;
  endedAt: string | null;
  /** The version it concerned, and the one restored (rolled-back only). */
  version: string;
  restored: string | null;
  /** From the start of the rollback to its end; null when unknown. */
  rollbackMs: number | null;
}

/**
 * An environment as the public status page shows it. It holds nothing but these fields: no commit,
 * no step or its output, no metric or its query, no URL but the environment's own.
 */
export interface PublicEnvironmentStatus {
  name: string;
  url: string | null;
  state: PublicState;
  /** When the record that decided the state started; null when none. */
  since: string | null;
  /** The version live, as the records tell it; null when they do not. */
  version: string | null;
  /** Newest first. */
  incidents: PublicIncident[];
}

export interface PublicStatusOptions {
  /** ISO time the page is made at: what "recent" counts from. */
  now: string;
  /** Incidents older than this many days are left out (default 90). */
  days?: number;
  /** Incidents listed per environment at most (default 10). */
  incidentsListed?: number;
  /** A rollback shows as the state for this long after it ended, then the environment is operational (default 24 h). */
  rolledBackForMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * The status of each environment shipready.yml marks public, from the deploy records. Records of any
 * other environment are never read past their environment's name.
 */
export function summarizePublicStatus(
  environments: readonly EnvironmentSpec[],
  records: readonly DeployRecord[],
  options: PublicStatusOptions,
): PublicEnvironmentStatus[] {
  return environments
    .filter((e) => e.public)
    .map((e) => {
      const own = records
        .filter((r) => r.environment === e.name)
        .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
      const latest = own.at(-1) ?? null;
      return {
        name: e.name,
        url: e.url ?? null,
        state: latest === null ? "unknown" : stateOf(latest, options),
        since: latest?.startedAt ?? null,
        version: liveVersion(own),
        incidents: incidentsOf(own, options),
      };
    });
}

function stateOf(record: DeployRecord, options: PublicStatusOptions): PublicState {
  switch (record.outcome) {
    case "running":
    case "failed":
    case "inconclusive":
    case "interrupted":
      return "degraded";
    case "rollback-failed":
      return "down";
    case "rolled-back":
      return recentlyEnded(record, options) ? "rolled-back" : "operational";
    case "succeeded":
      // A rollback run on its own that succeeded has taken a version back.
      return record.kind === "rollback" && recentlyEnded(record, options) ? "rolled-back" : "operational";
  }
}

function recentlyEnded(record: DeployRecord, options: PublicStatusOptions): boolean {
  const ended = millisBetween(record.endedAt ?? record.startedAt, options.now);
  return ended !== null && ended <= (options.rolledBackForMs ?? DAY_MS);
}

/**
 * The version live as the records tell it, newest record first: a succeeded deploy or rollback its
 * own version, a rolled-back deploy what was live before it. A record that failed, is running or whose
 * rollback failed tells nothing and is passed over.
 */
function liveVersion(records: readonly DeployRecord[]): string | null {
  for (const r of [...records].reverse()) {
    if ((r.kind === "deploy" || r.kind === "rollback") && r.outcome === "succeeded") {
      return displayVersion(r.version, r.commit);
    }
    if (r.outcome === "rolled-back" && r.previous)
      return displayVersion(r.previous.version, r.previous.commit);
  }
  return null;
}

function incidentsOf(records: readonly DeployRecord[], options: PublicStatusOptions): PublicIncident[] {
  const oldest = Date.parse(options.now) - (options.days ?? 90) * DAY_MS;
  const incidents: PublicIncident[] = [];
  for (const r of [...records].reverse()) {
    if (!(Date.parse(r.startedAt) >= oldest)) continue;
    const kind =
      r.outcome === "rolled-back" || (r.kind === "rollback" && r.outcome === "succeeded")
        ? "rolled-back"
        : r.outcome === "rollback-failed"
          ? "rollback-failed"
          : failedMetrics(r).some((m) => m.verdict === "fail")
            ? "verification-failed"
            : null;
    if (kind === null) continue;
    const { from, to } = rollbackEnds(r);
    const steps = rollbackStepsOf(r);
    incidents.push({
      kind,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      version: displayVersion(from.version, from.commit),
      restored: kind === "rolled-back" && to ? displayVersion(to.version, to.commit) : null,
      rollbackMs: millisBetween(steps[0]?.startedAt ?? null, steps.at(-1)?.endedAt ?? null),
    });
    if (incidents.length >= (options.incidentsListed ?? 10)) break;
  }
  return incidents;
}
