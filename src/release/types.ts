/** The release vocabulary: its settings, and what cutting a release is asked, does and reports. */
import type { Blocker } from "../readiness/types.js";
import type { Finding } from "../types.js";

export interface ReleaseSettings {
  /** How release tags are written; {version} stands for the version. */
  tagPattern: string;
  /** What a breaking change bumps while the major version is 0. */
  preMajor: "minor" | "major";
  /** The changelog's layout and commit reading: release-please's, or the conventionalcommits preset's. */
  changelogFormat: "release-please" | "conventional-changelog";
  /** List every commit type in the changelog, not only what users notice. */
  showAll: boolean;
  /** Commits that are not conventional: listed under Other Changes, or only counted. */
  others: "list" | "drop";
  /** The commit types lint-commits accepts. */
  commitTypes: string[];
  /** Files `release` writes the new version into (absolute paths); null: package.json and VERSION, those that exist. */
  versionFiles: VersionFile[] | null;
  /** The changelog `release` prepends to (absolute path). */
  changelogFile: string;
  /** The release commit's message; {version} stands for the version. */
  commitMessage: string;
  /** Push the release commit and tag. */
  push: boolean;
  /** The remote releases are pushed to. */
  remote: string;
  /** Create a GitHub Release; null: when the repository is on GitHub. */
  githubRelease: boolean | null;
}

/** A file a release writes its version into: read as readVersion reads it, or through a pattern or a marker. */
export interface VersionFile {
  /** Absolute path. */
  path: string;
  /** A regular expression whose first group is the version. */
  pattern?: string;
  /** Text marking the lines that hold the version. */
  marker?: string;
}

export interface ReleaseOptions {
  /** The folder the command runs in; the repository holding it is released. */
  cwd: string;
  config?: string;
  /** The checklist whose verdict gates the release; from shipready.yml or found when absent. */
  checklist?: string;
  /** Pre-release id (rc, beta). */
  pre?: string;
  /** Release even when not ready; the reason is recorded in the tag and the release notes. */
  force?: string;
  /** List every step with what it would read and change; change nothing. */
  dryRun?: boolean;
  /** Overrides release.push. */
  push?: boolean;
  /** Overrides release.githubRelease. */
  githubRelease?: boolean;
  /** In a release-please repository: release only this package (its path or component). */
  package?: string;
  signal?: AbortSignal;
}

export type StepName =
  "readiness" | "version-files" | "changelog" | "commit" | "tag" | "push" | "github-release";

/**
 * done: this run did it. already-done: an earlier run (or the user) did it. skipped: not wanted or
 * not possible here (the summary says why). planned: what a dry run would do. refused: the release
 * stops here (not ready).
 */
export type StepState = "done" | "already-done" | "skipped" | "planned" | "refused";

export interface ReleaseStep {
  name: StepName;
  state: StepState;
  /** One line: what was (or would be) done, or why not. */
  summary: string;
  /** What the step reads and what it changes, for a dry run. */
  reads: string[];
  changes: string[];
}

export interface ReleaseReport {
  version: string | null;
  tag: string | null;
  previousTag: string | null;
  /** The commit the tag is (or would be) on; null before it exists in a dry run. */
  releaseCommit: string | null;
  /** The commit whose readiness was checked: the one released, or the parent of a release commit. */
  checkedCommit: string;
  readiness: ReleaseReadiness | null;
  /** Why the release went out though it was not ready (--force). */
  override: string | null;
  /** True when the release stopped because the commit is not ready (exit 1). */
  refused: boolean;
  /** Nothing to release: no commit since the last release asks for one. */
  nothingToRelease: boolean;
  dryRun: boolean;
  notes: string;
  releaseUrl: string | null;
  /** In a release-please monorepo: each package released in this run (the first is also version and tag above). */
  packages?: {
    package: string;
    version: string;
    tag: string;
    previousTag: string | null;
    releaseUrl: string | null;
  }[];
  steps: ReleaseStep[];
  warnings: Finding[];
}

/** Told what is being released, then each step as it ends. */
export interface ReleaseProgress {
  onPlan?: (report: ReleaseReport) => void;
  onStep?: (step: ReleaseStep) => void;
}

export interface ReleaseReadiness {
  ready: boolean;
  score: number;
  band: string;
  threshold: number;
  checklist: string;
  blockers: Blocker[];
  /** Set when readiness could not be checked at all (allowed only with --force). */
  problem?: string;
}
