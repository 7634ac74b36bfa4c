/** What evidence is asked for (one spec per kind) and what it found. */
import type { Outcome, Provenance } from "../types.js";

/** A severity of a security alert, lowest first. */
export type AlertSeverity = "low" | "medium" | "high" | "critical";

/** Settings every evidence kind shares. */
interface EvidenceBase {
  /** How long collecting may take before the gate is inconclusive, in milliseconds (default 300 s). */
  timeoutMs: number;
  /** Line of the evidence item in shipready.yml, for messages. */
  line?: number;
}

/** The latest run of one workflow: success passes, failure fails, running is pending, too old is inconclusive. */
export interface GitHubActionsSpec extends EvidenceBase {
  kind: "github-actions";
  /** The workflow's file name (ci.yml) or its name as GitHub shows it. */
  workflow: string;
  /** Only runs on this branch; the repository's default branch when absent. */
  branch?: string;
  /** Only runs of this commit; "HEAD" means the commit being released (the local HEAD). */
  sha?: string;
  /** Only runs triggered by this event (push, pull_request, schedule...). */
  event?: string;
  /** A run older than this (milliseconds) is stale: inconclusive. */
  maxAgeMs?: number;
}

/** Check runs and commit statuses on a ref: all must succeed, or only the named ones. */
export interface GitHubChecksSpec extends EvidenceBase {
  kind: "github-checks";
  /** A branch, tag or commit; "HEAD" (the default) means the local HEAD commit. */
  ref: string;
  /** Check-run names or status contexts to look at; all when absent. */
  names?: string[];
}

/** Open security alerts at or above a severity fail the gate. */
export interface GitHubSecuritySpec extends EvidenceBase {
  kind: "github-security";
  /** Lowest Dependabot alert severity that fails; not checked when absent. */
  dependabot?: AlertSeverity;
  /** Lowest code scanning alert severity that fails; not checked when absent. */
  codeScanning?: AlertSeverity;
}

/** A branch requires status checks and approving reviews, by branch protection or by a ruleset. */
export interface GitHubBranchProtectionSpec extends EvidenceBase {
  kind: "github-branch-protection";
  /** The branch; the repository's default branch when absent. */
  branch?: string;
  /** Status checks (check-run names or status contexts) the branch must require. */
  requireChecks: string[];
  /** Fewest approving reviews the branch must require (default 1). */
  reviews: number;
}

/** The repository kit: issue forms, pull request template, CODEOWNERS, labeler, workflows, Dependabot. */
export interface RepoKitSpec extends EvidenceBase {
  kind: "repo-kit";
  /** Ask GitHub for its own reading of CODEOWNERS too (needs a token; default false). */
  github: boolean;
}

/** JUnit XML reports: any failure or error fails; no tests at all is inconclusive. */
export interface JunitSpec extends EvidenceBase {
  kind: "junit";
  /** A glob relative to the config's folder, such as reports/**\/*.xml. */
  files: string;
  /** Fewer tests than this (after skips) fail the gate; default 1. */
  minTests: number;
  /** Skipped tests above this share (0-1) warn; no limit when absent. */
  maxSkippedRatio?: number;
}

export type CoverageFormat = "lcov" | "cobertura" | "istanbul";

/** A coverage report: line coverage at or above the minimum passes. */
export interface CoverageSpec extends EvidenceBase {
  kind: "coverage";
  /** A glob relative to the config's folder; several files are merged. */
  files: string;
  /** The format; found from the file's content when absent. */
  format?: CoverageFormat;
  /** Lowest line coverage (0-100) that passes. */
  minLines: number;
  /** Line coverage at or above this but below minLines warns instead of failing. */
  warnBelow?: number;
  /** The most line coverage may fall below the last release's, in percentage points (a ratchet). */
  maxDrop?: number;
}

/** A shell command: exit 0 passes; the last lines of its output are kept. */
export interface CommandSpec extends EvidenceBase {
  kind: "command";
  run: string;
  /** The folder to run in, relative to the config's folder; the config's folder when absent. */
  cwd?: string;
  /** Exit codes that warn instead of failing. */
  warnExitCodes?: number[];
  /** Environment variables passed to the command besides the safe base (see commandEnvironment). */
  env?: string[];
}

