import type { GitHubApi } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";

/** The repository itself: where people see it, and its default branch. */
export function githubRepositoryApi(client: GitHubClient): Pick<GitHubApi, "webUrl" | "defaultBranch"> {
  const { octokit, webUrl, reading } = client;
  return {
    webUrl(repo) {
      return `${webUrl}/${repo.owner}/${repo.repo}`;
    },

    defaultBranch(repo) {
      return reading(
        { what: "the repository", repo, permission: "read access to the repository (metadata: read)" },
        async () => {
          const { data } = await octokit.request("GET /repos/{owner}/{repo}", {
            owner: repo.owner,
            repo: repo.repo,
          });
          return data.default_branch;
        },
      );
    },
  };
}
