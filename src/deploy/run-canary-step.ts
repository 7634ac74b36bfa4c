import { describeDuration } from "../evidence/describe-duration.js";
import { describeStep } from "./core/describe-step.js";
import { overallVerdict } from "./core/judge-check.js";
import { findStage, type DeployStep } from "./core/plan-deploy.js";
import type { RunContext } from "./deploy-run-context.js";
import { promotionFile, readPromotion } from "./promotion-file.js";
import { withTimeLimit } from "./run-deploy-step.js";
import { runStepCommand } from "./run-step-command.js";
import { measure } from "./verify-after-deploy.js";
import type { CanaryStep, StepOutcome } from "./types.js";

/** How often a pause looks for `shipready promote`. */
const PROMOTION_POLL_MS = 250;

export type CanaryWork = Extract<DeployStep, { kind: "canary" | "promote" }>;

/** Where the canary stands: the weight last set, and whether a full promotion skips the remaining pauses. */
export interface CanaryState {
  weight: number | null;
  fullyPromoted: boolean;
}

type Parts = Pick<StepOutcome, "status" | "exitCode" | "tail" | "detail" | "metrics">;

/**
 * One canary step, in the manner of Argo Rollouts: setWeight runs the canary command with
 * {{weight}}; pause waits its duration, or until `shipready promote`; analysis verifies the named
 * metrics (a failed one aborts the canary); promote gives the new version all the traffic.
 */
export async function runCanaryStep(
  step: CanaryWork,
  state: CanaryState,
  workflow: { name: string; timeoutMs: number },
  ctx: RunContext,
): Promise<StepOutcome> {
  const startedAt = ctx.ports.clock.now();
  ctx.progress.onStepStart?.({
    name: step.name,
    runs: ctx.redact(describeStep(step, ctx.values, ctx.strategy.canary)),
  });
  const limit = ctx.deadlines.limitFor([workflow], undefined);
  const parts: Parts =
    step.kind === "promote"
      ? state.weight === 100
        ? { status: "skipped", detail: "the canary already takes all the traffic" }
        : await setWeight(100, limit.ms, state, ctx)
      : await runCanary(step.step, limit.ms, state, ctx, startedAt);
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
  return outcome;
}

async function runCanary(
  step: CanaryStep,
  limitMs: number,
  state: CanaryState,
  ctx: RunContext,
  startedAt: Date,
): Promise<Parts> {
  switch (step.kind) {
    case "setWeight":
      return setWeight(step.weight, limitMs, state, ctx);
    case "pause":
      if (state.fullyPromoted) return { status: "skipped", detail: "skipped: promoted with --full" };
      return pause(step.durationMs, state, ctx);
    case "analysis":
      return withTimeLimit(limitMs, ctx, (signal) => analyse(step, ctx, signal, startedAt));
  }
}

/** Sets the canary's share of traffic with the team's command. */
export async function setWeight(
  weight: number,
  limitMs: number,
  state: CanaryState,
  ctx: RunContext,
): Promise<Parts> {
  if (limitMs <= 0) return { status: "timed-out", detail: "not started: the workflow's timeout had passed" };
  const setter = ctx.strategy.canary?.setWeight ?? "";
  const parts = await runStepCommand(setter, { timeoutMs: limitMs, values: { ...ctx.values, weight } }, ctx);
  if (parts.status === "succeeded") state.weight = weight;
  return parts;
}

/**
 * Waits the pause's duration, or without one until `shipready promote`; a promotion ends any pause
 * early (with --full, every pause after it too). The time waited does not count against the
 * workflow's timeout: waiting for a person is not work.
 */
async function pause(durationMs: number | undefined, state: CanaryState, ctx: RunContext): Promise<Parts> {
  const file = promotionFile(ctx.strategy, ctx.environment);
  const { timer, files } = ctx.ports;
  const start = timer.now().getTime();
  try {
    for (;;) {
      const promotion = await readPromotion(files, file);
      if (promotion !== null) {
        await files.remove(file);
        if (promotion.recordId === ctx.recorder.record.id) {
          state.fullyPromoted ||= promotion.full;
          const waited = timer.now().getTime() - start;
          return {
            status: "succeeded",
            detail: `promoted${promotion.full ? " (full)" : ""}${promotion.by ? ` by ${promotion.by}` : ""} after ${describeDuration(waited)}`,
          };
        }
      }
      const waited = timer.now().getTime() - start;
      if (durationMs !== undefined && waited >= durationMs) {
        return { status: "succeeded", detail: `waited ${describeDuration(durationMs)}` };
      }
      const next =
        durationMs === undefined ? PROMOTION_POLL_MS : Math.min(PROMOTION_POLL_MS, durationMs - waited);
      await timer.sleep(next, ctx.signal);
    }
  } catch (error) {
    if (ctx.signal.aborted) return { status: "interrupted", detail: "stopped: interrupted while paused" };
    throw error;
  } finally {
    ctx.deadlines.extend(timer.now().getTime() - start);
  }
}

/** The analysis: the named metrics (every validation metric when it names none) verified over their window. */
async function analyse(
  step: Extract<CanaryStep, { kind: "analysis" }>,
  ctx: RunContext,
  signal: AbortSignal,
  startedAt: Date,
): Promise<Parts> {
  const named = step.metrics.length > 0 ? new Set(step.metrics) : null;
  const metrics = ctx.strategy.metrics.filter((m) => (named ? named.has(m.name) : m.block === "validation"));
  if (metrics.length === 0) return { status: "skipped", detail: "no metric to analyse" };
  const stage = findStage(ctx.strategy, "release");
  const result = await measure(ctx, metrics, stage, signal, startedAt, step.windowMs);
  const verdict = overallVerdict([result]);
  const passes =
    verdict === "pass" || (verdict === "inconclusive" && stage.inconclusive === "pass-with-warning");
  if (verdict === "inconclusive" && passes)
    ctx.warn(`canary analysis inconclusive, passed by the ${stage.name} stage's policy: ${result.reason}`);
  return { status: passes ? "succeeded" : "failed", detail: result.reason, metrics: result.metrics };
}
