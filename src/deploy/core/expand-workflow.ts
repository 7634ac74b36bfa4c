import type { DeployStrategy } from "../types.js";
import { resolveStep, type ResolvedStep } from "./resolve-step.js";

/** One step of a workflow or procedure as it will run, with where it was written. */
export interface PlannedStep {
  /** The name as written in the procedure or workflow. */
  name: string;
  /** The procedure or workflow that lists it. */
  scope: string;
  /** The procedures and workflows entered to reach it, outermost first (release_workflow, service_rollback). */
  via: string[];
  /** What it runs; null when nothing binds the name (the configuration reports it). */
  resolved: ResolvedStep | null;
}

type Plannable = Pick<DeployStrategy, "workflows" | "procedures" | "steps">;

/**
 * The steps a workflow or procedure runs, in order. A workflow's step may name a procedure or
 * another workflow, whose steps run in its place; a name that is both is read as the procedure or
 * workflow. A cycle is not followed twice (the configuration reports it). Empty for an unknown name.
 */
export function expandWorkflow(strategy: Plannable, name: string): PlannedStep[] {
  return expand(strategy, name, []);
}

function expand(strategy: Plannable, name: string, via: string[]): PlannedStep[] {
  if (via.includes(name)) return [];
  const workflow = strategy.workflows.find((w) => w.name === name);
  const procedure = workflow ? undefined : strategy.procedures.find((p) => p.name === name);
  const list = workflow ?? procedure;
  if (!list) return [];
  const inside = [...via, name];
  return list.steps.flatMap((step) => {
    // Only a workflow's steps may name procedures and workflows; a procedure's are steps.
    if (workflow && isList(strategy, step)) return expand(strategy, step, inside);
    return [{ name: step, scope: name, via: inside, resolved: resolveStep(strategy.steps, name, step) }];
  });
}

function isList(strategy: Plannable, name: string): boolean {
  return strategy.workflows.some((w) => w.name === name) || strategy.procedures.some((p) => p.name === name);
}
