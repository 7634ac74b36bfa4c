import type { GitHubApi } from "../../ports.js";
import { createGitHubClient, type GitHubApiOptions } from "./create-github-client.js";
import { githubActionsApi } from "./github-actions-api.js";
import { githubBranchRulesApi } from "./github-branch-rules-api.js";
import { githubChecksApi } from "./github-checks-api.js";
import { githubCodeownersApi } from "./github-codeowners-api.js";
import { githubCommentsApi } from "./github-comments-api.js";
import { githubContentsApi } from "./github-contents-api.js";
import { githubDeploymentsApi } from "./github-deployments-api.js";
import { githubIssuesApi } from "./github-issues-api.js";
import { githubReleasesApi } from "./github-releases-api.js";
import { githubRepositoryApi } from "./github-repository-api.js";
import { githubSecurityApi } from "./github-security-api.js";

export type { GitHubApiOptions } from "./create-github-client.js";

/** The GitHub REST API as shipready uses it, plus closing the cache it opened itself. */
export interface GitHubRestApi extends GitHubApi {
  /** Closes a cache this client opened from a path (one it was handed stays open). */
  close(): void;
}

/**
 * Builds the client: @octokit/core with throttling, retries and pagination, over a fetch that caches
 * by ETag. A client is one run's view of GitHub: it asks for each URL once and answers repeats from
 * memory, so binding many gates to one workflow costs one request. Build a new client to see changes.
 */
export function createGitHubApi(options: GitHubApiOptions): GitHubRestApi {
  // One client under every area, so that they share its cache, its retries and its counters.
  const client = createGitHubClient(options);
  return {
    ...githubRepositoryApi(client),
    ...githubActionsApi(client),
    ...githubChecksApi(client),
    ...githubSecurityApi(client),
    ...githubReleasesApi(client),
    ...githubCommentsApi(client),
    ...githubContentsApi(client),
    ...githubDeploymentsApi(client),
    ...githubIssuesApi(client),
    ...githubBranchRulesApi(client),
    ...githubCodeownersApi(client),
    stats() {
      return client.stats();
    },
    close() {
      client.close();
    },
  };
}
