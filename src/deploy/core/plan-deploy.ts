import type { CanaryStep, DeployStrategy, StageSpec, StepAction } from "../types.js";
import { expandWorkflow, type PlannedStep } from "./expand-workflow.js";
import { planRollback } from "./plan-rollback.js";
import { DEFAULT_RELEASE_STEPS, RELEASE_WORKFLOW } from "./strategy-names.js";

/** The release workflow's timeout when automation: names none (the seed's). */
export const DEFAULT_WORKFLOW_TIMEOUT_MS = 1_800_000;

/** One step of a deploy or rollback as it runs and is recorded. */
export type DeployStep =
  | {
      kind: "step";
      /** As recorded: the name in the release workflow ("deploy"), else `<procedure>.<name>`. */
      name: string;
      /** The workflows and procedures it is inside, outermost first: each one's timeout bounds it. */
      scopes: { name: string; timeoutMs: number }[];
      /** The key of steps: it resolved through, or the built-in's name; null when nothing binds it. */
      binding: string | null;
      action: StepAction | null;
    }
  | { kind: "canary"; name: string; step: CanaryStep }
  /** After the canary's last step: the new version takes all the traffic. */
  | { kind: "promote"; name: string };

/** The ordered steps of a deploy, and of the rollback a failed verification would run. */
export interface DeployPlan {
  workflow: { name: string; timeoutMs: number };
  steps: DeployStep[];
}

type Plannable = Pick<DeployStrategy, "workflows" | "procedures" | "steps" | "canary">;

/**
 * The release workflow's steps in order (procedures it names expanded in place), with the canary's
 * steps, when there is a canary, just before the first `verify`: the new version takes traffic step
 * by step, then the whole is verified. Without a verify step the canary comes last.
 */
export function planDeploy(strategy: Plannable): DeployPlan {
  const written = strategy.workflows.find((w) => w.name === RELEASE_WORKFLOW);
  const workflow = written
    ? { name: written.name, timeoutMs: written.timeoutMs }
    : { name: RELEASE_WORKFLOW, timeoutMs: DEFAULT_WORKFLOW_TIMEOUT_MS };
  const planned = written
    ? expandWorkflow(strategy, RELEASE_WORKFLOW)
    : expandWorkflow(
        {
          ...strategy,
          workflows: [
            { name: RELEASE_WORKFLOW, steps: [...DEFAULT_RELEASE_STEPS], timeoutMs: workflow.timeoutMs },
          ],
        },
        RELEASE_WORKFLOW,
      );
  const steps = planned.map((p) => toDeployStep(strategy, p, workflow.name));
  if (strategy.canary) {
    const canary: DeployStep[] = strategy.canary.steps.map((step, i) => ({
      kind: "canary",
      name: canaryStepName(step, i),
      step,
    }));
    canary.push({ kind: "promote", name: "canary.promote" });
    const verify = steps.findIndex(
      (s) => s.kind === "step" && s.action?.kind === "builtin" && s.action.name === "verify",
    );
    steps.splice(verify === -1 ? steps.length : verify, 0, ...canary);
  }
  return { workflow, steps };
}

/**
 * The steps a rollback in `stage` runs (see planRollback: the stage's procedures, else
 * rollback_workflow, else every procedure), each named `<procedure>.<step>`, with every flag step
 * moved to the front in its order: the kill switch is the fastest way back.
 */
export function planRollbackSteps(
  strategy: Pick<DeployStrategy, "workflows" | "procedures" | "steps">,
  stage: Pick<StageSpec, "procedures"> | null,
): DeployStep[] {
  const steps = planRollback(strategy, stage).flatMap((part) =>
    part.steps.map((p): DeployStep => ({
      kind: "step",
      name: `${p.scope}.${p.name}`,
      scopes: scopesOf(strategy, p),
      binding: p.resolved?.binding ?? null,
      action: p.resolved?.action ?? null,
    })),
  );
  const isFlag = (s: DeployStep) => s.kind === "step" && s.action?.kind === "flag";
  return [...steps.filter(isFlag), ...steps.filter((s) => !isFlag(s))];
}

/** The stage of that name, or what the strategy's defaults make of a stage not written. */
export function findStage(strategy: Pick<DeployStrategy, "stages">, name: string): StageSpec {
  return (
    strategy.stages.find((s) => s.name === name) ?? {
      name,
      validation: true,
      rollback: true,
      monitoring: true,
      procedures: [],
      inconclusive: name === "post_release" ? "rollback" : "fail",
    }
  );
}

function toDeployStep(strategy: Plannable, planned: PlannedStep, workflow: string): DeployStep {
  return {
    kind: "step",
    name: planned.scope === workflow ? planned.name : `${planned.scope}.${planned.name}`,
    scopes: scopesOf(strategy, planned),
    binding: planned.resolved?.binding ?? null,
    action: planned.resolved?.action ?? null,
  };
}

function scopesOf(
  strategy: Pick<DeployStrategy, "workflows" | "procedures">,
  planned: PlannedStep,
): { name: string; timeoutMs: number }[] {
  return planned.via.map((name) => ({ name, timeoutMs: timeoutOf(strategy, name) }));
}

function timeoutOf(strategy: Pick<DeployStrategy, "workflows" | "procedures">, name: string): number {
  return (
    strategy.workflows.find((w) => w.name === name)?.timeoutMs ??
    strategy.procedures.find((p) => p.name === name)?.timeoutMs ??
    DEFAULT_WORKFLOW_TIMEOUT_MS
  );
}

function canaryStepName(step: CanaryStep, index: number): string {
  switch (step.kind) {
    case "setWeight":
      return `canary.${index + 1}.setWeight ${step.weight}`;
    case "pause":
      return `canary.${index + 1}.pause`;
    case "analysis":
      return `canary.${index + 1}.analysis`;
  }
}

/** One line of a plan: a step and what it runs, in words a person checks before saying yes. */
export interface PlannedLine {
  name: string;
  runs: string;
}

/** What --dry-run prints: what would be deployed and every step with what it runs; nothing ran. */
export interface DeployDryRun {
  kind: "deploy" | "rollback";
  environment: string;
  version: string | null;
  commit: string | null;
  previous: { version: string | null; commit: string | null } | null;
  steps: PlannedLine[];
  /** What a failed verification would run. */
  rollback: PlannedLine[];
  /** The deploy --resume would continue, and from which step. */
  resumes?: { id: string; from: string };
}
