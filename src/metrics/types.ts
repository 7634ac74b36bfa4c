/**
 * Delivery performance (DORA): the events every source is normalised to, the settings, and what a
 * metrics run reports. Every time is an ISO 8601 string in UTC (`2026-03-02T10:00:00.000Z`); every
 * duration in the report is in seconds.
 */

/**
 * Where an event came from, in the order of trust used when two sources report the same deploy:
 * shipready's own deploy records first, tags last.
 */
export const EVENT_SOURCES = [
  "shipready",
  "record",
  "import",
  "github-deployment",
  "workflow-run",
  "github-issue",
  "tag",
] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * What became of a deploy.
 *   - success: it went out and stayed.
 *   - failure: it went out and was found failing (a failed verification, a failed watch).
 *   - rolled-back: it went out and was rolled back.
 *   - aborted: it never went out (the deploy step failed, was interrupted or cancelled).
 *   - running: not finished yet.
 * Only success, failure and rolled-back are deployments to the metrics.
 */
export const DEPLOY_STATUSES = ["success", "failure", "rolled-back", "aborted", "running"] as const;
export type DeployStatus = (typeof DEPLOY_STATUSES)[number];
/** The statuses of a deploy that went out, and so counts as a deployment (aborted and running ones do not). */
export const WENT_OUT_STATUSES: readonly DeployStatus[] = ["success", "failure", "rolled-back"];

/** One change a deploy took to production, with the time its work started (the author time of its first commit). */
export interface ChangeCommit {
  sha: string;
  /** When the change was first committed (git's author date). */
  at: string;
  /** The first line of its message, to tell fix commits; null when unknown. */
  subject: string | null;
}

/** One deploy to one environment, as any source reports it. Unique per (repo, source, sourceId). */
export interface DeployEvent {
  /** owner/name, or the folder's name for a repository on no forge. */
  repo: string;
  source: EventSource;
  /** The source's own id: the deploy record's id, a GitHub deployment id, the id given to `record`. */
  sourceId: string;
  /** As the source names it (prod, production, eu-production): matched to a configured environment later. */
  environment: string;
  version: string | null;
  commit: string | null;
  startedAt: string | null;
  /** When it went live (or failed to). */
  finishedAt: string;
  status: DeployStatus;
  /** Why the status is what it is, when the source says (a failed verification's reason). */
  statusReason: string | null;
  /** true: unplanned work to fix a failure (`record deploy --rework`); false: planned whatever its commits say; null: derived. */
  rework: boolean | null;
  /** The failure this deploy fixes, when the source says: a version, a commit, a deploy id or an incident id. */
  fixes: string | null;
  /** The changes deployed, when the source knows them; null: the commits git finds since the previous successful deploy. */
  changes: ChangeCommit[] | null;
  /** Where to see it (a CI run, a GitHub deployment). */
  url: string | null;
}

/** A production incident: a failure users met, opened and (later) resolved. Unique per (repo, source, sourceId). */
export interface IncidentEvent {
  repo: string;
  source: EventSource;
  sourceId: string;
  /** The environment it happened in; null: the one being measured. */
  environment: string | null;
  openedAt: string;
  resolvedAt: string | null;
  /** The deploy that caused it, when named (`Caused-by: v1.4.2`, a link to a commit or release): its version ... */
  causeVersion: string | null;
  /** ... or its commit (a full or abbreviated sha) ... */
  causeCommit: string | null;
  /** ... or its id as its source gave it. */
  causeDeployId: string | null;
  title: string | null;
  url: string | null;
}

/**
 * A recovery from a failed deploy: a rollback, or a fix deployed. It makes the deploy it names a
 * failed one, and ends that failure when it succeeded. Unique per (repo, source, sourceId).
 */
export interface RecoveryEvent {
  repo: string;
  source: EventSource;
  sourceId: string;
  environment: string;
  /** When service was restored (or the attempt ended). */
  at: string;
  kind: "rollback" | "fix";
  succeeded: boolean;
  /** The failed deploy: its id as its source gave it, its version or its commit. */
  causeDeployId: string | null;
  causeVersion: string | null;
  causeCommit: string | null;
  /** The incident this recovery resolves, by its id. */
  incidentId: string | null;
  /** For a fix: the version or commit deployed to fix it, which makes that deploy rework. */
  fixVersion: string | null;
  fixCommit: string | null;
  /** Why, as the source said (the rollback's reason). */
  reason: string | null;
}

/**
 * A repository's release readiness as last seen (its checklist scored at a commit), kept beside its
 * delivery events so that an organisation's repositories can be shown side by side.
 */
