import { summarizeCi } from "../readiness/core/summarize-ci.js";
import type { CiSnapshot, CiSnapshotSettings, CiWorkflow } from "../readiness/types.js";
import type { Finding } from "../types.js";
import type { Clock, GitHubApi, RepoRef } from "../ports.js";

/**
 * Reads what the CI snapshot shows from GitHub Actions: the active workflows (or the configured
 * ones) and each one's recent runs on the branch, all workflows at once.
 */
export async function readCiSnapshot(
  settings: CiSnapshotSettings,
  github: { api: GitHubApi; repo: RepoRef },
  clock: Clock,
): Promise<{ snapshot: CiSnapshot; findings: Finding[] }> {
  const { api, repo } = github;
  const web = api.webUrl(repo);
  const branch = settings.branch ?? (await api.defaultBranch(repo));
  const all = await api.listWorkflows(repo);
  const findings: Finding[] = [];
  const fileOf = (path: string) => path.split("/").pop() ?? path;
  let chosen = all.filter((w) => w.state === "active");
  if (settings.workflows !== null) {
    chosen = [];
    for (const wanted of settings.workflows) {
      const key = wanted.toLowerCase();
      const found = all.find((w) => fileOf(w.path).toLowerCase() === key || w.name.toLowerCase() === key);
      if (found) chosen.push(found);
      else {
        findings.push({
          code: "unknown-workflow",
          message: `ciSnapshot.workflows names ${JSON.stringify(wanted)}, which is not a workflow of ${repo.owner}/${repo.repo}; write a file name (ci.yml) or a name GitHub shows`,
        });
      }
    }
  }
  const workflows: CiWorkflow[] = await Promise.all(
    chosen.map(async (workflow) => {
      const runs = await api.listWorkflowRuns(repo, workflow.id, { branch, limit: settings.runs });
      return {
        name: workflow.name,
        url: `${web}/actions/workflows/${encodeURIComponent(fileOf(workflow.path))}`,
        runs: runs.map((run) => ({
          conclusion: run.status === "completed" ? run.conclusion : null,
          status: run.status,
          url: run.htmlUrl,
          startedAt: run.runStartedAt ?? run.createdAt,
          updatedAt: run.updatedAt,
          ...(run.displayTitle ? { title: run.displayTitle } : {}),
        })),
      };
    }),
  );
  const snapshot = summarizeCi({
    repo: `${repo.owner}/${repo.repo}`,
    branch,
    actionsUrl: `${web}/actions`,
    observedAt: clock.now().toISOString(),
    workflows,
  });
  return { snapshot, findings };
}
