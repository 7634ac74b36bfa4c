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
  | HooksSpec;

export type EvidenceKind = EvidenceSpec["kind"];

/** What one piece of evidence says about a gate. */
export interface EvidenceResult {
  outcome: Outcome;
  provenance: Provenance;
  /** Extra lines a person may want (the command's last lines of output, failing test names). */
  details?: string[];
}
