import { describeStep } from "./core/describe-step.js";
import type { DeployStep } from "./core/plan-deploy.js";
import { Deadlines, type RunContext } from "./deploy-run-context.js";
import { runDeployStep, type WorkStep } from "./run-deploy-step.js";
import type { PlannedLine } from "./run-types.js";
import type { DeployRecord, TriggerSpec } from "./types.js";

/** How a rollback ended: done, or stopped at a step (which, and what did and did not run). */
export type RollbackEnd =
  { outcome: "succeeded" } | { outcome: "failed"; failedStep: string; interrupted: boolean };

/** The trigger's timeout when rollback: triggers does not name it (the seed's 300 s). */
const DEFAULT_TRIGGER_TIMEOUT_MS = 300_000;

/**
 * Runs a rollback's steps in order (the kill switch already first in `steps`), each under its own
 * timeout, its procedure's and the trigger's; stops at the first step that does not succeed, and
 * records the steps after it as not run, so the record says what state the service is left in.
 * Each step's outcome is put on the record as it ends. It starts at once: nothing is awaited before
 * the first step but the record's write.
 */
export async function runRollbackSteps(
  steps: readonly DeployStep[],
  trigger: { name: string; timeoutMs?: number },
  ctx: RunContext,
): Promise<RollbackEnd> {
  // The rollback has clocks of its own: a release workflow that used up its time must not starve it.
  const rollbackCtx: RunContext = { ...ctx, deadlines: new Deadlines(() => ctx.ports.clock.now().getTime()) };
  const bound = { name: trigger.name, timeoutMs: trigger.timeoutMs ?? DEFAULT_TRIGGER_TIMEOUT_MS };
  const record = ctx.recorder.record;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind !== "step") continue;
    const run = await runDeployStep(
      { ...step, scopes: [bound, ...step.scopes] } satisfies WorkStep,
      rollbackCtx,
    );
    record.steps.push(run.outcome);
    if (run.outcome.status === "succeeded" || run.outcome.status === "skipped") {
      await ctx.recorder.save();
      continue;
    }
    const at = ctx.ports.clock.now().toISOString();
    for (const rest of steps.slice(i + 1)) {
      record.steps.push({
        name: rest.name,
        status: "skipped",
        startedAt: at,
        endedAt: at,
        detail: `not run: the rollback stopped at ${step.name}`,
      });
    }
    await ctx.recorder.save();
    return { outcome: "failed", failedStep: step.name, interrupted: run.outcome.status === "interrupted" };
  }
  return { outcome: "succeeded" };
}

/** A rollback's steps as plan lines. */
export function planLines(
  steps: readonly DeployStep[],
  ctx: Pick<RunContext, "values" | "strategy" | "redact">,
): PlannedLine[] {
  return steps.map((s) => ({
    name: s.name,
    runs: ctx.redact(describeStep(s, ctx.values, ctx.strategy.canary)),
  }));
}

/** The trigger as the strategy writes it; rollback with the seed's timeout when it does not. */
export function findTrigger(
  triggers: readonly TriggerSpec[],
  name: string,
): Pick<TriggerSpec, "name" | "action" | "timeoutMs"> {
  return (
    triggers.find((t) => t.name === name) ?? {
      name,
      action: "rollback",
      timeoutMs: DEFAULT_TRIGGER_TIMEOUT_MS,
    }
  );
}

/** The rollback's end on the record: its outcome, trigger, reason, and the step it stopped at. */
export function noteRollback(
  record: DeployRecord,
  end: RollbackEnd,
  trigger: string,
  reason: string,
  of?: string,
): void {
  record.rollback = {
    trigger,
    reason,
    ...(of !== undefined && { of }),
    outcome: end.outcome,
    ...(end.outcome === "failed" && { failedStep: end.failedStep }),
  };
}
