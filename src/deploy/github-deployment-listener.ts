import type { DeploymentState, GitHubApi, NewDeploymentStatus, RepoRef } from "../ports.js";
import type { DeployListener, DeployLinks } from "./create-deploy-events.js";
import {
  displayVersion,
  failedMetrics,
  firstStoppedStep,
  rollbackEnds,
  rollbackStepsOf,
} from "./core/describe-deploy.js";
import type { DeployEventType, DeployRecords } from "./ports.js";
import type { DeployRecord, EnvironmentSpec } from "./types.js";

export interface GitHubDeploymentOptions {
  github: { api: GitHubApi; repo: RepoRef };
  /** The strategy's environments: their GitHub names and URLs. */
  environments: readonly EnvironmentSpec[];
  /** The deploy records kept: a manual rollback finds the deployment of the deploy it undoes there. */
  records?: Pick<DeployRecords, "list">;
}

/**
 * Keeps GitHub's environments page true: a deploy is a GitHub Deployment of its commit, in_progress
 * while it runs, then success, or failure when verification or the rollback fails. A rollback is a
 * deployment of the version it restores (task deploy:rollback), and the deploy it undid turns
 * inactive. Verifications and watches make no deployment of their own.
 */
export function githubDeploymentListener(options: GitHubDeploymentOptions): DeployListener {
  const { api, repo } = options.github;
  /** Per record: its deployment, and the one of its rollback, as far as this run knows them. */
  const deployments = new Map<string, number>();
  const rollbacks = new Map<string, number>();

  const target = (record: DeployRecord) => {
    const spec = options.environments.find((e) => e.name === record.environment);
    return {
      environment: spec?.githubEnvironment ?? record.environment,
      url: spec?.url,
    };
  };
  const status = async (id: number, record: DeployRecord, state: DeploymentState, description: string) => {
    const { url } = target(record);
    const body: NewDeploymentStatus = {
      state,
      description,
      ...(url !== undefined && { environmentUrl: url }),
      ...(record.runUrl !== undefined && { logUrl: record.runUrl }),
    };
    await api.createDeploymentStatus(repo, id, body);
  };
  const link = (id: number, record: DeployRecord): DeployLinks => ({
    githubDeployment: {
      id,
      url: `${api.webUrl(repo)}/deployments/${encodeURIComponent(target(record).environment)}`,
    },
  });
  const deploymentOf = (record: DeployRecord): number | undefined =>
    record.kind === "rollback" ? undefined : (deployments.get(record.id) ?? record.githubDeployment?.id);
  /** The deployment of the deploy a manual rollback undoes, from its record. */
  const undoneOf = async (record: DeployRecord): Promise<number | undefined> => {
    const of = record.rollback?.of;
    if (record.kind !== "rollback" || of === undefined || !options.records) return undefined;
    const kept = await options.records.list({ environment: record.environment });
    return kept.find((r) => r.id === of)?.githubDeployment?.id;
  };

  async function started(record: DeployRecord): Promise<DeployLinks | void> {
    if (record.kind !== "deploy" || record.commit === null) return;
    const version = displayVersion(record.version, record.commit);
    let id = deploymentOf(record);
    if (id === undefined) {
      const made = await api.createDeployment(repo, {
        ref: record.commit,
        environment: target(record).environment,
        task: "deploy",
        description: `shipready: ${version}`,
        payload: payloadOf(record),
      });
      id = made.id;
    }
    deployments.set(record.id, id);
    await status(id, record, "in_progress", `Deploying ${version}`);
    return link(id, record);
  }

  async function rollbackStarted(record: DeployRecord): Promise<DeployLinks | void> {
    const { from, to } = rollbackEnds(record);
    if (to?.commit == null) return;
    const made = await api.createDeployment(repo, {
      ref: to.commit,
      environment: target(record).environment,
      task: "deploy:rollback",
      description: `shipready: roll back ${displayVersion(from.version, from.commit)} to ${displayVersion(to.version, to.commit)}`,
      payload: payloadOf(record),
    });
    rollbacks.set(record.id, made.id);
    await status(made.id, record, "in_progress", `Rolling back to ${displayVersion(to.version, to.commit)}`);
    // A rollback record's deployment is the rollback's; a deploy keeps its own.
    return record.kind === "rollback" ? link(made.id, record) : undefined;
  }

  return {
    name: "the GitHub deployment",
    async handle(type: DeployEventType, record: DeployRecord) {
      const ends = rollbackEnds(record);
      const version = displayVersion(ends.from.version, ends.from.commit);
      const to = ends.to ? displayVersion(ends.to.version, ends.to.commit) : null;
      const own = deploymentOf(record);
      const rollback = rollbacks.get(record.id);
      switch (type) {
        case "started":
          return started(record);
        case "succeeded":
          if (own !== undefined) await status(own, record, "success", `Deployed ${version}; verified`);
          return;
        case "failed": {
          const step = firstStoppedStep(record.steps);
          if (own !== undefined)
            await status(own, record, "failure", `Deploy failed${step ? ` at ${step.name}` : ""}`);
          return;
        }
        case "verification-failed":
          if (own !== undefined)
            await status(own, record, "failure", `Verification failed: ${whyFailed(record)}`);
          return;
        case "rollback-started":
          return rollbackStarted(record);
        case "rolled-back": {
          const undone = own ?? (await undoneOf(record));
          if (undone !== undefined)
            await status(undone, record, "inactive", `Rolled back${to ? ` to ${to}` : ""}`);
          if (rollback !== undefined) await status(rollback, record, "success", `Rolled back ${version}`);
          return;
        }
        case "rollback-failed": {
          const step = record.rollback?.failedStep ?? firstStoppedStep(rollbackStepsOf(record))?.name;
          const text = `Rollback failed${step ? ` at ${step}` : ""}; check the service`;
          if (rollback !== undefined) await status(rollback, record, "failure", text);
          if (own !== undefined) await status(own, record, "failure", text);
          return;
        }
        case "interrupted":
          for (const id of [rollback, own]) {
            if (id !== undefined)
              await status(id, record, "error", "Interrupted; the service is as the last step left it");
          }
          return;
      }
    },
  };
}

/** What GitHub keeps with the deployment: where it came from in shipready. */
function payloadOf(record: DeployRecord): Record<string, unknown> {
  return {
    shipready: {
      record: record.id,
      version: record.version,
      previous: record.previous?.version ?? null,
      ...(record.rollback?.of !== undefined && { rollbackOf: record.rollback.of }),
    },
  };
}

/** The failed metrics' names, or the rollback's reason. */
function whyFailed(record: DeployRecord): string {
  const failed = failedMetrics(record);
  if (failed.length > 0) return failed.map((m) => `${m.name} ${m.verdict}`).join(", ");
  return record.rollback?.reason ?? "see the deploy's log";
}
