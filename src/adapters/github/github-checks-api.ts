import type { GitHubApi, RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import type { GitHubOctokit } from "./create-octokit.js";
import { checkRunInfo, statusInfo, type CombinedStatusPage, type TimedCheck } from "./github-answers.js";
import type { Reading } from "./map-github-error.js";

/** What a commit's checks say: check runs and commit statuses, as one list. */
export function githubChecksApi(client: GitHubClient): Pick<GitHubApi, "listChecks"> {
  const { octokit, reading } = client;
  return {
    listChecks(repo, ref) {
      const what: Reading = {
        what: `the checks of ${ref}`,
        repo,
        permission: "checks: read and statuses: read",
      };
      return reading(what, async () => {
        const [checkRuns, statuses] = await Promise.all([
          octokit.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
            owner: repo.owner,
            repo: repo.repo,
            ref,
            per_page: 100,
          }),
          readCombinedStatuses(octokit, repo, ref),
        ]);
        // The latest per name, whichever system reported it.
        const latest = new Map<string, TimedCheck>();
        for (const check of [...checkRuns.map(checkRunInfo), ...statuses.map(statusInfo)]) {
          const seen = latest.get(check.name);
          if (!seen || check.at > seen.at) latest.set(check.name, check);
        }
        return [...latest.values()].map(({ at: _at, ...check }) => check);
      });
    },
  };
}

/** The combined status lists one status per context; its body is an object, so it is paged by hand. */
async function readCombinedStatuses(octokit: GitHubOctokit, repo: RepoRef, ref: string) {
  const statuses: CombinedStatusPage["statuses"] = [];
  const first = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/status", {
    owner: repo.owner,
    repo: repo.repo,
    ref,
    per_page: 100,
  });
  statuses.push(...first.data.statuses);
  let next = nextLink(first.headers.link);
  while (next) {
    const page = await octokit.request({ method: "GET", url: next });
    statuses.push(...(page.data as CombinedStatusPage).statuses);
    next = nextLink(page.headers.link);
  }
  return statuses;
}

function nextLink(link: string | undefined): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? "")?.[1];
}
