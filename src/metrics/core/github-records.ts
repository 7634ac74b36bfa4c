/** GitHub's answers cut down to what the delivery metrics read (see GitHubFeeds in ../github-feeds.ts). */

export interface GitHubDeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  createdAt: string;
}

export interface GitHubDeploymentStatusRecord {
  /** error, failure, inactive, pending, success, queued, in_progress */
  state: string;
  description: string;
  createdAt: string;
  /** The log or target URL, else the environment URL; null when none. */
  url: string | null;
}

export interface GitHubRunRecord {
  id: number;
  headSha: string;
  headBranch: string | null;
  /** completed, in_progress, ... */
  status: string | null;
  /** success, failure, cancelled, ...; null while running. */
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string | null;
  htmlUrl: string;
}

export interface GitHubIssueRecord {
  number: number;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: string[];
  htmlUrl: string;
  /** The issues list returns pull requests too. */
  pullRequest: boolean;
}

export interface GitHubTagRecord {
  name: string;
  sha: string;
}
