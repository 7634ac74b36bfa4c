import type { CanarySpec, FlagSpec } from "../types.js";
import type { DeployStep } from "./plan-deploy.js";
import { renderStepCommand, type StepValues } from "./render-step-command.js";

/** What a step runs, as one line a person checks: the command as it will run, the flag flipped, the built-in's work. */
export function describeStep(step: DeployStep, values: StepValues, canary: CanarySpec | null): string {
  switch (step.kind) {
    case "canary":
      switch (step.step.kind) {
        case "setWeight":
          return canary ? renderStepCommand(canary.setWeight, { ...values, weight: step.step.weight }) : "";
        case "pause":
          return step.step.durationMs === undefined
            ? "wait until `shipready promote`"
            : `wait ${seconds(step.step.durationMs)} (or until \`shipready promote\`)`;
        case "analysis":
          return `verify ${step.step.metrics.length > 0 ? step.step.metrics.join(", ") : "every validation metric"}${
            step.step.windowMs !== undefined ? ` over ${seconds(step.step.windowMs)}` : ""
          }`;
      }
      break;
    case "promote":
      return canary ? renderStepCommand(canary.setWeight, { ...values, weight: 100 }) : "";
    case "step": {
      const action = step.action;
      if (action === null) return "(nothing binds this step: add it under steps:)";
      if (action.kind === "command") return renderStepCommand(action.run, values);
      if (action.kind === "flag") return describeFlag(action.flag, values);
      return action.name === "validate"
        ? "the readiness of the commit, then the validation gates' checks"
        : "the validation gates' checks, then the validation metrics over their window";
    }
  }
}

/** A flag flip in words: the kill switch's file and value, or its command. */
export function describeFlag(flag: FlagSpec, values: StepValues): string {
  switch (flag.kind) {
    case "flagd":
      return `set flag ${flag.flag} to "${flag.variant}" in ${flag.file}`;
    case "env-file":
      return `set ${flag.key}=${flag.value} in ${flag.file}`;
    case "command":
      return renderStepCommand(flag.run, values);
  }
}

function seconds(ms: number): string {
  return ms % 60_000 === 0 && ms > 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
