/** What the metrics need from the outside world: a store of events and the commits a deploy took out. */
import type { CommitRange } from "./core/plan-change-ranges.js";
import type {
  ChangeCommit,
  DeployEvent,
  DeployStatus,
  IncidentEvent,
  ReadinessSnapshot,
  RecoveryEvent,
} from "./types.js";

/** A batch of events to keep; each is inserted, or replaces the one with its (repo, source, sourceId). */
export interface EventBatch {
  deploys?: readonly DeployEvent[];
  incidents?: readonly IncidentEvent[];
  recoveries?: readonly RecoveryEvent[];
}

export interface PutResult {
  inserted: number;
  updated: number;
  /** Events already there exactly as given. */
  unchanged: number;
}

/** Ways an event names a deploy: by version (with or without v), by commit, by source id. */
export interface DeployNames {
  versions?: readonly string[];
  /** Sha prefixes; one shorter than 7 characters names nothing. */
  commits?: readonly string[];
  sourceIds?: readonly string[];
}

/** The deploys just before and after a period (MetricsStore.deploysAround). */
export interface DeploysAround {
  lastBefore: DeployEvent | null;
  lastSuccessBefore: DeployEvent | null;
  firstAfter: DeployEvent | null;
  firstSuccessAfter: DeployEvent | null;
}

export interface DeployQuery {
  repo: string;
  /** Source names of the environment, compared without case; empty: every environment. */
  environments: readonly string[];
  /** finishedAt >= from (ISO). */
  from?: string;
  /** finishedAt < to (ISO). */
  to?: string;
  /** Only these statuses; absent: all. */
  statuses?: readonly DeployStatus[];
}

/**
 * Where events are kept: SQLite on one machine (the default), PostgreSQL for many. Every
 * implementation passes the same suite (test/helpers/metrics-store-suite.ts).
 *
 * Writes are upserts by (repo, source, sourceId), one transaction per batch, so a batch that is
 * sent twice, or by two machines at once, leaves one copy. Fields the new event leaves null keep
 * their value: `record incident --id 7 --resolved-at ...` resolves the incident recorded before.
 * Reads are iterated in pages, oldest first, so memory stays flat however much is kept.
 */
export interface MetricsStore {
  /** The schema version of the store as opened. */
  readonly schemaVersion: number;
  put(batch: EventBatch): Promise<PutResult>;
  /** Deploys by finishedAt, then source, then sourceId. */
  deploys(query: DeployQuery): AsyncIterable<DeployEvent>;
  /** The latest deploy finished before `at` (exclusive), of the given statuses. */
  lastDeployBefore(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null>;
  /** The earliest deploy finished at or after `at`, of the given statuses. */
  firstDeployAfter(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null>;
  /**
   * The deploys just outside [since, until), in one go: the last before `since` that went out
   * (success, failure or rolled-back) and the last successful one; the first at or after `until`
   * that went out and the first successful one.
   */
  deploysAround(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    since: string,
    until: string,
  ): Promise<DeploysAround>;
  /**
   * The deploys that carry any of these versions, commits (sha prefixes of 7 or more) or source
   * ids, each once, by finishedAt, then source, then sourceId: the deploys a period's incidents and
   * recoveries name, asked in one go.
   */
  findDeploys(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    named: DeployNames,
  ): Promise<DeployEvent[]>;
  /**
   * Incidents opened in [from, to), by openedAt; `withCause` keeps only those that name a deploy;
   * `laterWithCause` adds, after `to`, those that name a deploy.
   */
  incidents(query: {
    repo: string;
    from?: string;
    to?: string;
    withCause?: boolean;
    laterWithCause?: boolean;
  }): AsyncIterable<IncidentEvent>;
  /** One incident by its key, to complete a partial update. */
  incident(repo: string, source: string, sourceId: string): Promise<IncidentEvent | null>;
  /** Recoveries at or after `from`, by time. */
  recoveries(query: { repo: string; from?: string }): AsyncIterable<RecoveryEvent>;
  /** Each environment name the repository's deploys use, with how many deploys, most first. */
  environments(repo: string): Promise<{ name: string; deploys: number }[]>;
  /** Every repository with events, and how many deploys each has. */
  repositories(): Promise<{ repo: string; deploys: number; incidents: number }[]>;
  /**
   * The commits of the ranges asked before (git's answers kept), keyed `from..to`, in one query; a
   * range never kept is absent.
   */
  changes(repo: string, ranges: readonly CommitRange[]): Promise<Map<string, ChangeCommit[]>>;
  /** Keeps git's answers for these ranges, replacing any kept before, in one transaction. */
  putChanges(
    repo: string,
    kept: readonly (CommitRange & { commits: readonly ChangeCommit[] })[],
  ): Promise<void>;
  /**
   * Where an incremental sync of one feed of a repository left off ("github-deployments",
   * "github-issues", "workflow-runs:deploy.yml", ...): an opaque value the sync wrote, or null
   * when the feed was never synced.
   */
  cursor(repo: string, feed: string): Promise<string | null>;
  /** Keeps the cursor of a feed, replacing the one before; kept with the events it follows. */
  putCursor(repo: string, feed: string, value: string): Promise<void>;
  /** Keeps a repository's readiness as last seen; a snapshot older than the kept one is ignored. */
  putReadiness(snapshot: ReadinessSnapshot): Promise<void>;
  /** The latest readiness of every repository that has one, by repo. */
  readiness(): Promise<ReadinessSnapshot[]>;
  close(): Promise<void>;
}

/** The commits a deploy took out, from the repository's history. */
export interface ChangeHistory {
  /**
   * The commits reachable from `to` and not from `from`, oldest first. Returns a problem instead
   * when git cannot answer (a commit it does not have, a shallow clone).
   */
  commitsBetween(from: string, to: string): Promise<ChangeCommit[] | { problem: string }>;
  /**
   * The commits of many ranges at once, keyed `from..to`, each exactly as commitsBetween answers
   * it: one reading of the history instead of one per range. Optional; without it each range is
   * asked alone.
   */
  commitsOfRanges?(
    ranges: readonly { from: string; to: string }[],
  ): Promise<Map<string, ChangeCommit[] | { problem: string }>>;
}
