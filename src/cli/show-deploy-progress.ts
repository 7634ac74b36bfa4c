import {
  renderDeployStart,
  renderRollbackStart,
  renderStepEnd,
  renderStepStart,
} from "../deploy/core/render-deploy-text.js";
import type { DeployProgress } from "../deploy/run-types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

/** A warning of a deploy, verify or rollback run: what it could not do, while the run went on. */
export function printDeployWarning(message: string): void {
  process.stderr.write(`shipready: warning: ${escapeTerminal(message)}\n`);
}

/**
 * The deploy's progress as lines, one when a step starts (what it runs) and one when it ends (how,
 * how long, why not); plain lines, so CI logs read the same as a terminal. Nothing with --json.
 */
export function showDeployProgress(
  opts: { json?: boolean },
  out: { write(text: string): unknown } = process.stdout,
): DeployProgress {
  if (opts.json) return { onWarning: printDeployWarning };
  return {
    onStart: (record) => out.write(renderDeployStart(record)),
    onStepStart: (step) => out.write(renderStepStart(step)),
    onStepEnd: (step) => out.write(renderStepEnd(step)),
    onRollback: (trigger, reason, steps) => out.write(renderRollbackStart(trigger, reason, steps)),
    onWarning: printDeployWarning,
  };
}
