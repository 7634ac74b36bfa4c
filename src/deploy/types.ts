/**
 * The release strategy (shipready.yml's strategy:, rollback:, validation:, monitoring:, analytics:,
 * automation:, and the names they use: steps:, checks:, sources:, environments:, canary:, incident:)
 * as normalised, and what a deploy, a verification and a rollback leave behind.
 *
 * Every duration is in milliseconds (the seed writes seconds; `5m` is accepted too). Every item keeps
 * its line in shipready.yml for messages.
 */
import type { EvidenceSpec } from "../evidence/types.js";

/** Seed "Release Strategy" stages: pre_release, release, post_release. */
export interface StageSpec {
  name: string;
  /** Whether the stage's verification runs (validation gates and metrics). */
  validation: boolean;
  /** Whether a failure in the stage rolls back. */
  rollback: boolean;
  /** Whether the stage's monitoring metrics are watched. */
  monitoring: boolean;
  /** Procedures a rollback in this stage runs, in order; empty: the rollback workflow, else every procedure. */
  procedures: string[];
  /** What an inconclusive verification does in this stage (default: rollback for post_release, else fail). */
  inconclusive: "rollback" | "fail" | "pass-with-warning";
  line?: number;
}

/** Seed "Release Strategy" gates: validation_gate, rollback_gate, monitoring_gate. */
export interface StrategyGateSpec {
  name: string;
  required: boolean;
  timeoutMs: number;
  /** The stages the gate applies to (`stages:`); every stage when absent. */
  stages?: string[];
  line?: number;
}

/** Seed "Rollback Procedures" triggers: validation_failure, monitoring_failure, manual_trigger. */
export interface TriggerSpec {
  name: string;
  /** rollback runs the rollback; notify only tells; none records it. */
  action: "rollback" | "notify" | "none";
  timeoutMs: number;
  /** The stages in which it fires (`stages:`); every stage when absent. */
  stages?: string[];
  line?: number;
}

/** Seed "Rollback Procedures" procedures: named lists of steps with a timeout for the whole. */
export interface ProcedureSpec {
  name: string;
  steps: string[];
  timeoutMs: number;
  line?: number;
}

/** Seed "Validation Gates" gates: named lists of checks (each bound in checks:). */
export interface ValidationGateSpec {
  name: string;
  checks: string[];
  timeoutMs: number;
  line?: number;
}

/**
 * How a sample is judged. A source that answers pass or fail (an HTTP probe, a command's exit
 * status) yields 1 or 0; a source that answers a number yields the number.
 *   - `min` / `max`: the bound each sample must meet (value >= min, value <= max); a sample meets
 *     the judgement when it is within every bound written.
 *   - `share`: the share of samples in the window that must meet it (0..1).
 * How shipready.yml's words map onto it (config/normalize-metric.ts):
 *   - A pass/fail source (http; a command whose source sets neither min: nor max:): `min: 1` (each
 *     probe must pass), and the metric's `threshold` is the `share`. `threshold: 0.99` on an http
 *     source: 99% of the probes must pass.
 *   - A number source (prometheus, sentry; a command whose source sets min: or max:) without min:/max:
 *     on its source: `threshold` is `min`, and `share` is 1. `threshold: 0.99` on a success-ratio
 *     query: every sample must be >= 0.99.
 *   - A number source with min: and/or max: on its source: those are the bounds, and `threshold`
 *     is the `share` that must meet them (1 when absent).
 *   - `share:` written on the source overrides the share in every case; with neither threshold nor
 *     share, share is 1.
 */
export interface Judgement {
  min?: number;
  max?: number;
  share: number;
}

/** Baseline vs current: the same query over the window before the deploy and over the window after. */
export type BaselineComparison =
  /** current aggregate / baseline aggregate must stay <= maxRatio (for "lower is better") or >= minRatio. */
  | { kind: "ratio"; maxRatio?: number; minRatio?: number; line?: number }
  /** Mann-Whitney U over the samples, as Kayenta's judge: fail when current is significantly worse. */
  | {
      kind: "mann-whitney";
      /** Which way is worse: "higher" for error rates and latency, "lower" for success ratios. */
      worse: "higher" | "lower";
      /** Two-sided confidence, default 0.95 (alpha 0.05). */
      confidence: number;
      /** Also require the medians to differ by this fraction before calling it worse (default 0). */
      minEffect: number;
      line?: number;
    };

