import { escapeTerminal } from "../shared/escape-terminal.js";
import { ExitCode } from "../errors.js";
import { renderDeployOutcome, renderDeployPlan } from "../deploy/core/render-deploy-text.js";
import { planRollbackRun } from "../deploy/plan-deploy-run.js";
import { resolveEnvironment } from "../deploy/resolve-environment.js";
import { runRollback } from "../deploy/run-rollback.js";
import { exitCodeOf } from "./deploy-command.js";
import type { GitHubFlags } from "./github-flags.js";
import { holdExitFor } from "./hold-exit.js";
import { actorOf, loadDeployConfig, runUrlOf } from "./load-deploy-config.js";
import type { GlobalOptions } from "./main.js";
import { openDeployPorts } from "./open-deploy-ports.js";
import { printDeployWarning, showDeployProgress } from "./show-deploy-progress.js";

export interface RollbackCommandOptions extends GlobalOptions, GitHubFlags {
  env?: string;
  to?: string;
  reason?: string;
  /** What fired it: manual_trigger (this command, the default) or monitoring_failure (a failed verify --watch). */
  trigger?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** `rollback`: the manual trigger; exit 0 rolled back, 1 a step failed, 130 interrupted. */
export async function runRollbackCommand(
  opts: RollbackCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const config = await loadDeployConfig(opts.config);
  resolveEnvironment(config, opts.env);
  const ports = await openDeployPorts(config, {
    flags: opts,
    ...(opts.env !== undefined && { envName: opts.env }),
    onWarning: printDeployWarning,
  });
  const request = {
    config,
    ...(opts.env !== undefined && { environment: opts.env }),
    ...(opts.to !== undefined && { to: opts.to }),
    ...(opts.reason !== undefined && { reason: opts.reason }),
    ...(opts.trigger !== undefined && { trigger: opts.trigger }),
    actor: actorOf(process.env),
    ...(runUrlOf(process.env) !== undefined && { runUrl: runUrlOf(process.env)! }),
    ...(signal && { signal }),
  };
  if (opts.dryRun) {
    const plan = await planRollbackRun(request, ports);
    process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : renderDeployPlan(plan));
    return ExitCode.Ok;
  }
  const report = await holdExitFor(
    runRollback({ ...request, progress: showDeployProgress(opts) }, ports),
    10_000,
  );
  if ("alreadyLive" in report) {
    const what = [report.version, report.commit?.slice(0, 7)].filter(Boolean).join(" ");
    process.stdout.write(
      opts.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${escapeTerminal(what)} is already live in ${escapeTerminal(report.environment)}: nothing was rolled back.\n`,
    );
    return ExitCode.Ok;
  }
  process.stdout.write(
    opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderDeployOutcome(report.record),
  );
  return exitCodeOf(report.record);
}
