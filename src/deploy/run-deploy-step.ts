import { ShipreadyError } from "../errors.js";
import { describeStep } from "./core/describe-step.js";
import { findStage } from "./core/plan-deploy.js";
import type { DeployStep } from "./core/plan-deploy.js";
import type { RunContext } from "./deploy-run-context.js";
import { flipFlag } from "./flip-flag.js";
import { runStepCommand } from "./run-step-command.js";
import type { StepOutcome } from "./types.js";
import { validateDeploy } from "./validate-deploy.js";
import { verifyAfterDeploy, type Verification } from "./verify-after-deploy.js";

export type WorkStep = Extract<DeployStep, { kind: "step" }>;

/** A step's outcome, and for `verify` what it found (the caller decides on the rollback). */
export interface StepRun {
  outcome: StepOutcome;
  verification?: Verification;
}

type Parts = Pick<StepOutcome, "status" | "exitCode" | "tail" | "detail" | "metrics">;

/**
 * Runs one step of a workflow or procedure under its time limit (its own timeout, else what is left
 * of the procedure's and the workflow's): a command, a flag flip, or a built-in (validate, verify).
 */
export async function runDeployStep(step: WorkStep, ctx: RunContext): Promise<StepRun> {
  const startedAt = ctx.ports.clock.now();
  const own = step.action?.kind === "command" ? step.action.timeoutMs : undefined;
  const limit = ctx.deadlines.limitFor(step.scopes, own);
  ctx.progress.onStepStart?.({
    name: step.name,
    runs: ctx.redact(describeStep(step, ctx.values, ctx.strategy.canary)),
  });
  let verification: Verification | undefined;
  let parts: Parts;
  const action = step.action;
  if (limit.ms <= 0) {
    parts = { status: "timed-out", detail: `not started: ${limit.by} had passed` };
  } else if (action === null) {
    parts = {
      status: "failed",
      detail: `nothing binds the step "${step.name}": add it under steps: in shipready.yml`,
    };
  } else if (action.kind === "command") {
    parts = await runStepCommand(
      action.run,
      { ...(action.cwd && { cwd: action.cwd }), timeoutMs: limit.ms },
      ctx,
    );
  } else if (action.kind === "flag") {
    parts = await flipFlag(action.flag, limit.ms, ctx);
  } else {
    parts = await withTimeLimit(limit.ms, ctx, async (signal) => {
      if (action.name === "validate") return validateDeploy(ctx, signal);
      verification = await verifyAfterDeploy(ctx, signal, startedAt);
      return verification.step;
    });
    if (action.name === "verify" && parts.status === "timed-out") {
      // Cut short by a timeout, the deploy is unverified: inconclusive, never a pass.
      verification = {
        stage: findStage(ctx.strategy, "post_release"),
        step: parts,
        result: {
          verdict: "inconclusive",
          metrics: [],
          reason: `the verification did not finish: ${limit.by} passed`,
        },
      };
    }
  }
  if (
    parts.status === "timed-out" &&
    limit.by !== "its own timeout" &&
    !parts.detail?.startsWith("not started")
  ) {
    parts.detail = `stopped: ${limit.by} passed`;
  }
  const outcome: StepOutcome = {
    name: step.name,
    status: parts.status,
    startedAt: startedAt.toISOString(),
    endedAt: ctx.ports.clock.now().toISOString(),
    ...(parts.exitCode !== undefined && { exitCode: parts.exitCode }),
    ...(parts.tail !== undefined && { tail: parts.tail }),
    ...(parts.metrics !== undefined && { metrics: parts.metrics }),
    ...(parts.detail !== undefined && { detail: ctx.redact(parts.detail) }),
  };
  ctx.progress.onStepEnd?.(outcome);
  return { outcome, ...(verification && { verification }) };
}

/**
 * Runs built-in work with a signal that aborts at the time limit or on interruption; what the abort
 * cut short is a timed-out or interrupted step, not an error.
 */
export async function withTimeLimit(
  ms: number,
  ctx: RunContext,
  work: (signal: AbortSignal) => Promise<Parts>,
): Promise<Parts> {
  // A timer of its own, not AbortSignal.timeout: that one does not keep the process alive while
  // the work waits on nothing but it.
  const limiter = new AbortController();
  const timeout = limiter.signal;
  const timer = setTimeout(() => limiter.abort(new Error("timeout")), Math.min(ms, 2 ** 31 - 1));
  const signal = AbortSignal.any([ctx.signal, timeout]);
  try {
    const parts = await work(signal);
    if (ctx.signal.aborted) return { ...parts, status: "interrupted", detail: "stopped: interrupted" };
    if (timeout.aborted) return { ...parts, status: "timed-out", detail: "stopped at its timeout" };
    return parts;
  } catch (error) {
    if (ctx.signal.aborted) return { status: "interrupted", detail: "stopped: interrupted" };
    if (timeout.aborted) return { status: "timed-out", detail: "stopped at its timeout" };
    if (error instanceof ShipreadyError) return { status: "failed", detail: error.message };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
