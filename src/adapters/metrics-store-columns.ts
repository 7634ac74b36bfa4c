import type {
  ChangeCommit,
  DeployEvent,
  EventSource,
  IncidentEvent,
  RecoveryEvent,
} from "../metrics/types.js";

/**
 * The columns both metrics stores (sqlite/, postgres/) read, in the order of the arrays they get
 * back, and the events made from those arrays. An organisation's year is about a hundred thousand
 * deploys: rows read as arrays cost half as much as rows read as objects.
 */
export const DEPLOY_COLUMNS =
  "repo, source, source_id, environment, version, commit_sha, started_at, finished_at, status, status_reason, rework, fixes, changes, url";
export const INCIDENT_COLUMNS =
  "repo, source, source_id, environment, opened_at, resolved_at, cause_version, cause_commit, cause_deploy_id, title, url";
export const RECOVERY_COLUMNS =
  "repo, source, source_id, environment, at, kind, succeeded, cause_deploy_id, cause_version, cause_commit, incident_id, fix_version, fix_commit, reason";

/** Where the key of a row is, for keyset paging: its time, source and source id. */
export const DEPLOY_KEY = [7, 1, 2] as const;
export const INCIDENT_KEY = [4, 1, 2] as const;
export const RECOVERY_KEY = [4, 1, 2] as const;

/** A row as a store reads it: the columns above, in order. */
export type ColumnRow = unknown[];

/** A row's key in the order reads are paged by: its time (as the store keeps it), source, source id. */
export function pageKeyOf(row: ColumnRow, at: readonly [number, number, number]): [unknown, string, string] {
  return [row[at[0]], row[at[1]] as string, row[at[2]] as string];
}

/** How one store's values become an event's: a time (milliseconds, or ISO text already), a flag, the commits. */
export interface ColumnReader {
  time(value: unknown): string | null;
  flag(value: unknown): boolean | null;
  commits(value: unknown): ChangeCommit[] | null;
}

const text = (value: unknown) => value as string;
const maybe = (value: unknown) => value as string | null;

export function deployFromColumns(row: ColumnRow, read: ColumnReader): DeployEvent {
  return {
    repo: text(row[0]),
    source: row[1] as EventSource,
    sourceId: text(row[2]),
    environment: text(row[3]),
    version: maybe(row[4]),
    commit: maybe(row[5]),
    startedAt: read.time(row[6]),
    finishedAt: read.time(row[7])!,
    status: row[8] as DeployEvent["status"],
    statusReason: maybe(row[9]),
    rework: read.flag(row[10]),
    fixes: maybe(row[11]),
    changes: read.commits(row[12]),
    url: maybe(row[13]),
  };
}

export function incidentFromColumns(row: ColumnRow, read: ColumnReader): IncidentEvent {
  return {
    repo: text(row[0]),
    source: row[1] as EventSource,
    sourceId: text(row[2]),
    environment: maybe(row[3]),
    openedAt: read.time(row[4])!,
    resolvedAt: read.time(row[5]),
    causeVersion: maybe(row[6]),
    causeCommit: maybe(row[7]),
    causeDeployId: maybe(row[8]),
    title: maybe(row[9]),
    url: maybe(row[10]),
  };
}

export function recoveryFromColumns(row: ColumnRow, read: ColumnReader): RecoveryEvent {
  return {
    repo: text(row[0]),
    source: row[1] as EventSource,
    sourceId: text(row[2]),
    environment: text(row[3]),
    at: read.time(row[4])!,
    kind: row[5] as RecoveryEvent["kind"],
    succeeded: read.flag(row[6]) === true,
    causeDeployId: maybe(row[7]),
    causeVersion: maybe(row[8]),
    causeCommit: maybe(row[9]),
    incidentId: maybe(row[10]),
    fixVersion: maybe(row[11]),
    fixCommit: maybe(row[12]),
    reason: maybe(row[13]),
  };
}
