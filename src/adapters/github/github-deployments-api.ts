import { EvidenceError } from "../../errors.js";
import type { DeploymentInfo, GitHubApi, NewDeployment, NewDeploymentStatus, RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import { githubMessage, httpFailureOf } from "./github-http-failure.js";
import type { Reading } from "./map-github-error.js";

/** GitHub cuts a deployment's or a status's description at this many characters (and refuses longer). */
const MAX_DESCRIPTION = 140;

/** Deployments and their statuses: what GitHub's environments page shows. */
export function githubDeploymentsApi(
  client: GitHubClient,
): Pick<GitHubApi, "createDeployment" | "createDeploymentStatus"> {
  return {
    createDeployment: (repo, deployment) => createDeployment(client, repo, deployment),
    createDeploymentStatus: (repo, id, status) => createDeploymentStatus(client, repo, id, status),
  };
}

async function createDeployment(
  client: GitHubClient,
  repo: RepoRef,
  deployment: NewDeployment,
): Promise<DeploymentInfo> {
  const what: Reading = {
    what: `a deployment to ${deployment.environment}`,
    repo,
    permission: "deployments: write",
    verb: "create",
  };
  try {
    const { data, status } = await client.octokit.request("POST /repos/{owner}/{repo}/deployments", {
      owner: repo.owner,
      repo: repo.repo,
      ref: deployment.ref,
      task: deployment.task,
      environment: deployment.environment,
      description: cut(deployment.description),
      payload: deployment.payload,
      // shipready has gated the release already: GitHub is to record the deployment, not merge the
      // default branch into the ref or wait for the commit's statuses.
      auto_merge: false,
      required_contexts: [],
      // A retry after a lost answer would make a second deployment.
      request: { retries: 0 },
    });
    if (status !== 201 || !("id" in data)) {
      throw new EvidenceError(
        `GitHub did not create the deployment to ${deployment.environment} (${status}: ${"message" in data ? String(data.message) : "no deployment returned"})`,
        "Run again with --debug and report it if it persists.",
      );
    }
    // Deployment ids are typed as bigint for the far future; today's fit a number exactly.
    return { id: Number(data.id), url: data.url, sha: data.sha, environment: data.environment };
  } catch (error) {
    if (error instanceof EvidenceError) throw error;
    const failure = httpFailureOf(error);
    if (failure?.status === 422) {
      throw new EvidenceError(
        client.redact(
          `GitHub refused the deployment of ${deployment.ref.slice(0, 12)} to ${deployment.environment} (422: ${githubMessage(failure)})`,
        ),
        "Push the commit (or tag) being deployed to GitHub first; a deployment names a commit GitHub has.",
      );
    }
    throw client.writeFailure(error, what);
  }
}

async function createDeploymentStatus(
  client: GitHubClient,
  repo: RepoRef,
  deploymentId: number,
  status: NewDeploymentStatus,
): Promise<void> {
  const what: Reading = {
    what: `the status of deployment ${deploymentId}`,
    repo,
    permission: "deployments: write",
    verb: "create",
  };
  await client.writing(what, () =>
    client.octokit.request("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", {
      owner: repo.owner,
      repo: repo.repo,
      deployment_id: deploymentId,
      state: status.state,
      description: cut(status.description),
      ...(status.environmentUrl !== undefined && { environment_url: status.environmentUrl }),
      ...(status.logUrl !== undefined && { log_url: status.logUrl }),
      // An earlier deployment of the environment is marked inactive by this one's success.
      auto_inactive: true,
    }),
  );
}

/** Whole code points, at most MAX_DESCRIPTION characters, one line. */
function cut(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= MAX_DESCRIPTION) return flat;
  let kept = "";
  for (const point of flat) {
    if (kept.length + point.length > MAX_DESCRIPTION - 1) break;
    kept += point;
  }
  return `${kept}…`;
}
