import { findResumePoint } from "./core/find-resume-point.js";
import { findStage, planDeploy, planRollbackSteps } from "./core/plan-deploy.js";
import { describeStep } from "./core/describe-step.js";
import { identifyDeploy } from "./identify-deploy.js";
import { deploySecrets, resolveEnvironment, type DeploySite } from "./resolve-environment.js";
import { chooseRollbackTarget } from "./run-rollback.js";
import type {
  DeployDryRun,
  DeployRequest,
  DeployRunPorts,
  PlannedLine,
  RollbackRequest,
} from "./run-types.js";
import type { DeployStep } from "./core/plan-deploy.js";
import type { StepValues } from "./core/render-step-command.js";

function lines(
  steps: readonly DeployStep[],
  values: StepValues,
  site: DeploySite,
  ports: DeployRunPorts,
): PlannedLine[] {
  const { redact } = deploySecrets(site, ports.env, ports.secrets);
  return steps.map((s) => ({ name: s.name, runs: redact(describeStep(s, values, site.strategy.canary)) }));
}

/** `deploy --dry-run`: what would be deployed and every step with what it would run; it reads, and runs nothing. */
export async function planDeployRun(request: DeployRequest, ports: DeployRunPorts): Promise<DeployDryRun> {
  const site = resolveEnvironment(request.config, request.environment);
  const plan = planDeploy(site.strategy);
  const records = await ports.records.list({ environment: site.environment });
  let from = 0;
  let resumes: DeployDryRun["resumes"];
  let identity;
  const last = request.resume ? [...records].reverse().find((r) => r.kind === "deploy") : undefined;
  if (last) {
    const point = findResumePoint(last, plan.steps);
    if (point.resumable) {
      from = point.from;
      resumes = { id: last.id, from: plan.steps[from]!.name };
    }
    identity = { version: last.version, commit: last.commit, previous: last.previous };
  } else {
    identity = await identifyDeploy(site.config, site.environment, request.version, records, ports);
  }
  const values: StepValues = {
    version: identity.version,
    previous: identity.previous?.version ?? null,
    commit: identity.commit,
    env: site.environment,
  };
  const rollback = planRollbackSteps(site.strategy, findStage(site.strategy, "post_release"));
  return {
    kind: "deploy",
    environment: site.environment,
    ...identity,
    steps: lines(plan.steps.slice(from), values, site, ports),
    rollback: lines(rollback, values, site, ports),
    ...(resumes && { resumes }),
  };
}

/** `rollback --dry-run`: what would be rolled back to and the steps; it reads, and runs nothing. */
export async function planRollbackRun(
  request: RollbackRequest,
  ports: DeployRunPorts,
): Promise<DeployDryRun> {
  const site = resolveEnvironment(request.config, request.environment);
  const records = await ports.records.list({ environment: site.environment });
  const target = await chooseRollbackTarget(site, request.to, records, ports);
  const values: StepValues = {
    version: target.from.version,
    previous: target.to.version,
    commit: target.from.commit,
    env: site.environment,
  };
  const steps = planRollbackSteps(site.strategy, findStage(site.strategy, "post_release"));
  return {
    kind: "rollback",
    environment: site.environment,
    version: target.to.version,
    commit: target.to.commit,
    previous: { version: target.from.version, commit: target.from.commit },
    steps: lines(steps, values, site, ports),
    rollback: [],
  };
}