/** A health endpoint probed several times. */
export interface HttpSpec extends EvidenceBase {
  kind: "http";
  url: string;
  /** The status that counts as healthy (default 200). */
  expect: number;
  samples: number;
  intervalMs: number;
  /** Share of samples (0-1) that must be healthy (default 0.99, as the seed's SLOs). */
  successRatio: number;
  /** A response slower than this (milliseconds) does not count as healthy. */
  maxLatencyMs: number;
  /** Headers to send; values may name environment variables as ${NAME}. */
  headers?: Record<string, string>;
}

/** Where a version is read from: a file, and optionally a pattern whose first group is the version. */
export interface VersionSource {
  path: string;
  pattern?: string;
}

/** Facts about files in the repository. */
export interface FileSpec extends EvidenceBase {
  kind: "file";
  /** The file that must exist, relative to the config's folder. */
  path?: string;
  /** Text the file must contain; {version} is replaced by the version read from `version`. */
  contains?: string;
  /** A regular expression the file must match; {version} is replaced (escaped) as in contains. */
  matches?: string;
  /** Where {version} comes from. */
  version?: VersionSource;
  /** Files whose versions must all agree (package.json, pyproject.toml, Cargo.toml, VERSION, or a pattern). */
  sameVersion?: VersionSource[];
}

/** The git hooks shipready runs (pre-push: preflight; commit-msg: lint-commits). */
export type HookName = "pre-push" | "commit-msg";

/** This clone's git hooks: each named hook runs shipready (its own script, current, or a hook manager's line). */
export interface HooksSpec extends EvidenceBase {
  kind: "hooks";
  /** The hooks that must be installed; both when absent. */
  installed: HookName[];
}

/** SARIF 2.1.0 logs from any scanner: findings at or above a severity fail (only new ones with `new`). */
export interface SarifSpec extends EvidenceBase {
  kind: "sarif";
  /** A glob relative to the config's folder; every log is read. */
  files: string;
  /** The lowest severity that fails (default high). */
  failOn: AlertSeverity;
  /** Count only findings absent at the last release (their fingerprints are recorded in history). */
  new: boolean;
}

/** One piece of evidence a gate is bound to, normalised from shipready.yml. */
export type EvidenceSpec =
  | GitHubActionsSpec
  | GitHubChecksSpec
  | GitHubSecuritySpec
  | GitHubBranchProtectionSpec
  | RepoKitSpec
  | JunitSpec
  | CoverageSpec
  | CommandSpec
  | HttpSpec
  | FileSpec
  | HooksSpec
  | SarifSpec;

export type EvidenceKind = EvidenceSpec["kind"];

/**
 * What the last release recorded, which ratchets (`new: true`, `maxGrowth`, `maxDrop`,
 * `maxRegression`) compare with: the history record of the release tag's commit, or the last record
 * made before the release (see ARCHITECTURE.md, "How the baseline is found").
 */
export interface Baseline {
  /** The last release tag on the history of the commit judged; null before the first release. */
  release: { tag: string; commit: string } | null;
  /** The record taken as the release's; null when there is none. */
  record: { at: string; commit: string | null } | null;
  /** Why there is no baseline, as the end of a sentence ("no release tag yet: the first release sets it"); null when there is one. */
  missing: string | null;
  /** The record's figures by figure key (empty without a record). */
  figures: Record<string, Record<string, number>>;
  /** The record's finding fingerprints by figure key (empty without a record). */
  findings: Record<string, string[]>;
}

/** What one piece of evidence says about a gate. */
export interface EvidenceResult {
  outcome: Outcome;
  provenance: Provenance;
  /** Extra lines a person may want (the command's last lines of output, failing test names). */
  details?: string[];
  /**
   * The numbers the evidence read (line coverage, findings by severity, sizes, benchmark figures, test
   * counts), by name: recorded in history with each run, and read back as the baseline at the last release.
   */
  figures?: Record<string, number>;
  /**
   * What identifies each finding (SARIF), recorded in history so a later run can tell the findings that
   * are new since the last release. Taken out of the result before anything shows it.
   */
  fingerprints?: string[];
}
