import type { DeployRecord } from "../types.js";
import type { DeployStep } from "./plan-deploy.js";

export type ResumePoint =
  | { resumable: true; /** Index in the plan of the first step not finished. */ from: number }
  | { resumable: false; why: string };

/**
 * Where a deploy that stopped goes on: at the first step of the plan that did not finish (succeed or
 * be skipped). Only a deploy that was interrupted, or that failed before its verification, goes on:
 * one that was verified and failed was rolled back or judged, and one that was rolled back is over.
 */
export function findResumePoint(record: DeployRecord, plan: readonly DeployStep[]): ResumePoint {
  if (record.kind !== "deploy") return { resumable: false, why: `it is a ${record.kind}, not a deploy` };
  if (record.rollback) {
    return {
      resumable: false,
      why: `it was rolled back (${record.rollback.outcome === "succeeded" ? "done" : "the rollback failed"})`,
    };
  }
  if (record.outcome !== "interrupted" && record.outcome !== "failed") {
    return { resumable: false, why: `it ended ${record.outcome}` };
  }
  let from = 0;
  while (from < record.steps.length && from < plan.length) {
    const step = record.steps[from]!;
    if (step.name !== plan[from]!.name) {
      return {
        resumable: false,
        why: `its steps no longer match the release workflow (${step.name} is now ${plan[from]!.name})`,
      };
    }
    if (step.status !== "succeeded" && step.status !== "skipped") break;
    from++;
  }
  if (from >= plan.length) return { resumable: false, why: "every step of it finished" };
  const verify = plan.findIndex(
    (s) => s.kind === "step" && s.action?.kind === "builtin" && s.action.name === "verify",
  );
  if (record.outcome === "failed" && verify !== -1 && from >= verify) {
    return { resumable: false, why: "it failed in its verification, after the deploy steps" };
  }
  return { resumable: true, from };
}