export type MetricSource =
  | {
      kind: "http";
      url: string;
      /** Status codes that pass; default 200-399. */
      expect?: number[];
      /** A probe slower than this fails. */
      maxLatencyMs?: number;
      headers?: Record<string, string>;
      timeoutMs: number;
    }
  | {
      kind: "prometheus";
      /** Prometheus's base URL, such as http://127.0.0.1:9090. */
      url: string;
      /** PromQL; `{{window}}` is replaced by the window as a Prometheus duration (5m). */
      query: string;
      /** Instant query each interval (default), or one range query over the window at the end. */
      mode: "instant" | "range";
      headers?: Record<string, string>;
      timeoutMs: number;
    }
  | {
      kind: "command";
      /** Prints a number on its last line; a command that prints none but exits 0/non-0 is a 1/0 sample. */
      run: string;
      /** Absolute (written relative to shipready.yml). */
      cwd?: string;
      timeoutMs: number;
    }
  | {
      kind: "sentry";
      /** https://sentry.io or a self-hosted base URL. */
      url: string;
      org: string;
      project: string;
      /** An environment variable name holding the auth token (never the token itself). */
      tokenEnv: string;
      /** Sentry environment filter. */
      environment?: string;
      timeoutMs: number;
    };

/** A metric of validation: or monitoring: with where its samples come from and how they are judged. */
export interface MetricSpec {
  name: string;
  /** Which block it came from. */
  block: "validation" | "monitoring";
  source: MetricSource;
  judgement: Judgement;
  /** Verification window (validation metrics; monitoring metrics use the watch period). */
  windowMs: number;
  /** Time between samples. */
  intervalMs: number;
  /** Time after the deploy before the first sample (default 0). */
  initialDelayMs: number;
  baseline?: BaselineComparison;
  /** A failed critical metric fails the verification whatever the others say (default true). */
  critical: boolean;
  line?: number;
}

/** Seed "Monitoring Strategy" alerts: become Prometheus alerting rules (`strategy --prometheus-rules`). */
export interface AlertSpec {
  name: string;
  /** The metric it watches; by default the monitoring metric whose name shares its stem (health_alert -> service_health). */
  metric?: string;
  threshold: number;
  windowMs: number;
  severity: string;
  line?: number;
}

/** Seed "Analytics Strategy": kept and shown, not acted on. */
export interface AnalyticsSpec {
  name: string;
  kind: "metric" | "analysis";
  intervalMs: number;
  /** As written: 90d. */
  retention?: string;
  line?: number;
}

/** Seed "Automation Strategy" tasks: recurring checks (health_check every 60 s). */
export interface TaskSpec {
  name: string;
  intervalMs: number;
  timeoutMs: number;
  line?: number;
}

/** Seed "Automation Strategy" workflows: release_workflow, rollback_workflow, monitoring_workflow. */
export interface WorkflowSpec {
  name: string;
  steps: string[];
  timeoutMs: number;
  line?: number;
}

/** A feature flag flip (the kill switch), run as a step. */
export type FlagSpec =
  /** An OpenFeature flagd flag file: set the flag's defaultVariant. `file` is absolute, inside the config's folder. */
  | { kind: "flagd"; file: string; flag: string; variant: string }
  /** A KEY=value line of a .env file. `file` is absolute, inside the config's folder. */
  | { kind: "env-file"; file: string; key: string; value: string }
  /** A command that flips it. */
  | { kind: "command"; run: string };

/**
 * What a step name means. Names are looked up as `<procedure or workflow>.<step>` first, then
 * `<step>`, so data_rollback's revert may differ from service_rollback's.
 * Built in: `validate` (readiness of the commit plus the pre-release validation gates) and `verify`
 * (the stage's verification), unless steps: binds them to something else.
 */
export type StepAction =
  /** cwd is absolute (written relative to shipready.yml); without timeoutMs, the procedure's or workflow's timeout bounds it. */
  | { kind: "command"; run: string; cwd?: string; timeoutMs?: number; line?: number }
  | { kind: "flag"; flag: FlagSpec; line?: number }
  | { kind: "builtin"; name: "validate" | "verify" };

/** Argo Rollouts-style canary steps. */
export type CanaryStep =
  /** Runs canary.setWeight with {{weight}} replaced. */
  | { kind: "setWeight"; weight: number; line?: number }
  /** A duration, or until `shipready promote` when durationMs is absent. */
  | { kind: "pause"; durationMs?: number; line?: number }
  /** Verification of the named metrics (filled in with every validation metric when not written), canary vs baseline. */
  | { kind: "analysis"; metrics: string[]; windowMs?: number; line?: number };

export interface CanarySpec {
  /** The command that sets the canary's share of traffic; {{weight}} is 0..100. */
  setWeight: string;
  steps: CanaryStep[];
  line?: number;
}

export interface EnvironmentSpec {
  name: string;
  /** The environment's URL, shown on the status page and GitHub's deployment. */
  url?: string;
  /** GitHub's environment name, when it differs. */
  githubEnvironment?: string;
  /** Shown on the public status page (default false: nothing is published that config does not mark public). */
  public: boolean;
  /** Extra variables given to every step run for this environment. */
  vars: Record<string, string>;
  line?: number;
}

