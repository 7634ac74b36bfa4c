/**
 * The entry of the GitHub Action (action.yml runs the bundle of this file, action/index.js). GitHub
 * reads the step's stdout for workflow commands, so everything goes there.
 */
import { runAction } from "./run-action.js";

process.exitCode = await runAction(process.env, (text) => process.stdout.write(text));
