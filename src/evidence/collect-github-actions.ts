import type { GitHubApi, RepoRef, WorkflowRunInfo } from "../ports.js";
import type { EvidenceResult, GitHubActionsSpec } from "./types.js";
import type { Outcome } from "../types.js";
import type { EvidenceContext } from "./evidence-context.js";
import { describeDuration } from "./describe-duration.js";
import { requireGitHub } from "./require-github.js";

/**
 * The latest run of a workflow (on a branch, for a commit, by event): success passes, failure fails,
 * a run still going is pending, a run older than maxAge is stale and so inconclusive.
 */
export async function collectGitHubActions(
  spec: GitHubActionsSpec,
  context: EvidenceContext,
): Promise<EvidenceResult> {
  const { api, repo } = requireGitHub(context);
  const web = api.webUrl(repo);
  const result = (outcome: Outcome, source: string, observedAt: string | null, message?: string) => ({
    outcome,
    provenance: { kind: "github-actions", source, observedAt, ...(message ? { message } : {}) },
  });
  const now = context.clock.now();

  let sha: string | undefined;
  if (spec.sha === "HEAD") {
    if (context.headSha === null) {
      return result(
        "inconclusive",
        `${web}/actions`,
        now.toISOString(),
        "sha: HEAD needs a git repository, and this run is not inside one; run shipready in the repository, or write the commit's SHA",
      );
    }
    sha = context.headSha;
  } else if (spec.sha !== undefined) {
    sha = spec.sha;
  }
  const workflow = await findWorkflow(api, repo, spec.workflow);
  if (typeof workflow === "string")
    return result("inconclusive", `${web}/actions`, now.toISOString(), workflow);
  const branch = spec.branch ?? (sha === undefined ? await api.defaultBranch(repo) : undefined);
  // The API filters by exact head_sha only; a short SHA is matched against the newest runs instead.
  const exact = sha !== undefined && sha.length === 40 ? sha : undefined;
  const runs = await api.listWorkflowRuns(repo, workflow.id, {
    ...(branch !== undefined && { branch }),
    ...(exact !== undefined && { headSha: exact }),
    ...(spec.event !== undefined && { event: spec.event }),
    limit: exact === undefined && sha !== undefined ? 100 : 1,
  });
  const run = sha === undefined ? runs[0] : runs.find((r) => r.headSha.startsWith(sha.toLowerCase()));
  const where = [
    branch !== undefined ? `on ${branch}` : "",
    sha !== undefined ? `for commit ${sha.slice(0, 7)}` : "",
    spec.event !== undefined ? `triggered by ${spec.event}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  if (run === undefined) {
    if (sha !== undefined) {
      return result(
        "pending",
        workflow.url,
        now.toISOString(),
        `${workflow.name} has not run ${where} yet; push the commit or start the workflow, then run again`,
      );
    }
    return result(
      "inconclusive",
      workflow.url,
      now.toISOString(),
      `${workflow.name} has no runs ${where}; start it, or check branch: and event:`,
    );
  }
  const outcome = outcomeOfRun(run);
  const label = `${workflow.name} run #${run.id}`;
  if (outcome === "pending") {
    return result(
      "pending",
      run.htmlUrl,
      run.updatedAt,
      `${label} ${where} is ${run.status ?? "not finished"}; wait for it to finish`,
    );
  }
  if (spec.maxAgeMs !== undefined) {
    const age = now.getTime() - Date.parse(run.updatedAt);
    if (age > spec.maxAgeMs) {
      return result(
        "inconclusive",
        run.htmlUrl,
        run.updatedAt,
        `${label} ${where} finished ${describeDuration(age)} ago, older than maxAge (${describeDuration(spec.maxAgeMs)}): stale; run the workflow again`,
      );
    }
  }
  const conclusion = run.conclusion ?? "unknown";
  const messages: Partial<Record<Outcome, string>> = {
    fail: `${label} ${where} ended in ${conclusion}; fix it and re-run the workflow`,
    warn: `${label} ${where} ended ${conclusion}; look at the run`,
    inconclusive: `${label} ${where} was ${conclusion}, so it says nothing; re-run the workflow`,
  };
  return result(outcome, run.htmlUrl, run.updatedAt, messages[outcome]);
}

function outcomeOfRun(run: WorkflowRunInfo): Outcome {
  if (run.status !== "completed" || run.conclusion === null) return "pending";
  switch (run.conclusion) {
    case "success":
      return "pass";
    case "failure":
    case "timed_out":
    case "startup_failure":
      return "fail";
    case "action_required":
      return "pending";
    case "neutral":
      return "warn";
    default:
      // cancelled, skipped, stale: the run gave no verdict on the code.
      return "inconclusive";
  }
}

/** The workflow by file name (ci.yml, .github/workflows/ci.yml) or by the name GitHub shows; a message when absent. */
async function findWorkflow(
  api: GitHubApi,
  repo: RepoRef,
  wanted: string,
): Promise<{ id: number; name: string; url: string } | string> {
  const workflows = await api.listWorkflows(repo);
  const file = wanted.split("/").pop()!.toLowerCase();
  const found =
    workflows.find((w) => w.path.split("/").pop()!.toLowerCase() === file) ??
    workflows.find((w) => w.name.toLowerCase() === wanted.toLowerCase());
  if (found) return { id: found.id, name: found.name, url: found.htmlUrl };
  const known = workflows.map((w) => `${w.path.split("/").pop()} (${w.name})`).slice(0, 10);
  return `no workflow ${JSON.stringify(wanted)} in ${repo.owner}/${repo.repo}${known.length ? `; it has ${known.join(", ")}` : "; it has no workflows"}. Write the workflow's file name or name`;
}