export interface IncidentSettings {
  /** Open a GitHub issue when a rollback runs (needs a token with issues: write). Default true. */
  github: boolean;
  labels: string[];
  /** Post to Slack/webhooks (notify:) on deploy start, success, verification failure and rollback. Default true. */
  notify: boolean;
}

/** The whole strategy; null in ShipreadyConfig when shipready.yml defines none. */
export interface DeployStrategy {
  /** strategy.stages; pre_release, release and post_release, all enabled, when not written. */
  stages: StageSpec[];
  gates: StrategyGateSpec[];
  /** rollback.triggers; validation_failure, monitoring_failure and manual_trigger (action rollback, 300 s) when not written. */
  triggers: TriggerSpec[];
  procedures: ProcedureSpec[];
  validationGates: ValidationGateSpec[];
  /** validation: metrics and monitoring: metrics, each with its source. */
  metrics: MetricSpec[];
  alerts: AlertSpec[];
  analytics: AnalyticsSpec[];
  tasks: TaskSpec[];
  /** automation: workflows, and release_workflow ([validate, deploy, verify], 1800 s) when none is written. */
  workflows: WorkflowSpec[];
  /** steps: every bound step name (qualified names kept as written: "data_rollback.revert"). */
  steps: Record<string, StepAction>;
  /** checks: each named check is evidence, as under gates:. */
  checks: Record<string, EvidenceSpec[]>;
  environments: EnvironmentSpec[];
  /** The environment used without --env: the only one, else "production". */
  defaultEnvironment: string;
  canary: CanarySpec | null;
  incident: IncidentSettings;
  /** Where deploy records go: one JSON object per line. Absolute path (default .shipready/deploys.jsonl). */
  recordsFile: string;
  /** Folder of per-environment deploy locks. Absolute path (default .shipready/locks). */
  locksDir: string;
  /** Root the seed's evidence folders are resolved against (`evidence:`); no JSON evidence when null. */
  evidenceRoot: string | null;
}

/* ---------- What happened ---------- */

/** One sample of a metric. null value: no data (an unreachable source, an empty query result). */
export interface Sample {
  /** ISO time. */
  at: string;
  value: number | null;
  /** Why there is no value, or what the source said. */
  note?: string;
}

export type Verdict = "pass" | "fail" | "inconclusive";

export interface MetricResult {
  name: string;
  verdict: Verdict;
  /** One line a person reads: "error ratio 0.083 > max 0.01 in 4 of 6 samples". */
  reason: string;
  judgement: Judgement;
  samples: Sample[];
  /** Baseline samples, when a baseline comparison ran. */
  baseline?: Sample[];
  /** The comparison's figures: U, p-value, medians, ratio. */
  comparison?: Record<string, number>;
  /** True when it stopped before the window ended because the outcome could no longer change. */
  failedFast?: boolean;
}

export interface StepOutcome {
  /** As bound: "service_rollback.revert" or "deploy". */
  name: string;
  status: "succeeded" | "failed" | "timed-out" | "interrupted" | "skipped";
  startedAt: string;
  endedAt: string;
  exitCode?: number | null;
  /** The last lines of its output, redacted. */
  tail?: string[];
  /** For validate/verify steps: what they found. */
  metrics?: MetricResult[];
  detail?: string;
}

export type DeployOutcome =
  "running" | "succeeded" | "failed" | "rolled-back" | "rollback-failed" | "interrupted" | "inconclusive";

/** One line of the deploy records file: a deploy, a verification, a rollback or a canary. */
export interface DeployRecord {
  v: 1;
  /** Unique: `<env>-<ISO start, compact>-<short commit>`. */
  id: string;
  kind: "deploy" | "verify" | "rollback" | "watch";
  environment: string;
  version: string | null;
  commit: string | null;
  /** What was live before (rollback target). */
  previous: { version: string | null; commit: string | null } | null;
  startedAt: string;
  endedAt: string | null;
  outcome: DeployOutcome;
  /** The workflow or procedure run, step by step. */
  steps: StepOutcome[];
  /** Verification results (of the verify step or the verify command). */
  metrics: MetricResult[];
  /** Set on a rollback record, or on a deploy that was rolled back. */
  rollback?: {
    trigger: string;
    reason: string;
    /** The record this rolled back. */
    of?: string;
    outcome: "succeeded" | "failed";
    failedStep?: string;
  };
  /** Links made along the way. */
  incident?: { url: string; number: number };
  githubDeployment?: { id: number; url: string };
  /** Who ran it (GITHUB_ACTOR or the OS user). */
  actor: string | null;
  /** The run of CI it happened in, when any. */
  runUrl?: string;
}
