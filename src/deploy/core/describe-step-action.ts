import type { FlagSpec, StepAction } from "../types.js";
import { formatSeconds } from "./format-seconds.js";

/** How paths are shown: relative to shipready.yml, say. */
export type ShowPath = (absolute: string) => string;

/** One line saying what a step runs: `run "docker compose stop web" (in scripts, timeout 600s)`. */
export function describeStepAction(action: StepAction, showPath: ShowPath): string {
  if (action.kind === "builtin") {
    return action.name === "validate"
      ? "built in: the commit's readiness and the validation gates"
      : "built in: verification of the validation metrics over their windows";
  }
  if (action.kind === "flag") return `flag: ${describeFlag(action.flag, showPath)}`;
  const extras = [
    ...(action.cwd !== undefined ? [`in ${showPath(action.cwd)}`] : []),
    ...(action.timeoutMs !== undefined ? [`timeout ${formatSeconds(action.timeoutMs)}`] : []),
  ];
  return `run ${JSON.stringify(action.run)}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}`;
}

function describeFlag(flag: FlagSpec, showPath: ShowPath): string {
  if (flag.kind === "flagd") return `set ${flag.flag} to ${flag.variant} in ${showPath(flag.file)} (flagd)`;
  if (flag.kind === "env-file") return `set ${flag.key}=${flag.value} in ${showPath(flag.file)}`;
  return `run ${JSON.stringify(flag.run)}`;
}
