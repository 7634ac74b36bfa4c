/** What running a deploy, a rollback or a promotion is given, tells as it goes, and returns. */
import type { ShipreadyConfig } from "../config/types.js";
import type { ReadinessPorts } from "../readiness/ports.js";
import type {
  DeployEvents,
  DeployGit,
  DeployLocks,
  DeployRecords,
  LockHolder,
  Timer,
  VerifyRequest,
  VerifyResult,
} from "./ports.js";
import type { DeployRecord, MetricSource, Sample, StepOutcome } from "./types.js";
import type { PlannedLine } from "./core/plan-deploy.js";

export type { DeployDryRun, PlannedLine } from "./core/plan-deploy.js";

/** The outside world of a deploy: what a readiness run is given (validate runs one), and the deploy's own. */
export interface DeployRunPorts extends ReadinessPorts {
  timer: Timer;
  records: DeployRecords;
  events: DeployEvents;
  locks: DeployLocks;
  deployGit: DeployGit;
  /** Verification over a window (verify-deploy.ts's verifyDeploy, with its reader and timer). */
  verify(request: VerifyRequest): Promise<VerifyResult>;
  /** Whether a metric's source can be read at all (MetricReader.check): the problem, or null. */
  checkSource(source: MetricSource, signal?: AbortSignal): Promise<string | null>;
  /** This process, as a lock names its holder. */
  self: { pid: number; host: string };
}

/** Told as a deploy or rollback goes, for progress lines. */
export interface DeployProgress {
  /** Before the first step: what is deployed and what will run. */
  onStart?(record: DeployRecord, steps: PlannedLine[]): void;
  onStepStart?(step: PlannedLine): void;
  onStepEnd?(outcome: StepOutcome): void;
  /** A verification's sample as it comes. */
  onSample?(metric: string, sample: Sample): void;
  /** The rollback starts: why, and the steps it runs. */
  onRollback?(trigger: string, reason: string, steps: PlannedLine[]): void;
  onWarning?(message: string): void;
}

/** Settings a deploy and a rollback share. */
export interface RunRequest {
  /** shipready.yml as loaded; its strategy must be set. */
  config: ShipreadyConfig;
  /** The environment; the strategy's default environment when absent. */
  environment?: string;
  signal?: AbortSignal;
  /** Who runs it (GITHUB_ACTOR or the OS user). */
  actor: string | null;
  runUrl?: string;
  progress?: DeployProgress;
}

export interface DeployRequest extends RunRequest {
  /** The version deployed; the version tag at HEAD, else `git describe`, when absent. */
  version?: string;
  /** Go on with the last interrupted (or failed before verification) deploy of the environment. */
  resume?: boolean;
}

export interface RollbackRequest extends RunRequest {
  /** The version (or ref) to roll back to; the last succeeded deploy before the live one when absent. */
  to?: string;
  reason?: string;
  /** The trigger that fired it: manual_trigger (the default), or monitoring_failure (a failed watch). */
  trigger?: string;
}

/** What a deploy or rollback left: its record as last written, and what the person should know. */
export interface RunReport {
  record: DeployRecord;
  warnings: string[];
  /** The holder of a stale lock that was taken over. */
  tookOverFrom: LockHolder | null;
}
