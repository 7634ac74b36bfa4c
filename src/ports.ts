/** The interfaces inner code needs from the outside world. Adapters implement them; edges build them. */
import type { Redact } from "./shared/create-redactor.js";

export interface Clock {
  now(): Date;
}

/**
 * Why a file could not be read, set as `code` on the InputError Files throws, so a caller that knows
 * what the file is for (the checklist) can add advice of its own.
 */
export type FileFailure = "missing" | "folder" | "denied" | "binary" | "not-utf8" | "other";

export interface Files {
  /** Reads a UTF-8 text file; throws InputError saying what is wrong (missing, a folder, binary, not UTF-8). */
  readText(path: string): Promise<string>;
  /**
   * Reads a UTF-8 text file piece by piece, for files too large to hold (a SARIF log of 100 MB);
   * throws InputError as readText does when it cannot be opened.
   */
  readTextChunks(path: string): Promise<AsyncIterable<string>>;
  /** Reads a file's bytes whatever they are (a bundle whose compressed size is measured). */
  readBytes(path: string): Promise<Uint8Array>;
  /** The size of a file in bytes, without reading it; throws InputError saying what is wrong (missing, a folder, no permission). */
  size(path: string): Promise<number>;
  exists(path: string): Promise<boolean>;
  /** Writes atomically (temp file in the same folder, then rename; mode and symlink target kept), creating the folder. */
  writeAtomic(path: string, text: string): Promise<void>;
  /** True when the file exists and no one may write it (no write bit set: chmod a-w), whoever runs. */
  isReadOnly(path: string): Promise<boolean>;
  /** Removes a file; a file that is not there is no error. */
  remove(path: string): Promise<void>;
  /** Removes the temp files a killed writeAtomic left beside `path` (their writer is gone); returns their paths. */
  removeLeftTemporaries(path: string): Promise<string[]>;
  /** The names of the entries in a folder. */
  list(dir: string): Promise<string[]>;
  /** Absolute paths of the files matching a glob (relative to `cwd`), sorted; dot files included. */
  glob(pattern: string, cwd: string): Promise<string[]>;
  /** Runs `fn` holding an exclusive lock on `path`, so concurrent runs on one file take turns. */
  withLock<T>(path: string, fn: () => Promise<T>): Promise<T>;
}

export interface Git {
  /** The commit HEAD points at in the repository holding `dir`; null outside a repository. */
  headCommit(dir: string): Promise<string | null>;
  /** The top folder of the repository holding `dir`; null outside a repository. */
  topLevel(dir: string): Promise<string | null>;
  /** The URL of a remote (origin by default); null when there is none. */
  remoteUrl(dir: string, name?: string): Promise<string | null>;
}

/** What a finished (or stopped) shell command left behind. */
export interface CommandResult {
  /** null when the command was killed (timeout or abort). */
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal: string | null;
  timedOut: boolean;
  /** The last lines of stdout and stderr interleaved as they came, with secrets redacted. */
  tail: string[];
  durationMs: number;
}

export interface Shell {
  /**
   * Runs `command` through the system shell in `cwd` with exactly the environment `env` (nothing is
   * inherited). At the timeout or when `signal` aborts, the whole process group is killed (TERM,
   * then KILL). Never rejects for a failing command. Each line of output is passed through `redact`
   * as it is read, before anything keeps it.
   */
  run(
    command: string,
    options: {
      cwd: string;
      env: Readonly<Record<string, string>>;
      timeoutMs: number;
      signal?: AbortSignal;
      keepLines: number;
      redact?: Redact;
    },
  ): Promise<CommandResult>;
}

export interface HttpAnswer {
  status: number;
  /** Time to the response headers, in milliseconds. */
  latencyMs: number;
  /** Set when the probe chose not to follow where the server pointed (a redirect to another host). */
  note?: string;
}

/**
 * Why a probe got no answer, set as `code` on the EvidenceError Http.get throws, so a collector can
 * count failures by kind and stop at once on the ones that repeating cannot fix (address-refused,
 * bad-url, bad-request).
 */
export type ProbeFailure =
  | "address-refused"
  | "bad-url"
  | "bad-request"
  | "timeout"
  | "aborted"
  | "connection-refused"
  | "connection-reset"
  | "dns"
  | "tls"
  | "unreachable"
  | "protocol"
  | "other";

