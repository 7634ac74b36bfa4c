/** What deploy, verify and rollback need from the outside world, beyond the shared ports. */
import type { DeployRecord, MetricSource, Sample } from "./types.js";

/** The deploy records file: one JSON object per line; a record is put again as it changes, the last line of an id wins. */
export interface DeployRecords {
  put(record: DeployRecord): Promise<void>;
  /** Every record, last version of each id, oldest start first. */
  list(filter?: { environment?: string }): Promise<DeployRecord[]>;
}

/** Time that tests can drive: a sampling loop asks the timer, never Date or setTimeout directly. */
export interface Timer {
  now(): Date;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Reads a metric's samples from its source. Never throws for a source that answers badly: a null sample says why. */
export interface MetricReader {
  /** One sample now (an instant query, a probe, a command). */
  sample(source: MetricSource, options: { windowMs: number; signal?: AbortSignal }): Promise<Sample>;
  /**
   * Samples between two times, `stepMs` apart (a Prometheus range query); empty when the source has
   * no history. A source that cannot answer gives one sample without a value saying why. `windowMs`
   * is what `{{window}}` in a query stands for (default: end - start).
   */
  range(
    source: MetricSource,
    options: { start: Date; end: Date; stepMs: number; windowMs?: number; signal?: AbortSignal },
  ): Promise<Sample[]>;
  /** Asks the source whether the metric can be read at all (PromQL parses, the server answers); the problem, or null. */
  check(source: MetricSource, options: { signal?: AbortSignal }): Promise<string | null>;
}

export type DeployEventType =
  | "started"
  | "succeeded"
  /** A step of the release workflow failed (or timed out) before verification: nothing to roll back. */
  | "failed"
  | "verification-failed"
  | "rollback-started"
  | "rolled-back"
  | "rollback-failed"
  | "interrupted";

/** Told as a deploy goes: GitHub Deployment statuses, the incident issue, Slack and webhooks listen. */
export interface DeployEvents {
  /** Returns what the listeners linked (incident, GitHub deployment), to be kept on the record. Never throws. */
  emit(
    type: DeployEventType,
    record: DeployRecord,
  ): Promise<Pick<DeployRecord, "incident" | "githubDeployment">>;
}

/**
 * What `verifyDeploy` (verify-deploy.ts) is asked: judge these metrics over their windows after
 * `deployedAt`, sampling at their intervals, stopping early when the outcome can no longer change.
 */
export interface VerifyRequest {
  metrics: import("./types.js").MetricSpec[];
  /** When the deploy finished; baseline windows end here. */
  deployedAt: Date;
  /** Overrides every metric's window (`verify --window 5m`). */
  windowMs?: number;
  /** How an inconclusive result counts (from the stage). */
  inconclusive: import("./types.js").StageSpec["inconclusive"];
  signal?: AbortSignal;
  /** Told about each sample as it comes, for progress and charts. */
  onSample?: (metric: string, sample: Sample) => void;
  /** End a metric's window as soon as its pass is certain (default false: a pass waits for the whole window). */
  passEarly?: boolean;
}

/**
 * What `watchDeploy` (watch-deploy.ts) is asked: keep judging these (monitoring) metrics at their
 * intervals for `watchMs` after `deployedAt`, each over a window rolling with its samples, and stop
 * at the first window that fails.
 */
export interface WatchRequest {
  metrics: import("./types.js").MetricSpec[];
  deployedAt: Date;
  /** How long to watch (`verify --watch 24h`). */
  watchMs: number;
  inconclusive: import("./types.js").StageSpec["inconclusive"];
  signal?: AbortSignal;
  onSample?: (metric: string, sample: Sample) => void;
}

export interface VerifyResult {
  verdict: import("./types.js").Verdict;
  metrics: import("./types.js").MetricResult[];
  /** One line: which metrics failed and why, or that all passed. */
  reason: string;
}

/** Who holds an environment's deploy lock: enough to name them and to tell whether they still run. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The deploy (or rollback) record the holder is writing. */
  recordId: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** What holds it: deploy, rollback. */
  command: string;
}

export type LockAttempt =
  | {
      acquired: true;
      /** Gives the lock back (only while it is still this holder's). */
      release(): Promise<void>;
      /** The holder whose lock was taken over because its process is gone from this host; null when the lock was free. */
      tookOverFrom: LockHolder | null;
    }
  | { acquired: false; holder: LockHolder; file: string };

/** One deploy per environment at a time: a lock file per environment naming its holder. */
export interface DeployLocks {
  /** Takes the environment's lock, or says who holds it. A holder whose process is gone from this host is taken over. */
  acquire(environment: string, holder: LockHolder): Promise<LockAttempt>;
  /** Who holds the environment's lock now; null when no one does. */
  holder(environment: string): Promise<LockHolder | null>;
}

/** What a deploy reads from git: the commit deployed, its version, and the release before it. */
export interface DeployGit {
  /** The commit HEAD points at in `dir`'s repository; null outside one or before the first commit. */
  head(dir: string): Promise<string | null>;
  /** The version a tag on `commit` carries through the tag pattern (v{version} -> 1.4.2); null when none. */
  versionAt(dir: string, commit: string, tagPattern: string): Promise<string | null>;
  /** `git describe --tags --always` of `commit`: the nearest tag, the commits since, the short commit. */
  describe(dir: string, commit: string): Promise<string | null>;
  /** The highest version tag on the history of `commit`, not on `commit` itself: the release before it. */
  previousRelease(
    dir: string,
    commit: string,
    tagPattern: string,
  ): Promise<{ version: string; commit: string } | null>;
  /** The commit a version's tag (or any ref) names; null when none. */
  commitOf(dir: string, versionOrRef: string, tagPattern: string): Promise<string | null>;
}
