import { ShipreadyError } from "../errors.js";
import { describeFlag } from "./core/describe-step.js";
import { setEnvLine } from "./core/set-env-line.js";
import { setFlagdVariant } from "./core/set-flagd-variant.js";
import type { RunContext } from "./deploy-run-context.js";
import { runStepCommand } from "./run-step-command.js";
import type { FlagSpec, StepOutcome } from "./types.js";

/**
 * The kill switch: sets a feature flag in an OpenFeature flagd flag file (its defaultVariant) or a
 * .env file (its KEY=value line), written atomically so a reader sees the old file or the new one,
 * or runs the command that flips it.
 */
export async function flipFlag(
  flag: FlagSpec,
  timeoutMs: number,
  ctx: RunContext,
): Promise<Pick<StepOutcome, "status" | "exitCode" | "tail" | "detail">> {
  if (flag.kind === "command") return runStepCommand(flag.run, { timeoutMs }, ctx);
  const { files } = ctx.ports;
  try {
    const before = await files.readText(flag.file);
    if (flag.kind === "flagd") {
      const edit = setFlagdVariant(before, flag.flag, flag.variant);
      if (!edit.ok) return { status: "failed", detail: `${flag.file} ${edit.problem}` };
      if (edit.text !== before) await files.writeAtomic(flag.file, edit.text);
      return {
        status: "succeeded",
        detail: `${describeFlag(flag, ctx.values)} (was "${edit.was ?? "unset"}")`,
      };
    }
    const edit = setEnvLine(before, flag.key, flag.value);
    if (edit.text !== before) await files.writeAtomic(flag.file, edit.text);
    return {
      status: "succeeded",
      detail: `${describeFlag(flag, ctx.values)} (was ${edit.was === null ? "unset" : `"${edit.was}"`})`,
    };
  } catch (error) {
    if (!(error instanceof ShipreadyError)) throw error;
    return { status: "failed", detail: ctx.redact(`${error.message}${error.fix ? `; ${error.fix}` : ""}`) };
  }
}
