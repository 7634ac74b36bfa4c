import type { AlertInfo, AlertList, GitHubApi, RepoRef } from "../../ports.js";
import { unavailableReason, type AlertFeature } from "./alert-unavailable-reason.js";
import type { GitHubClient } from "./create-github-client.js";
import { codeScanningAlertInfo, dependabotAlertInfo } from "./github-answers.js";
import type { Reading } from "./map-github-error.js";

/** Security alerts: Dependabot's and code scanning's, each unavailable rather than failing when it is off. */
export function githubSecurityApi(
  client: GitHubClient,
): Pick<GitHubApi, "listDependabotAlerts" | "listCodeScanningAlerts"> {
  const { octokit } = client;
  return {
    listDependabotAlerts(repo) {
      return alerts(client, repo, "dependabot", async () => {
        // Dependabot pages by cursor; the paginator follows the Link header either way.
        const found = await octokit.paginate("GET /repos/{owner}/{repo}/dependabot/alerts", openAlerts(repo));
        return found.map(dependabotAlertInfo);
      });
    },

    listCodeScanningAlerts(repo) {
      return alerts(client, repo, "code-scanning", async () => {
        const found = await octokit.paginate(
          "GET /repos/{owner}/{repo}/code-scanning/alerts",
          openAlerts(repo),
        );
        return found.map(codeScanningAlertInfo);
      });
    },
  };
}

/** A feature that is off, or that the token may not see, is an answer about the repository, not a failure. */
async function alerts(
  client: GitHubClient,
  repo: RepoRef,
  feature: AlertFeature,
  work: () => Promise<AlertInfo[]>,
): Promise<AlertList> {
  const what: Reading = { repo, ...ALERT_READINGS[feature] };
  try {
    return { available: true, alerts: await work() };
  } catch (error) {
    const reason = unavailableReason(error, feature, what);
    if (reason !== null) return { available: false, reason: client.redact(reason) };
    throw client.failure(error, what);
  }
}

const ALERT_READINGS: Record<AlertFeature, Omit<Reading, "repo">> = {
  dependabot: {
    what: "the Dependabot alerts",
    permission:
      "Dependabot alerts: read (vulnerability-alerts: read in a workflow's permissions, Dependabot alerts for a fine-grained token or GitHub App, the security_events scope for a classic token)",
  },
  "code-scanning": {
    what: "the code scanning alerts",
    permission:
      "code scanning alerts: read (security-events: read in a workflow's permissions, Code scanning alerts for a fine-grained token or GitHub App, the security_events scope for a classic token)",
  },
};

/** Both alert lists are read open only, a full page at a time. */
function openAlerts(repo: RepoRef) {
  return { owner: repo.owner, repo: repo.repo, state: "open", per_page: 100 } as const;
}
