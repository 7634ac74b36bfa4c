import type { StepAction } from "../types.js";
import { isBuiltInStep } from "./strategy-names.js";

/** What a step name means where it is written: the binding it resolved through and what it runs. */
export interface ResolvedStep {
  /** The key of steps: it resolved through ("data_rollback.revert", "revert"), or the built-in's name. */
  binding: string;
  action: StepAction;
}

/**
 * Looks a step name up as `<scope>.<name>` first, then `<name>`, then as a built-in (validate,
 * verify); null when nothing binds it. `scope` is the procedure or workflow the name is written in.
 */
export function resolveStep(
  steps: Readonly<Record<string, StepAction>>,
  scope: string,
  name: string,
): ResolvedStep | null {
  const qualified = `${scope}.${name}`;
  if (Object.hasOwn(steps, qualified)) return { binding: qualified, action: steps[qualified]! };
  if (Object.hasOwn(steps, name)) return { binding: name, action: steps[name]! };
  if (isBuiltInStep(name)) return { binding: name, action: { kind: "builtin", name } };
  return null;
}
