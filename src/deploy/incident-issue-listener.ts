import type { Clock, GitHubApi, IssueInfo, RepoRef } from "../ports.js";
import { ShipreadyError } from "../errors.js";
import type { Redact } from "../shared/create-redactor.js";
import type { DeployListener } from "./create-deploy-events.js";
import { rollbackEnds } from "./core/describe-deploy.js";
import {
  renderIncidentComment,
  renderIncidentIssue,
  type IncidentChanges,
  type IncidentInput,
} from "./core/render-incident-issue.js";
import type { DeployRecord, EnvironmentSpec } from "./types.js";

export interface IncidentIssueOptions {
  github: { api: GitHubApi; repo: RepoRef };
  /** incident.labels in shipready.yml. */
  labels: readonly string[];
  environments: readonly EnvironmentSpec[];
  /**
   * The commits between two (from exclusive, to inclusive) with their changelog entries, read from the
   * repository's history; throws a ShipreadyError when they cannot be read (a shallow clone).
   */
  changes(range: { from: string; to: string }): Promise<IncidentChanges>;
  clock: Clock;
  /** The run's redactor: the issue's title and body pass through it last. */
  redact: Redact;
}

/**
 * Opens the incident issue when a rollback ends (rolled back, or the rollback itself failed), or, when
 * an open issue for the same environment and version exists (a re-run), rewrites it and comments on it
 * instead of opening another. It is found by the hidden marker its body begins with.
 */
export function incidentIssueListener(options: IncidentIssueOptions): DeployListener {
  const { api, repo } = options.github;
  const labels = [...options.labels];
  return {
    name: "the incident issue",
    async handle(type, record) {
      if (type !== "rolled-back" && type !== "rollback-failed") return;
      const input: IncidentInput = {
        record: { ...record, outcome: type },
        environment: options.environments.find((e) => e.name === record.environment),
        changes: await changesOf(record, options),
        repositoryUrl: api.webUrl(repo),
        at: options.clock.now().toISOString(),
      };
      const issue = renderIncidentIssue(input);
      const title = options.redact(issue.title);
      const body = options.redact(issue.body);
      const open = await findOpen(api, repo, issue.marker, labels);
      let kept: IssueInfo;
      if (open) {
        kept = await api.updateIssue(repo, open.number, { title, body });
        await api.createComment(repo, open.number, options.redact(renderIncidentComment(input)));
      } else {
        kept = await api.createIssue(repo, { title, body, labels });
      }
      return { incident: { url: kept.htmlUrl, number: kept.number } };
    },
  };
}

/**
 * The open incident with this marker: among the issues with the configured labels first, then among
 * all open issues (a label someone removed, or one GitHub dropped for a token that may not add it).
 */
async function findOpen(
  api: GitHubApi,
  repo: RepoRef,
  marker: string,
  labels: string[],
): Promise<IssueInfo | null> {
  const labelled = await api.findOpenIssue(repo, marker, labels);
  if (labelled || labels.length === 0) return labelled;
  return api.findOpenIssue(repo, marker, []);
}

async function changesOf(
  record: DeployRecord,
  options: IncidentIssueOptions,
): Promise<IncidentInput["changes"]> {
  // The changes rolled back: from the version restored to the one rolled back.
  const ends = rollbackEnds(record);
  const from = ends.to?.commit;
  const to = ends.from.commit;
  if (!from || !to) return null;
  if (from === to) return { entries: [], others: [] };
  try {
    return await options.changes({ from, to });
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    return { error: `${error.message}${error.fix ? `. ${error.fix}` : ""}` };
  }
}
