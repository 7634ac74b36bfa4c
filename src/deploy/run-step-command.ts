import { ShipreadyError } from "../errors.js";
import { renderStepCommand, stepVariables, type StepValues } from "./core/render-step-command.js";
import { stepEnvironment, type RunContext } from "./deploy-run-context.js";
import type { StepOutcome } from "./types.js";

/** Lines of a step's output kept on its record. */
const KEPT_LINES = 20;

/**
 * Runs a step's command in its own process group (the Shell port), in the config's folder unless it
 * names another, with the templates filled in and the SHIPREADY_* variables set. At the timeout, or
 * on Ctrl+C, the whole group is stopped.
 */
export async function runStepCommand(
  run: string,
  options: { cwd?: string; timeoutMs: number; values?: StepValues },
  ctx: RunContext,
): Promise<Pick<StepOutcome, "status" | "exitCode" | "tail" | "detail">> {
  const values = { ...ctx.values, ...options.values };
  let result;
  try {
    result = await ctx.ports.shell.run(renderStepCommand(run, values), {
      cwd: options.cwd ?? ctx.config.root,
      env: stepEnvironment(ctx, stepVariables({ ...values, previousCommit: ctx.values.previousCommit })),
      timeoutMs: options.timeoutMs,
      signal: ctx.signal,
      keepLines: KEPT_LINES,
      redact: ctx.redact,
    });
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    return { status: "failed", exitCode: null, detail: ctx.redact(error.message) };
  }
  if (result.timedOut) {
    return { status: "timed-out", exitCode: null, tail: result.tail, detail: "stopped at its timeout" };
  }
  if (ctx.signal.aborted) {
    return {
      status: "interrupted",
      exitCode: result.exitCode,
      tail: result.tail,
      detail: "stopped: interrupted",
    };
  }
  return {
    status: result.exitCode === 0 ? "succeeded" : "failed",
    exitCode: result.exitCode,
    tail: result.tail,
    ...(result.exitCode !== 0 && {
      detail:
        result.exitCode === null ? `ended by ${result.signal ?? "a signal"}` : `exit code ${result.exitCode}`,
    }),
  };
}
