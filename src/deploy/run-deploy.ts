import { InputError } from "../errors.js";
import { shortSha } from "../shared/short-sha.js";
import { deployRecordId } from "./core/deploy-record-id.js";
import { findResumePoint } from "./core/find-resume-point.js";
import { planDeploy, planRollbackSteps, type DeployPlan } from "./core/plan-deploy.js";
import type { RunContext } from "./deploy-run-context.js";
import { checkMetricSources } from "./check-metric-sources.js";
import { identifyDeploy } from "./identify-deploy.js";
import { openRun } from "./open-run.js";
import { resolveEnvironment, type DeploySite } from "./resolve-environment.js";
import { runCanaryStep, setWeight, type CanaryState } from "./run-canary-step.js";
import { runDeployStep } from "./run-deploy-step.js";
import { findTrigger, noteRollback, planLines, runRollbackSteps } from "./run-rollback-steps.js";
import type { DeployRequest, DeployRunPorts, RunReport } from "./run-types.js";
import type { DeployRecord, StageSpec, Verdict } from "./types.js";

/**
 * `shipready deploy`: runs the release workflow for the commit at HEAD in one environment, step by
 * step under their timeouts (validate, the deploy commands, the canary when there is one, verify),
 * one deploy per environment at a time. A failed verification fires validation_failure, whose
 * rollback starts at once. Every step's outcome is put on the deploy's record as it ends, so an
 * interrupted deploy says which step was running, and `--resume` goes on from there.
 */
export async function runDeploy(request: DeployRequest, ports: DeployRunPorts): Promise<RunReport> {
  const site = resolveEnvironment(request.config, request.environment);
  const plan = planDeploy(site.strategy);
  await checkMetricSources(site, plan, ports, request.signal);
  const before = await ports.records.list({ environment: site.environment });
  const { record, from } = request.resume
    ? await findDeployToResume(site, plan, before, ports)
    : { record: await newDeployRecord(site, request, before, ports), from: 0 };
  const values = {
    version: record.version,
    previous: record.previous?.version ?? null,
    commit: record.commit,
    env: site.environment,
    previousCommit: record.previous?.commit ?? null,
  };
  const run = await openRun(site, record, values, request, ports);
  try {
    await checkNothingRanMeanwhile(site, before, ports);
    await runWorkflow(run.ctx, plan, from);
    return { record: run.ctx.recorder.record, warnings: run.warnings, tookOverFrom: run.tookOverFrom };
  } finally {
    await run.release();
  }
}

/** The record of a new deploy: what it deploys and what it replaces, running from now. */
async function newDeployRecord(
  site: DeploySite,
  request: DeployRequest,
  records: readonly DeployRecord[],
  ports: DeployRunPorts,
): Promise<DeployRecord> {
  const identity = await identifyDeploy(site.config, site.environment, request.version, records, ports);
  const startedAt = ports.clock.now();
  return {
    v: 1,
    id: deployRecordId(site.environment, startedAt, identity.commit),
    kind: "deploy",
    environment: site.environment,
    version: identity.version,
    commit: identity.commit,
    previous: identity.previous,
    startedAt: startedAt.toISOString(),
    endedAt: null,
    outcome: "running",
    steps: [],
    metrics: [],
    actor: request.actor,
    ...(request.runUrl !== undefined && { runUrl: request.runUrl }),
  };
}

/** The last deploy of the environment and its first unfinished step, when it may go on; else why not. */
async function findDeployToResume(
  site: DeploySite,
  plan: DeployPlan,
  records: readonly DeployRecord[],
  ports: DeployRunPorts,
): Promise<{ record: DeployRecord; from: number }> {
  const last = [...records].reverse().find((r) => r.kind === "deploy");
  if (last === undefined) {
    throw new InputError(
      `there is no deploy of ${site.environment} to resume; nothing was run`,
      "Run shipready deploy without --resume.",
    );
  }
  const point = findResumePoint(last, plan.steps);
  if (!point.resumable) {
    throw new InputError(
      `the last deploy of ${site.environment} (${last.id}) cannot be resumed: ${point.why}; nothing was run`,
      "Run shipready deploy without --resume to deploy anew.",
    );
  }
  const head = await ports.deployGit.head(site.config.root);
  if (last.commit !== null && head !== last.commit) {
    throw new InputError(
      `HEAD has moved since the deploy to resume (${last.id} deployed ${shortSha(last.commit)}, HEAD is ${head ? shortSha(head) : "no commit"}); nothing was run`,
      `Check out ${shortSha(last.commit)} to resume it, or deploy HEAD anew without --resume.`,
    );
  }
  const record: DeployRecord = {
    ...structuredClone(last),
    outcome: "running",
    endedAt: null,
    steps: last.steps.slice(0, point.from),
  };
  return { record, from: point.from };
}

/** Another deploy that ran between reading the records and taking the lock makes this one's view stale. */
async function checkNothingRanMeanwhile(
  site: DeploySite,
  before: readonly DeployRecord[],
  ports: DeployRunPorts,
): Promise<void> {
  const now = await ports.records.list({ environment: site.environment });
  if (now.at(-1)?.id !== before.at(-1)?.id || now.at(-1)?.outcome !== before.at(-1)?.outcome) {
    throw new InputError(
      `another deploy of ${site.environment} ran while this one was starting; nothing was run`,
      "Run it again: it will see what the other one did.",
    );
  }
}

