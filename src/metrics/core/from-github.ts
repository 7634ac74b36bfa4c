/** GitHub's deployments, workflow runs, issues and tags, as the metrics' events. */
import type {
  GitHubDeploymentRecord,
  GitHubDeploymentStatusRecord,
  GitHubIssueRecord,
  GitHubRunRecord,
} from "./github-records.js";
import type { DeployEvent, DeployStatus, IncidentEvent } from "../types.js";
import { findCauseInText, parseCause, type CauseRef } from "./parse-cause.js";

const FULL_SHA = /^[0-9a-f]{40}$/i;

/**
 * A deployment with its statuses (any order) as a deploy. The latest status decides: success is a
 * success (and stays one when it later turns inactive, as an older deployment does when a newer one
 * succeeds); failure and error are failures; queued, pending and in progress are running; inactive
 * without an earlier success never went out; no status at all is running.
 */
export function deployFromDeployment(
  repo: string,
  deployment: GitHubDeploymentRecord,
  statuses: readonly GitHubDeploymentStatusRecord[],
): DeployEvent {
  const ordered = [...statuses].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
  const latest = ordered[0] ?? null;
  let status: DeployStatus = "running";
  let decided = latest;
  if (latest !== null) {
    switch (latest.state) {
      case "success":
        status = "success";
        break;
      case "failure":
      case "error":
        status = "failure";
        break;
      case "inactive": {
        const success = ordered.find((s) => s.state === "success");
        if (success) {
          status = "success";
          decided = success;
        } else {
          status = "aborted";
        }
        break;
      }
      default:
        status = "running";
    }
  }
  const reason = decided?.description.trim() ? decided.description.trim() : null;
  return {
    repo,
    source: "github-deployment",
    sourceId: String(deployment.id),
    environment: deployment.environment,
    version: deployment.ref === deployment.sha || FULL_SHA.test(deployment.ref) ? null : deployment.ref,
    commit: deployment.sha,
    startedAt: deployment.createdAt,
    finishedAt: decided?.createdAt ?? deployment.createdAt,
    status,
    statusReason: status === "aborted" && reason === null ? "made inactive before it succeeded" : reason,
    rework: null,
    fixes: null,
    changes: null,
    url: decided?.url ?? latest?.url ?? null,
  };
}

/** Whether a deployment's status may still change: it has none yet, or is queued, pending or in progress. */
export function isSettled(event: DeployEvent): boolean {
  return event.status !== "running";
}

/**
 * A completed run of a deploy workflow as a deploy of `environment`: success went out; failure and
 * timed out failed; cancelled, skipped and a failure to start never went out. Other conclusions
 * (neutral, action required, stale) say nothing about a deploy: null.
 */
export function deployFromRun(
  repo: string,
  workflow: string,
  run: GitHubRunRecord,
  environment: string,
): DeployEvent | null {
  const status = RUN_STATUS[run.conclusion ?? ""];
  if (run.status !== "completed" || status === undefined) return null;
  return {
    repo,
    source: "workflow-run",
    sourceId: String(run.id),
    environment,
    version: null,
    commit: run.headSha,
    startedAt: run.runStartedAt ?? run.createdAt,
    finishedAt: run.updatedAt,
    status,
    statusReason: status === "success" ? null : `the ${workflow} run ended ${run.conclusion}`,
    rework: null,
    fixes: null,
    changes: null,
    url: run.htmlUrl,
  };
}

const RUN_STATUS: Record<string, DeployStatus> = {
  success: "success",
  failure: "failure",
  timed_out: "failure",
  cancelled: "aborted",
  skipped: "aborted",
  startup_failure: "aborted",
};

/**
 * An issue carrying an incident label as an incident: opened when the issue was, resolved when it
 * was closed. The deploy that caused it is read from a `Caused-by:` line of its body or title, else
 * from the first link in its body to a commit or a release. Pull requests are not incidents: null.
 */
export function incidentFromIssue(repo: string, issue: GitHubIssueRecord): IncidentEvent | null {
  if (issue.pullRequest) return null;
  const cause = findCauseInText(issue.body) ?? findCauseInText(issue.title) ?? linkedCause(issue.body);
  return {
    repo,
    source: "github-issue",
    sourceId: String(issue.number),
    environment: null,
    openedAt: issue.createdAt,
    resolvedAt: issue.closedAt,
    causeVersion: cause?.version ?? null,
    causeCommit: cause?.commit ?? null,
    causeDeployId: cause?.deployId ?? null,
    title: issue.title,
    url: issue.htmlUrl,
  };
}

const LINK = /https?:\/\/[^\s<>()"']+/g;

/** The first link in a text to a commit or a release tag. */
function linkedCause(text: string): CauseRef | null {
  for (const [link] of text.matchAll(LINK)) {
    if (!/\/(?:commits?|releases\/tag)\//.test(link)) continue;
    const cause = parseCause(link);
    if (cause) return cause;
  }
  return null;
}

/** A release tag as a deploy, for a repository with no other deploy source: it went out when its commit was made. */
export function deployFromTag(
  repo: string,
  tag: { name: string; sha: string },
  at: string,
  environment: string,
  webUrl: string,
): DeployEvent {
  return {
    repo,
    source: "tag",
    sourceId: tag.name,
    environment,
    version: tag.name,
    commit: tag.sha,
    startedAt: null,
    finishedAt: at,
    status: "success",
    statusReason: null,
    rework: null,
    fixes: null,
    changes: null,
    url: `${webUrl}/releases/tag/${encodeURIComponent(tag.name)}`,
  };
}