export interface Http {
  /**
   * One GET. Refuses link-local and cloud-metadata addresses (after DNS resolution), follows
   * redirects only on the same host, caps the body it reads, and throws EvidenceError when no
   * answer came (refused, timed out, aborted).
   */
  get(
    url: string,
    options: { timeoutMs: number; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<HttpAnswer>;
}

/** owner/name of a GitHub repository. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface WorkflowInfo {
  id: number;
  name: string;
  /** .github/workflows/ci.yml */
  path: string;
  state: string;
  htmlUrl: string;
}

export interface WorkflowRunInfo {
  id: number;
  workflowId: number;
  name: string;
  headBranch: string | null;
  headSha: string;
  event: string;
  /** queued, in_progress, completed, waiting, requested, pending */
  status: string | null;
  /** success, failure, cancelled, skipped, timed_out, action_required, neutral, stale, startup_failure; null while running */
  conclusion: string | null;
  htmlUrl: string;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string | null;
  /** The title GitHub shows for the run: the head commit's message or the pull request's title. */
  displayTitle: string;
}

export interface CheckInfo {
  /** A check run's name or a commit status's context. */
  name: string;
  source: "check-run" | "status";
  /** For check runs: queued/in_progress/completed; statuses map pending to in_progress. */
  status: string;
  /** success, failure, neutral, cancelled, skipped, timed_out, action_required, stale, error, pending; null while running */
  conclusion: string | null;
  url: string | null;
  completedAt: string | null;
}

export interface AlertInfo {
  number: number;
  severity: "low" | "medium" | "high" | "critical" | null;
  summary: string;
  url: string;
  createdAt: string;
}

/** Alerts of one feature, or why they could not be read. */
export type AlertList = { available: true; alerts: AlertInfo[] } | { available: false; reason: string };

/** What one mechanism (classic branch protection, or one ruleset) requires of a branch. */
export interface BranchRequirement {
  /** "branch protection", or "ruleset <name>". */
  source: string;
  /** Status checks (check-run names or status contexts) required before a merge. */
  checks: string[];
  /** Approving reviews required; null when the mechanism does not require a pull request. */
  reviews: number | null;
}

/**
 * What a branch requires before a merge, from classic branch protection and from the repository's
 * rulesets together. Branch protection needs Administration: read; rulesets need only read access.
 */
export interface BranchRequirements {
  requirements: BranchRequirement[];
  /** Why branch protection could not be read (the permission to grant); null when it was read. */
  protectionUnreadable: string | null;
}

/** One error GitHub found in the CODEOWNERS file. */
export interface CodeownersProblem {
  path: string;
  line: number;
  kind: string;
  message: string;
  suggestion: string | null;
}

export interface ReleaseInfo {
  id: number;
  tag: string;
  name: string | null;
  body: string | null;
  htmlUrl: string;
  draft: boolean;
  prerelease: boolean;
}

export interface CommentInfo {
  id: number;
  body: string;
  htmlUrl: string;
}

export interface NewRelease {
  tag: string;
  /** The commit the tag is made on when it does not exist yet on GitHub. */
  targetCommitish: string;
  name: string;
  body: string;
  prerelease: boolean;
}

/** A GitHub Deployment: a record that a commit went to an environment, shown on the environments page. */
export interface NewDeployment {
  /** The commit (or branch or tag) deployed. */
  ref: string;
  /** GitHub's environment name. */
  environment: string;
  /** "deploy", or "deploy:rollback" for a rollback. */
  task: string;
  /** At most 140 characters are shown. */
  description: string;
  /** Kept with the deployment for whoever reads it (shipready's record id and version). */
  payload: Record<string, unknown>;
}

export interface DeploymentInfo {
  id: number;
  /** The API URL of the deployment. */
  url: string;
  sha: string;
  environment: string;
}

/** A deployment's states, as GitHub names them. */
export type DeploymentState =
  "in_progress" | "queued" | "pending" | "success" | "failure" | "error" | "inactive";

export interface NewDeploymentStatus {
  state: DeploymentState;
  /** At most 140 characters. */
  description: string;
  /** Where the environment is reached (its URL); none when unknown. */
  environmentUrl?: string;
  /** Where the deploy's log is (the CI run); none when unknown. */
  logUrl?: string;
}

export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  htmlUrl: string;
  state: "open" | "closed";
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

/** The GitHub REST API as shipready uses it. Every method throws EvidenceError with a message naming the missing permission or setting. */
export interface GitHubApi {
  /** Where people see the repository (https://github.com/owner/name, or the GHES host). */
  webUrl(repo: RepoRef): string;
  defaultBranch(repo: RepoRef): Promise<string>;
  listWorkflows(repo: RepoRef): Promise<WorkflowInfo[]>;
  /** Runs of one workflow, newest first, at most `limit`. */
  listWorkflowRuns(
    repo: RepoRef,
    workflow: number | string,
    filter: { branch?: string; headSha?: string; event?: string; limit: number },
  ): Promise<WorkflowRunInfo[]>;
  /** Check runs and commit statuses on a ref (latest per name). */
  listChecks(repo: RepoRef, ref: string): Promise<CheckInfo[]>;
  /** Open Dependabot alerts; unavailable when the feature is off or the token may not read it. */
  listDependabotAlerts(repo: RepoRef): Promise<AlertList>;
  /** Open code scanning alerts; unavailable when the feature is off or the token may not read it. */
  listCodeScanningAlerts(repo: RepoRef): Promise<AlertList>;
  /** The release of a tag, or null when the tag has none (drafts included). */
  findRelease(repo: RepoRef, tag: string): Promise<ReleaseInfo | null>;
  /**
   * Creates the release of a tag. A release that already exists for the tag (made by an earlier try,
   * or by a retried request whose first answer was lost) is returned instead of a second one.
   */
  createRelease(repo: RepoRef, release: NewRelease): Promise<ReleaseInfo & { created: boolean }>;
  /** The first comment on an issue or pull request whose body holds `marker`, or null. */
  findComment(repo: RepoRef, issue: number, marker: string): Promise<CommentInfo | null>;
  /**
   * Comments on an issue or pull request. Sent once, never retried: a retry after a lost answer would
   * post the comment twice (upsertComment looks before trying again). A token that may not write
   * (a pull request from a fork) throws PermissionError.
   */
  createComment(repo: RepoRef, issue: number, body: string): Promise<CommentInfo>;
  updateComment(repo: RepoRef, commentId: number, body: string): Promise<CommentInfo>;
  /**
   * Creates a deployment of `ref` to an environment, asking for no merge and no status checks (shipready
   * has gated the release itself). Sent once: a retry after a lost answer would make two. A token that
   * may not write throws PermissionError naming deployments: write.
   */
  createDeployment(repo: RepoRef, deployment: NewDeployment): Promise<DeploymentInfo>;
  /** Adds a status to a deployment; a token that may not write throws PermissionError. */
  createDeploymentStatus(repo: RepoRef, deploymentId: number, status: NewDeploymentStatus): Promise<void>;
  /**
   * The first open issue whose body begins with `marker` (pull requests left out), looking through the
   * open issues carrying every one of `labels` (all open issues when none), newest first; null when none.
   */
  findOpenIssue(repo: RepoRef, marker: string, labels: string[]): Promise<IssueInfo | null>;
  /** Opens an issue; sent once (a retry could open two). A token that may not write throws PermissionError. */
  createIssue(repo: RepoRef, issue: NewIssue): Promise<IssueInfo>;
  /** Replaces an issue's title and body. */
  updateIssue(repo: RepoRef, issue: number, changes: { title: string; body: string }): Promise<IssueInfo>;
  /** The commit a branch points at, or null when there is no such branch. */
  branchHead(repo: RepoRef, branch: string): Promise<string | null>;
  /**
   * The blob SHA of each of `paths` (relative to the top folder) in `commit`'s tree; a path the commit
   * lacks is absent from the map.
   */
  blobsAt(repo: RepoRef, commit: string, paths: string[]): Promise<Map<string, string>>;
  /** A blob's bytes. */
  readBlob(repo: RepoRef, sha: string): Promise<Uint8Array>;
  /** Stores a file's bytes as a blob; returns its SHA. */
  createBlob(repo: RepoRef, content: Uint8Array): Promise<string>;
  /** A tree: `base` (a commit or tree SHA) with the given files replaced or added; returns its SHA. */
  createTree(
    repo: RepoRef,
    base: string,
    files: { path: string; mode: string; sha: string }[],
  ): Promise<string>;
  /** A commit with no author or committer named, so that GitHub signs it as the token's bot. */
  createCommit(
    repo: RepoRef,
    commit: { message: string; tree: string; parents: string[] },
  ): Promise<{ sha: string; verified: boolean }>;
  /**
   * Moves a branch to `sha`, only as a fast forward: false when the branch has moved meanwhile (GitHub's
   * 422 "not a fast forward"). A token that may not write throws PermissionError.
   */
  moveBranch(repo: RepoRef, branch: string, sha: string): Promise<boolean>;
  /** What `branch` requires before a merge, by branch protection and by rulesets. */
  branchRequirements(repo: RepoRef, branch: string): Promise<BranchRequirements>;
  /** The errors GitHub finds in the CODEOWNERS file of `ref` (the default branch when absent); null when there is no such file. */
  codeownersErrors(repo: RepoRef, ref?: string): Promise<CodeownersProblem[] | null>;
  /** Requests made so far, and how many were answered 304 Not Modified. */
  stats(): { requests: number; notModified: number };
  /** Releases what the client holds (its cache); later calls are not allowed. */
  close(): void;
}

/** What a remote holds under a ref: the object it names and, for an annotated tag, the commit it peels to. */
export interface RemoteRef {
  object: string;
  commit: string;
}

/**
 * Why a push was refused: the branch moved on the remote (a fetch and a rebase may cure it), no
 * permission, the remote refused it otherwise (a hook, branch protection), the remote cannot be
 * reached, or something else.
 */
export type PushRefusal = "moved" | "denied" | "refused" | "unreachable" | "other";

/**
 * How a rebase settles conflicts in files that can be merged without a human: paths (relative to the
 * top folder) whose lines are merged as a union, and paths where the commit being rebased wins.
 */
export interface RebaseSettlement {
  union: string[];
  /** Files derived from a run (a badge, a notification state): the newer run's copy is right. */
  mine: string[];
}

/** The git a release writes with: the working tree, commits, tags and the remote. */
export interface ReleaseGit {
  /** The branch HEAD is on; null when HEAD is detached. */
  currentBranch(dir: string): Promise<string | null>;
  /** Files with changes, staged or not, and untracked files, relative to the top folder. */
  changedFiles(dir: string): Promise<{ path: string; untracked: boolean }[]>;
  /** The commit a rev names; null when it names none. */
  resolveCommit(dir: string, rev: string): Promise<string | null>;
  /** A commit's parents, message and the files it changed. */
  describeCommit(
    dir: string,
    commit: string,
  ): Promise<{ parents: string[]; message: string; files: string[] }>;
  /** The commit a tag points to (peeled); null when there is no such tag. */
  tagCommit(dir: string, tag: string): Promise<string | null>;
  /**
   * Stages `files` (relative to the top folder) and commits exactly them; returns the new commit.
   * `purpose` names the files and what to do after a refusal, for the message (default: the release's).
   */
  commitFiles(
    dir: string,
    files: string[],
    message: string,
    purpose?: { what: string; fix: string },
  ): Promise<string>;
  /** Makes an annotated tag on `commit`. */
  createTag(dir: string, tag: string, commit: string, message: string): Promise<void>;
  /** What `remote` holds under each of `refs` (absent when it holds nothing there). */
  remoteRefs(dir: string, remote: string, refs: string[]): Promise<Map<string, RemoteRef>>;
  /**
   * Pushes refspecs in one atomic push: all land, or none. Throws InputError saying why when refused,
   * with `code` (a PushRefusal) and `detail` (git's own words) set on it for callers with advice of their own.
   */
  push(dir: string, remote: string, refspecs: string[]): Promise<void>;
  /** Fetches one branch of `remote`; returns the commit it is at there, or null when the remote has no such branch. */
  fetchBranch(dir: string, remote: string, branch: string): Promise<string | null>;
  /**
   * Rebases the commits of HEAD that `onto` lacks onto it. Conflicts only in files `settle` covers are
   * resolved as it says; on any other conflict the rebase is aborted, so the repository is as it was,
   * and the conflicting files are returned; never leaves a rebase in progress.
   */
  rebase(
    dir: string,
    onto: string,
    settle?: RebaseSettlement,
  ): Promise<{ rebased: true } | { rebased: false; conflicts: string[] }>;
  /**
   * A file as commit `rev` holds it: its blob id and text; null when the commit lacks it (or `rev`
   * names no commit). `path` is relative to the top folder.
   */
  fileAt(dir: string, rev: string, path: string): Promise<{ blob: string; text: string } | null>;
  /** Whether `ancestor` is `commit` or one of its ancestors (false when either is unknown here). */
  isAncestor(dir: string, ancestor: string, commit: string): Promise<boolean>;
}
