import type { ShipreadyConfig } from "../config/types.js";
import type { RunPorts } from "../delivery/ports.js";
import { ShipreadyError } from "../errors.js";
import type { GitHubApi, RepoRef } from "../ports.js";
import { createDeployEvents, type DeployListener } from "../deploy/create-deploy-events.js";
import type { IncidentChanges } from "../deploy/core/render-incident-issue.js";
import type { DeployEvents, DeployRecords } from "../deploy/ports.js";
import type { IncidentSettings } from "../deploy/types.js";
import { secretsOfEnvironment } from "../shared/find-secrets.js";
import { createSecretKeeper } from "../shared/secret-keeper.js";
import type { Redact } from "../shared/create-redactor.js";

export interface OpenDeployEventsInput {
  config: ShipreadyConfig;
  /** The folder the command runs in: the repository whose commits and remote are read. */
  cwd: string;
  ports: RunPorts;
  /** How messages name shipready.yml (its path relative to cwd); null when there is none. */
  configLabel: string | null;
  signal?: AbortSignal;
  /** The deploy records, where a manual rollback finds the GitHub deployment of the deploy it undoes. */
  records?: Pick<DeployRecords, "list">;
  /** Told each listener that failed or could not start, redacted, in one line: the deploy goes on. */
  onWarning(message: string): void;
}

/** As shipready.yml's incident: block is when it writes none. */
const DEFAULT_INCIDENT: IncidentSettings = { github: true, labels: ["incident"], notify: true };

/**
 * What a deploy, verify or rollback tells the world, built from shipready.yml and the environment:
 * GitHub's deployment and its statuses and the incident issue when a GitHub token is found (the
 * token needs deployments: write and issues: write), and Slack and the webhook when incident.notify
 * is on and notify: has a target. Nothing here stops a deploy: a listener that cannot start is a
 * warning, and one that fails later is a warning too.
 */
export async function openDeployEvents(input: OpenDeployEventsInput): Promise<DeployEvents> {
  const { config, ports } = input;
  const redact = (ports.secrets ?? createSecretKeeper(secretsOfEnvironment(ports.env))).redact;
  const environments = config.strategy?.environments ?? [];
  const incident = config.strategy?.incident ?? DEFAULT_INCIDENT;
  const listeners: DeployListener[] = [];
  const github = await openGitHubQuietly(input, redact);
  if (github) {
    const { githubDeploymentListener } = await import("../deploy/github-deployment-listener.js");
    listeners.push(
      githubDeploymentListener({ github, environments, ...(input.records && { records: input.records }) }),
    );
    if (incident.github) {
      const { incidentIssueListener } = await import("../deploy/incident-issue-listener.js");
      listeners.push(
        incidentIssueListener({
          github,
          labels: incident.labels,
          environments,
          changes: (range) => readChanges(input, range),
          clock: ports.clock,
          redact,
        }),
      );
    }
  }
  if (incident.notify && ports.notifier) {
    const targets = await notifyTargets(input, redact);
    if (targets.length > 0) {
      const { deployNotifyListener } = await import("../delivery/notify-deploy.js");
      listeners.push(
        deployNotifyListener({
          targets,
          notifier: ports.notifier,
          environments,
          clock: ports.clock,
          ...(input.signal ? { signal: input.signal } : {}),
        }),
      );
    }
  }
  return createDeployEvents({ listeners, redact, onWarning: input.onWarning });
}

/**
 * GitHub when a token and a repository are found, else null. Inside GitHub Actions a missing token
 * is worth a warning (the workflow forgot to pass GITHUB_TOKEN); on a laptop it is not.
 */
async function openGitHubQuietly(
  input: OpenDeployEventsInput,
  redact: Redact,
): Promise<{ api: GitHubApi; repo: RepoRef } | null> {
  try {
    return await input.ports.openGitHub(
      input.config.github,
      input.cwd,
      "GitHub deployments and the incident issue need GitHub",
    );
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    if (input.ports.env.GITHUB_ACTIONS === "true") {
      input.onWarning(
        redact(
          `no GitHub deployment or incident issue: ${error.message}${error.fix ? `. ${error.fix}` : ""}`,
        ),
      );
    }
    return null;
  }
}

async function notifyTargets(input: OpenDeployEventsInput, redact: Redact) {
  const { resolveNotifyTargets } = await import("../delivery/resolve-notify-targets.js");
  try {
    return resolveNotifyTargets(input.config.notify, input.ports.env, input.configLabel, {
      name: "deploy notifications (incident.notify)",
      optional: true,
    });
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    input.onWarning(redact(`no deploy notifications: ${error.message}${error.fix ? `. ${error.fix}` : ""}`));
    return [];
  }
}

/** The commits of a range with their changelog entries, as `shipready changelog --from --to` reads them. */
async function readChanges(
  input: OpenDeployEventsInput,
  range: { from: string; to: string },
): Promise<IncidentChanges> {
  const [{ planRelease }, { findLastReleaseTag, readCommits }] = await Promise.all([
    import("../release/plan-release.js"),
    import("../adapters/git/git-history.js"),
  ]);
  const { ports, config } = input;
  const plan = await planRelease(
    { cwd: input.cwd, from: range.from, to: range.to, ...(config.file ? { config: config.file } : {}) },
    {
      files: ports.files,
      git: ports.git,
      clock: ports.clock,
      history: { readCommits, findLastReleaseTag },
    },
  );
  return { entries: plan.entries, others: plan.others };
}
