import { ShipreadyError, UsageError } from "../errors.js";
import { runReadiness } from "../readiness/run-readiness.js";
import type { ReadinessRun } from "../readiness/types.js";
import { shortSha } from "../shared/short-sha.js";
import type { ReleaseStepDefinition, StepResult } from "./core/run-release-steps.js";
import type { ReleasePorts } from "./ports.js";
import type { ReleaseState } from "./release-state.js";
import type { ReleaseOptions, ReleaseReport } from "./types.js";

/**
 * The readiness step: the checklist's verdict on the exact commit released. Not ready, the release is
 * refused unless forced with a reason. It only reads, so a dry run checks it too.
 */
export const readinessStep: ReleaseStepDefinition<ReleaseState> = {
  name: "readiness",
  check: async (s) => ({
    state: "to-do",
    plan: null,
    run: () => checkReadiness(s.options, s.ports, s.report),
  }),
};

/** Runs the readiness check on the commit being released; refuses unless ready or forced. */
async function checkReadiness(
  options: ReleaseOptions,
  ports: ReleasePorts,
  report: ReleaseReport,
): Promise<StepResult> {
  let result: ReadinessRun;
  try {
    result = await runReadiness(
      {
        cwd: options.cwd,
        mode: "check",
        commit: report.checkedCommit,
        ...(options.checklist ? { checklist: options.checklist } : {}),
        ...(options.config ? { config: options.config } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      ports,
    );
  } catch (error) {
    if (!(error instanceof ShipreadyError) || error.exitCode === 130) throw error;
    return releaseUnchecked(error, options, report);
  }
  return judgeReadiness(result, options, report);
}

/** Readiness could not be checked at all: only a forced release goes on, and says why. */
function releaseUnchecked(error: ShipreadyError, options: ReleaseOptions, report: ReleaseReport): StepResult {
  if (options.force === undefined) {
    throw new UsageError(
      `The release checks the readiness of ${shortSha(report.checkedCommit)} first, but ${lowerFirst(error.message)}`,
      `${error.fix ?? ""} To release without a readiness check, say why: --force "<reason>".`.trim(),
    );
  }
  report.override = options.force;
  report.readiness = {
    ready: false,
    score: 0,
    band: "unknown",
    threshold: 0,
    checklist: "",
    blockers: [],
    problem: error.message,
  };
  return { summary: `not checked (${error.message}); released anyway: ${options.force}` };
}

/** The verdict, on the report and as the step's outcome: ready, forced though not ready, or refused. */
function judgeReadiness(result: ReadinessRun, options: ReleaseOptions, report: ReleaseReport): StepResult {
  const r = result.readiness;
  report.readiness = {
    ready: r.ready,
    score: r.score,
    band: r.band.name,
    threshold: r.threshold,
    checklist: result.checklist.label,
    blockers: r.blockers,
  };
  report.warnings.push(...result.warnings);
  const verdict = `${r.score}% ${r.band.name} (threshold ${r.threshold}) at ${shortSha(report.checkedCommit)}`;
  const reads = [result.checklist.label];
  if (r.ready) return { summary: `ready: ${verdict}`, reads };
  if (options.force !== undefined) {
    report.override = options.force;
    return { summary: `NOT ready: ${verdict}; released anyway: ${options.force}`, reads };
  }
  const blockers = r.blockers.length;
  return {
    state: "refused",
    summary: `not ready: ${verdict}${blockers > 0 ? `, ${blockers} blocker${blockers === 1 ? "" : "s"}` : ""}`,
    reads,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