export interface ReadinessSnapshot {
  repo: string;
  /** When it was scored (ISO). */
  at: string;
  /** The commit the checklist was read at, when known. */
  commit: string | null;
  /** The checklist's path in the repository. */
  checklist: string;
  /** 0..100. */
  score: number;
  /** The band's label, as the checklist's config names it. */
  band: string;
  /** ready, not-ready, ... as the readiness engine says. */
  verdict: string;
  /** Gates by status: { pass: 40, fail: 2, ... }. */
  gates: Record<string, number>;
  /** Where to see it (the checklist on the forge). */
  url: string | null;
}

/** `metrics:` in shipready.yml, normalised. */
export interface MetricsSettings {
  /** The SQLite file (absolute path). */
  store: string;
  /** Each environment's name and the names sources give it, compared without case: { production: [prod, production] }. */
  environments: Record<string, string[]>;
  /** The environment measured without --env. */
  defaultEnvironment: string;
  /** Labels that make a GitHub issue an incident (used by GitHub sync). */
  incidentLabels: string[];
  /** Workflows whose runs are deploys (used by GitHub sync). */
  deployWorkflows: string[];
  /** Below this many deploys, changes or recovered failures, a metric says "not enough data" instead of a number. */
  minSample: number;
  /** The DORA report whose bands rate the metrics (dora-2024); null: the latest. */
  report: string | null;
  /** The deploy records file of shipready's own deploys (absolute path). */
  deployRecords: string;
}

/* ---------- Performance bands: the report data ---------- */

export const PERFORMANCE_LEVELS = ["elite", "high", "medium", "low"] as const;
export type PerformanceLevel = (typeof PERFORMANCE_LEVELS)[number];

/** How often a team deploys, as the reports word it, best first. */
export const FREQUENCY_CATEGORIES = [
  "on-demand",
  "daily-to-weekly",
  "weekly-to-monthly",
  "monthly-to-biannual",
  "less-than-biannual",
] as const;
export type FrequencyCategory = (typeof FREQUENCY_CATEGORIES)[number];

