import { basename, relative } from "node:path";
import { InputError, UsageError } from "../errors.js";
import { locateInputs, type RunInputs } from "../readiness/locate-inputs.js";
import { runReadiness } from "../readiness/run-readiness.js";
import { renderBadge } from "./core/render-badge.js";
import { notifyReadiness } from "./notify-readiness.js";
import type { RunOptions, RunResult } from "./types.js";
import type { RunPorts } from "./ports.js";
import { resolveNotifyTargets, type ResolvedNotifyTarget } from "./resolve-notify-targets.js";
import { saveBadge } from "./save-badge.js";

/**
 * The readiness run, then what is delivered from it in update mode: the badge (badge.update in
 * shipready.yml) and, with `notify`, the notifications. Delivery comes after the checklist and its
 * history are written, outside the lock: a slow webhook must not hold up other runs.
 */
export async function runThenDeliver(options: RunOptions, ports: RunPorts): Promise<RunResult> {
  const inputs = await locateInputs(options, ports);
  // Before anything is collected or written: --notify with nowhere to send is a usage error.
  const targets = notifyTargetsOf(options, inputs, ports);
  const result: RunResult = await runReadiness(options, ports, inputs);
  if (!result.update) return result;
  await keepBadge(result, options, ports);
  if (targets !== null) await notify(result, targets, inputs, options, ports);
  return result;
}

function notifyTargetsOf(
  options: RunOptions,
  inputs: RunInputs,
  ports: RunPorts,
): ResolvedNotifyTarget[] | null {
  if (!options.notify || options.mode !== "update") return null;
  const targets = resolveNotifyTargets(inputs.config.notify, ports.env, inputs.configLabel);
  if (!ports.notifier) {
    throw new UsageError("notifications need a notifier, and none was given", "Pass ports.notifier.");
  }
  return targets;
}

/** Renders the badge from the result and saves it unless it already holds these bytes. */
async function keepBadge(result: RunResult, options: RunOptions, ports: RunPorts): Promise<void> {
  const settings = result.config.badge;
  if (!settings.update) return;
  const svg = renderBadge({
    label: settings.label,
    score: result.readiness.score,
    band: result.readiness.band,
    bands: result.config.bands,
  });
  const path = settings.file;
  const label = relative(options.cwd, path) || basename(path);
  try {
    result.badge = {
      path,
      label,
      ...(await saveBadge(path, svg, ports.files, { dryRun: Boolean(options.dryRun) })),
    };
  } catch (error) {
    if (!(error instanceof InputError) || !result.update?.written) throw error;
    // Told apart, so nobody takes the checklist for unchanged because the run failed.
    throw new InputError(
      `${result.checklist.label} was updated, but the badge (badge.file in shipready.yml) was not: ${error.message}`,
      error.fix,
      { cause: error },
    );
  }
}

async function notify(
  result: RunResult,
  targets: ResolvedNotifyTarget[],
  inputs: RunInputs,
  options: RunOptions,
  ports: RunPorts,
): Promise<void> {
  result.notify = await notifyReadiness({
    targets,
    config: inputs.config,
    readiness: result.readiness,
    checklistPath: inputs.checklistPath,
    snapshot: result.ciSnapshot ?? null,
    repositoryUrl: result.repositoryUrl ?? null,
    at: result.now,
    dryRun: Boolean(options.dryRun),
    files: ports.files,
    git: ports.git,
    env: ports.env,
    openHistory: (settings) => ports.openHistory(settings),
    notifier: ports.notifier!,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for (const failure of result.notify.failed) {
    result.warnings.push({ code: "notify-failed", message: `${failure.message}. ${failure.fix}` });
  }
}