/** The workflow from step `from`: each step's outcome recorded as it ends, until one decides the deploy. */
async function runWorkflow(ctx: RunContext, plan: DeployPlan, from: number): Promise<void> {
  const { recorder } = ctx;
  const record = recorder.record;
  await recorder.save();
  ctx.progress.onStart?.(record, planLines(plan.steps.slice(from), ctx));
  await recorder.emit("started");
  const canary: CanaryState = { weight: null, fullyPromoted: false };
  try {
    for (const step of plan.steps.slice(from)) {
      const ran =
        step.kind === "step"
          ? await runDeployStep(step, ctx)
          : { outcome: await runCanaryStep(step, canary, plan.workflow, ctx) };
      const outcome = ran.outcome;
      record.steps.push(outcome);
      if (outcome.metrics && ("verification" in ran || step.kind === "canary"))
        record.metrics.push(...outcome.metrics);
      if (outcome.status === "interrupted") return await finish(ctx, "interrupted", "interrupted");
      const verification = "verification" in ran ? ran.verification : undefined;
      if (verification?.result) {
        const verdict = verification.result.verdict;
        if (verdict === "pass") {
          await recorder.save();
          continue;
        }
        if (verdict === "inconclusive" && verification.stage.inconclusive === "pass-with-warning") {
          outcome.status = "succeeded";
          ctx.warn(
            `verification inconclusive, passed by the ${verification.stage.name} stage's policy: ${verification.result.reason}`,
          );
          await recorder.save();
          continue;
        }
        return await verificationFailed(ctx, verdict, verification.result.reason, verification.stage);
      }
      if (outcome.status === "succeeded" || outcome.status === "skipped") {
        await recorder.save();
        continue;
      }
      if (step.kind === "canary" && step.step.kind === "analysis" && outcome.status === "failed") {
        return await abortCanary(ctx, canary, plan, outcome.detail ?? "the canary analysis failed");
      }
      return await finish(ctx, "failed", "failed");
    }
    await finish(ctx, "succeeded", "succeeded");
  } catch (error) {
    // A fault in shipready itself must not leave the record saying "running".
    record.outcome = "failed";
    record.endedAt = ctx.ports.clock.now().toISOString();
    await recorder.settle().catch(() => undefined);
    throw error;
  }
}

/**
 * A failed verification (or an inconclusive one the stage rolls back on): told at once, without
 * waiting for the listeners, and the rollback's first step starts straight after.
 */
async function verificationFailed(
  ctx: RunContext,
  verdict: Verdict,
  reason: string,
  stage: StageSpec,
): Promise<void> {
  const record = ctx.recorder.record;
  const trigger = findTrigger(ctx.strategy.triggers, "validation_failure");
  const rollsBack =
    trigger.action === "rollback" &&
    stage.rollback &&
    (verdict === "fail" || stage.inconclusive === "rollback");
  record.outcome = verdict === "inconclusive" && !rollsBack ? "inconclusive" : "failed";
  ctx.recorder.emitSoon("verification-failed");
  if (!rollsBack) return finish(ctx, record.outcome, null);
  await rollBack(
    ctx,
    trigger,
    `verification ${verdict === "fail" ? "failed" : "was inconclusive"}: ${reason}`,
    stage,
  );
}

/** A canary whose analysis failed: its weight back to 0, then the rollback. */
async function abortCanary(
  ctx: RunContext,
  canary: CanaryState,
  plan: DeployPlan,
  reason: string,
): Promise<void> {
  const record = ctx.recorder.record;
  ctx.recorder.emitSoon("verification-failed");
  const started = ctx.ports.clock.now();
  const parts = await setWeight(0, plan.workflow.timeoutMs, canary, ctx);
  record.steps.push({
    name: "canary.abort",
    status: parts.status,
    startedAt: started.toISOString(),
    endedAt: ctx.ports.clock.now().toISOString(),
    ...(parts.exitCode !== undefined && { exitCode: parts.exitCode }),
    ...(parts.tail !== undefined && { tail: parts.tail }),
    detail: ctx.redact(parts.detail ?? "canary weight set to 0"),
  });
  const trigger = findTrigger(ctx.strategy.triggers, "validation_failure");
  const stage = { name: "release", procedures: [] as string[] };
  await rollBack(ctx, trigger, `canary analysis failed: ${reason}`, stage);
}

/** Runs the rollback on the deploy's own record, and ends the deploy as rolled back, or not. */
async function rollBack(
  ctx: RunContext,
  trigger: { name: string; timeoutMs?: number },
  reason: string,
  stage: Pick<StageSpec, "procedures">,
): Promise<void> {
  const steps = planRollbackSteps(ctx.strategy, stage);
  ctx.progress.onRollback?.(trigger.name, reason, planLines(steps, ctx));
  ctx.recorder.emitSoon("rollback-started");
  const end =
    steps.length > 0
      ? await runRollbackSteps(steps, trigger, ctx)
      : ({ outcome: "failed", failedStep: "(none)", interrupted: false } as const);
  if (steps.length === 0)
    ctx.warn("the strategy names no rollback procedure or rollback_workflow, so nothing was rolled back");
  noteRollback(ctx.recorder.record, end, trigger.name, reason);
  if (end.outcome === "succeeded") return finish(ctx, "rolled-back", "rolled-back");
  return end.interrupted
    ? finish(ctx, "interrupted", "interrupted")
    : finish(ctx, "rollback-failed", "rollback-failed");
}

/** The end of the deploy: its outcome and end time on the record, told, and put a last time. */
async function finish(
  ctx: RunContext,
  outcome: DeployRecord["outcome"],
  event: "succeeded" | "failed" | "rolled-back" | "rollback-failed" | "interrupted" | null,
): Promise<void> {
  const record = ctx.recorder.record;
  record.outcome = outcome;
  record.endedAt = ctx.ports.clock.now().toISOString();
  if (event !== null) ctx.recorder.emitSoon(event);
  await ctx.recorder.settle();
}
