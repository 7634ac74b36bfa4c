import type { DeployStrategy, StageSpec } from "../types.js";
import { expandWorkflow, type PlannedStep } from "./expand-workflow.js";
import { ROLLBACK_WORKFLOW } from "./strategy-names.js";

/** One procedure (or workflow) a rollback runs, with its steps and its timeout. */
export interface RollbackPart {
  name: string;
  timeoutMs: number;
  steps: PlannedStep[];
}

type Plannable = Pick<DeployStrategy, "workflows" | "procedures" | "steps">;

/**
 * What a rollback in `stage` runs, in order: the procedures the stage names; else rollback_workflow
 * when there is one; else every procedure. Empty when the strategy says nothing a rollback could run.
 */
export function planRollback(
  strategy: Plannable,
  stage: Pick<StageSpec, "procedures"> | null,
): RollbackPart[] {
  const names =
    stage && stage.procedures.length > 0
      ? stage.procedures
      : strategy.workflows.some((w) => w.name === ROLLBACK_WORKFLOW)
        ? [ROLLBACK_WORKFLOW]
        : strategy.procedures.map((p) => p.name);
  return names.flatMap((name) => {
    const list =
      strategy.workflows.find((w) => w.name === name) ?? strategy.procedures.find((p) => p.name === name);
    return list ? [{ name, timeoutMs: list.timeoutMs, steps: expandWorkflow(strategy, name) }] : [];
  });
}
