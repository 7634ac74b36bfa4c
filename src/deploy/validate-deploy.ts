import { ShipreadyError } from "../errors.js";
import { shortSha } from "../shared/short-sha.js";
import { checkValidationGates } from "./check-validation-gates.js";
import { findStage } from "./core/plan-deploy.js";
import { overallVerdict } from "./core/judge-check.js";
import type { RunContext } from "./deploy-run-context.js";
import type { StepOutcome } from "./types.js";

/**
 * The built-in `validate` step: the readiness of the commit being deployed must be ready (the
 * readiness run in check mode on that commit, as a release checks the commit it tags), then the
 * validation gates' checks must pass, when the pre_release stage validates. Nothing is deployed yet,
 * so a failure here stops the deploy with nothing to roll back.
 */
export async function validateDeploy(
  ctx: RunContext,
  signal: AbortSignal,
): Promise<Pick<StepOutcome, "status" | "detail" | "metrics">> {
  const commit = ctx.values.commit;
  let summary: string;
  try {
    // Loaded here: a workflow without validate never reads a checklist.
    const { runReadiness } = await import("../readiness/run-readiness.js");
    const run = await runReadiness(
      {
        cwd: ctx.config.root,
        mode: "check",
        ...(commit ? { commit } : {}),
        ...(ctx.config.file ? { config: ctx.config.file } : {}),
        ...(ctx.config.checklist ? { checklist: ctx.config.checklist } : {}),
        signal,
      },
      ctx.ports,
    );
    const r = run.readiness;
    summary = `${r.score}% ${r.band.name} (threshold ${r.threshold})${commit ? ` at ${shortSha(commit)}` : ""}`;
    if (!r.ready) {
      const blockers = r.blockers.length;
      return {
        status: "failed",
        detail: `not ready: ${summary}${blockers > 0 ? `, ${blockers} blocker${blockers === 1 ? "" : "s"}` : ""}`,
      };
    }
  } catch (error) {
    if (!(error instanceof ShipreadyError) || error.exitCode === 130) throw error;
    const fix = error.fix ? ` (${error.fix.replace(/\.$/, "")})` : "";
    return { status: "failed", detail: `the readiness could not be checked: ${error.message}${fix}` };
  }
  if (!findStage(ctx.strategy, "pre_release").validation)
    return { status: "succeeded", detail: `ready: ${summary}` };
  const metrics = await checkValidationGates(ctx, signal);
  const verdict = overallVerdict(metrics);
  if (verdict === "pass") {
    return { status: "succeeded", detail: `ready: ${summary}; ${metrics.length} check(s) passed`, metrics };
  }
  const bad = metrics.filter((m) => m.verdict !== "pass");
  return {
    status: "failed",
    detail: `ready: ${summary}; but ${bad.map((m) => `${m.name} ${m.verdict}`).join(", ")}`,
    metrics,
  };
}
