/**
 * What `metrics sync` reads from GitHub: the port the sync use case is given, and the records it
 * hands back (GitHub's answers cut down to what the metrics use). Lists come as pages, newest first,
 * so that the sync keeps each page as it arrives and stops where it left off last time.
 */
import { EvidenceError } from "../errors.js";
import type {
  GitHubDeploymentRecord,
  GitHubDeploymentStatusRecord,
  GitHubIssueRecord,
  GitHubRunRecord,
  GitHubTagRecord,
} from "./core/github-records.js";
import type { ChangeCommit } from "./types.js";

export type {
  GitHubDeploymentRecord,
  GitHubDeploymentStatusRecord,
  GitHubIssueRecord,
  GitHubRunRecord,
  GitHubTagRecord,
};

/** The rate limit ran out: the sync keeps what it got and says when to run again. */
export class RateLimitedError extends EvidenceError {
  constructor(
    message: string,
    fix: string,
    /** When the limit resets (ISO), when GitHub said. */
    readonly resetAt: string | null,
  ) {
    super(message, fix);
  }
}

/** GitHub, as the sync reads it. Every method fails with a message naming the repository. */
export interface GitHubFeeds {
  /** The repository's default branch and its page; an InputError naming it when it does not exist or the token cannot see it. */
  repository(repo: string): Promise<{ defaultBranch: string; webUrl: string }>;
  /** Deployments, newest first, a page at a time. */
  deployments(repo: string): AsyncIterable<GitHubDeploymentRecord[]>;
  /** A deployment's statuses, newest first. */
  deploymentStatuses(repo: string, id: number): Promise<GitHubDeploymentStatusRecord[]>;
  /** Completed runs of a workflow (a file name such as deploy.yml, or its name) on a branch, newest first. */
  workflowRuns(repo: string, workflow: string, branch: string): AsyncIterable<GitHubRunRecord[]>;
  /** Issues and pull requests carrying a label, open and closed, most recently updated first. */
  issues(repo: string, label: string | null): AsyncIterable<GitHubIssueRecord[]>;
  /** Tags, as GitHub lists them. */
  tags(repo: string): AsyncIterable<GitHubTagRecord[]>;
  /** When a commit was committed (ISO), or null when GitHub does not have it. */
  commitTime(repo: string, sha: string): Promise<string | null>;
  /** The commits reachable from `head` and not from `base`, oldest first, or why they are not known. */
  compare(repo: string, base: string, head: string): Promise<ChangeCommit[] | { problem: string }>;
  /** The numbers of the merged pull requests a commit came from (its merge, squash or rebase). */
  pullRequestsOf(repo: string, sha: string): Promise<number[]>;
  /** The author time of a pull request's first commit (ISO), or null when it has none. */
  pullRequestStart(repo: string, pull: number): Promise<string | null>;
  /**
   * The commit a branch points at and the names of the files at its top, or null when the
   * repository is empty.
   */
  topFiles(repo: string, branch: string): Promise<{ commit: string; files: string[] } | null>;
  /** A file's text on a ref (the default branch when null), or null when there is no such file. */
  file(repo: string, path: string, ref: string | null): Promise<string | null>;
  /** Requests made so far, and how many were answered 304 Not Modified. */
  stats(): { requests: number; notModified: number };
}
