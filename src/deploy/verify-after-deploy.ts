import { checkValidationGates } from "./check-validation-gates.js";
import { overallVerdict } from "./core/judge-check.js";
import { findStage } from "./core/plan-deploy.js";
import type { RunContext } from "./deploy-run-context.js";
import type { VerifyResult } from "./ports.js";
import type { MetricSpec, StageSpec, StepOutcome } from "./types.js";

export interface Verification {
  step: Pick<StepOutcome, "status" | "detail" | "metrics">;
  /** The verdict before the stage's inconclusive policy is applied; null when nothing was verified. */
  result: VerifyResult | null;
  stage: StageSpec;
}

/**
 * The built-in `verify` step: the validation gates' checks once (a failed check fails at once,
 * without waiting for the window), then the validation metrics over their window (verifyDeploy, which
 * stops as soon as the outcome can no longer change). Judged with the post_release stage's policy
 * for an inconclusive outcome by the caller, who rolls back.
 */
export async function verifyAfterDeploy(
  ctx: RunContext,
  signal: AbortSignal,
  deployedAt: Date,
): Promise<Verification> {
  const stage = findStage(ctx.strategy, "post_release");
  if (!stage.validation) {
    return {
      stage,
      result: null,
      step: { status: "skipped", detail: `the ${stage.name} stage does not validate` },
    };
  }
  const metrics = ctx.strategy.metrics.filter((m) => m.block === "validation");
  const checks = await checkValidationGates(ctx, signal);
  if (checks.length === 0 && metrics.length === 0) {
    ctx.warn("verify: the strategy has no validation checks or metrics, so nothing was verified");
    return {
      stage,
      result: null,
      step: { status: "skipped", detail: "nothing to verify: no validation checks or metrics" },
    };
  }
  const badChecks = checks.filter((c) => c.verdict !== "pass");
  // A failed check decides it: no need to wait for the metrics' window.
  const measured =
    checks.some((c) => c.verdict === "fail") || metrics.length === 0
      ? null
      : await measure(ctx, metrics, stage, signal, deployedAt);
  const all = [...checks, ...(measured?.metrics ?? [])];
  const verdict = overallVerdict([...checks, ...(measured ? [measured] : [])]);
  const reason =
    [badChecks.length > 0 ? describeChecks(badChecks) : "", measured?.reason ?? ""]
      .filter(Boolean)
      .join("; ") || `${checks.length} check(s) passed`;
  return {
    stage,
    result: { verdict, metrics: all, reason },
    step: { status: verdict === "pass" ? "succeeded" : "failed", detail: reason, metrics: all },
  };
}

/** Verification of some metrics through the port, as a canary's analysis asks too. */
export async function measure(
  ctx: RunContext,
  metrics: MetricSpec[],
  stage: StageSpec,
  signal: AbortSignal,
  deployedAt: Date,
  windowMs?: number,
): Promise<VerifyResult> {
  try {
    return await ctx.ports.verify({
      metrics,
      deployedAt,
      inconclusive: stage.inconclusive,
      signal,
      ...(windowMs !== undefined && { windowMs }),
      ...(ctx.progress.onSample && { onSample: ctx.progress.onSample }),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    // Verification that could not be done is no pass.
    return {
      verdict: "inconclusive",
      metrics: [],
      reason: `the verification could not run: ${(error as Error).message}`,
    };
  }
}

function describeChecks(bad: readonly { name: string; verdict: string; reason: string }[]): string {
  return bad.map((c) => `check ${c.name} ${c.verdict}: ${c.reason}`).join(", ");
}
