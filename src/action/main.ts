/**
 * The entry of the GitHub Action (action.yml runs the bundle of this file, action/index.js). GitHub
 * reads the step's stdout for workflow commands, so everything goes there.
 */
import { ExitCode } from "../errors.js";
import { runAction } from "./run-action.js";

// A cancelled job is sent SIGINT, then SIGTERM. Exiting (rather than dying of the signal) runs the
// exit hook that kills whatever commands given by evidence started, their escaped children too.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(ExitCode.Interrupted));
}

process.exitCode = await runAction(process.env, (text) => process.stdout.write(text));