export const METRIC_NAMES = [
  "deploymentFrequency",
  "changeLeadTime",
  "changeFailRate",
  "recoveryTime",
  "reworkRate",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

interface BandCellBase {
  /** The report's words. */
  text: string;
  /** Whether the cell was compared with a published source; false: as recalled, to check. */
  checked: boolean;
  /** Where the value comes from, or what is uncertain about it. */
  note?: string;
}

/** A band of a time metric, in hours: a range (either end may be open). */
export interface HoursBand extends BandCellBase {
  minHours?: number;
  maxHours?: number;
}

/** A band of a rate (0..1): a range, or a point estimate (the cluster's typical value). */
export interface RateBand extends BandCellBase {
  min?: number;
  max?: number;
  point?: number;
}

/** A band of deployment frequency: from the best to the worst category it covers. */
export interface FrequencyBand extends BandCellBase {
  best: FrequencyCategory;
  worst: FrequencyCategory;
}

/** One DORA report's clusters, as src/metrics/bands/dora-<year>.json holds them. */
export interface BandReport {
  id: string;
  year: number;
  title: string;
  source: { publisher: string; url: string; where: string };
  /** How the numbers came into this file. */
  provenance: string;
  /** The report's levels, best first (2022 has no elite). */
  levels: PerformanceLevel[];
  shares?: Partial<Record<PerformanceLevel, number>>;
  /** What the report called the recovery metric, when not "failed deployment recovery time". */
  recoveryName?: string;
  metrics: {
    deploymentFrequency: Partial<Record<PerformanceLevel, FrequencyBand>>;
    changeLeadTime: Partial<Record<PerformanceLevel, HoursBand>>;
    changeFailRate: Partial<Record<PerformanceLevel, RateBand>>;
    recoveryTime: Partial<Record<PerformanceLevel, HoursBand>>;
    /** null: the report publishes no bands for it. */
    reworkRate: Partial<Record<PerformanceLevel, RateBand>> | null;
  };
  notes: string[];
}

/* ---------- What a metrics run reports ---------- */

/** A distribution summarised: its median and 90th percentile (linear interpolation), and how many values. */
export interface Summary {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface LevelRating {
  level: PerformanceLevel | null;
  /** How it was derived, in one sentence: which value, which band, which report. */
  reason: string;
  /** The band cell used, as the report words it. */
  band: string | null;
  /** False when the band cell used is marked unchecked in the data. */
  checked: boolean | null;
}

interface MetricBase {
  /** ok: a number; not-enough-data: fewer than `needed` behind it. */
  status: "ok" | "not-enough-data";
  /** How many deploys, changes or failures it rests on. */
  count: number;
  /** The least count for a number (minSample). */
  needed: number;
  /** Why there is no number, when there is none. */
  note: string | null;
  level: LevelRating;
}

export interface FrequencyMetric extends MetricBase {
  /** Deploys in the period. */
  deploys: number;
  perDay: number;
  perWeek: number;
  /** Deploys in each whole ISO week of the period. */
  weeklyDeploys: Summary;
  /** Days with a deploy in each whole ISO week of the period. */
  deployDaysPerWeek: Summary;
  /** Four Keys' bucket: daily, weekly, monthly or yearly. */
  bucket: "daily" | "weekly" | "monthly" | "yearly" | null;
  category: FrequencyCategory | null;
  wholeWeeks: number;
}

export interface DurationMetric extends MetricBase {
  /** Seconds. */
  median: number | null;
  p90: number | null;
}

export interface RateMetric extends MetricBase {
  /** Failed (or rework) deploys over deploys, 0..1. */
  rate: number | null;
  numerator: number;
  /** Median and 90th percentile of the weekly rates over weeks with a deploy. */
  weekly: Summary;
}

export interface DeliveryMetrics {
  deploymentFrequency: FrequencyMetric;
  changeLeadTime: DurationMetric;
  changeFailRate: RateMetric;
  recoveryTime: DurationMetric & { open: number };
  reworkRate: RateMetric;
}

/** One ISO week's figures (no minimum count: the counts are given). */
export interface WeekRow {
  /** 2026-W09 */
  week: string;
  /** Monday 00:00 UTC. */
  start: string;
  /** False when the period cuts the week. */
  whole: boolean;
  deploys: number;
  deployDays: number;
  failed: number;
  rework: number;
  changeFailRate: number | null;
  reworkRate: number | null;
  leadTime: Summary;
  recoveryTime: Summary;
}

/** Something that is not counted because the times contradict each other. */
export interface SkewNote {
  kind: "lead-time" | "recovery" | "incident";
  /** The deploy or incident (source:id). */
  ref: string;
  detail: string;
}

export interface DeployExplanation {
  ref: string;
  source: EventSource;
  sourceId: string;
  environment: string;
  version: string | null;
  commit: string | null;
  finishedAt: string;
  status: DeployStatus;
  /** Whether it counts as a deployment of the period, and why not when it does not. */
  counted: boolean;
  why: string;
  failed: boolean;
  failures: string[];
  rework: boolean;
  reworkWhy: string;
  changes: { count: number; leadTime: Summary; note: string | null };
  /** Seconds; null when not failed or not recovered. */
  recoverySeconds: number | null;
  recoveryWhy: string | null;
  /** Where to see it, as its source gave it. */
  url: string | null;
}

export interface IncidentExplanation {
  ref: string;
  /** What happened, as its source said. */
  title: string | null;
  /** Where to see it (the issue). */
  url: string | null;
  openedAt: string;
  resolvedAt: string | null;
  /** The deploy it is linked to (source:id), or null. */
  linkedTo: string | null;
  why: string;
}

export interface MetricsExplanation {
  deploys: DeployExplanation[];
  incidents: IncidentExplanation[];
}

export interface MetricsReport {
  repo: string;
  environment: string;
  /** The names matched for the environment. */
  matches: string[];
  period: { since: string; until: string; days: number };
  report: { id: string; title: string; url: string };
  minSample: number;
  metrics: DeliveryMetrics;
  weeks: WeekRow[];
  skew: SkewNote[];
  /** Things worth knowing: commits git could not find, duplicates dropped. */
  warnings: string[];
  explain?: MetricsExplanation;
}

/** One repository's figures in an organisation's report: its metrics, or why there are none. */
export type OrganisationEntry =
  | { repo: string; ok: true; report: MetricsReport; readiness: ReadinessSnapshot | null }
  | { repo: string; ok: false; problem: string; readiness: ReadinessSnapshot | null };

/** `metrics --org` and `serve --org`: every repository in the store over one period, side by side. */
export interface OrganisationReport {
  period: { since: string; until: string; days: number };
  environment: string;
  report: { id: string; title: string; url: string };
  repos: OrganisationEntry[];
  /** How many repositories are at each level, per metric (null: not rated). */
  levels: Record<MetricName, Partial<Record<PerformanceLevel | "unrated", number>>>;
}
