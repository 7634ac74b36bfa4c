import type { GitHubApi, WorkflowRunInfo } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import { workflowInfo, workflowRunInfo } from "./github-answers.js";
import type { Reading } from "./map-github-error.js";

/** GitHub Actions: a repository's workflows and their runs. */
export function githubActionsApi(
  client: GitHubClient,
): Pick<GitHubApi, "listWorkflows" | "listWorkflowRuns"> {
  const { octokit, reading } = client;
  return {
    listWorkflows(repo) {
      return reading({ what: "the workflows", repo, permission: "actions: read" }, async () => {
        const workflows = await octokit.paginate("GET /repos/{owner}/{repo}/actions/workflows", {
          owner: repo.owner,
          repo: repo.repo,
          per_page: 100,
        });
        return workflows.map(workflowInfo);
      });
    },

    listWorkflowRuns(repo, workflow, filter) {
      // GitHub takes a workflow by id or by file name, not by its path.
      const workflowId =
        typeof workflow === "number" ? workflow : workflow.slice(workflow.lastIndexOf("/") + 1);
      const what: Reading = {
        what: `the runs of workflow ${String(workflowId)}`,
        repo,
        permission: "actions: read",
        workflow: String(workflowId),
      };
      return reading(what, async () => {
        const limit = Math.max(0, Math.floor(filter.limit));
        if (limit === 0) return [];
        const runs: WorkflowRunInfo[] = [];
        const pages = octokit.paginate.iterator(
          "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
          {
            owner: repo.owner,
            repo: repo.repo,
            workflow_id: workflowId,
            per_page: Math.min(100, limit),
            ...(filter.branch !== undefined && { branch: filter.branch }),
            ...(filter.headSha !== undefined && { head_sha: filter.headSha }),
            ...(filter.event !== undefined && { event: filter.event }),
          },
        );
        // Only as many pages as the limit needs: the newest runs come first.
        for await (const page of pages) {
          runs.push(...page.data.map(workflowRunInfo));
          if (runs.length >= limit) break;
        }
        return runs.slice(0, limit);
      });
    },
  };
}
