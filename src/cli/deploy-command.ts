import { ExitCode } from "../errors.js";
import { renderDeployOutcome, renderDeployPlan } from "../deploy/core/render-deploy-text.js";
import { planDeployRun } from "../deploy/plan-deploy-run.js";
import { resolveEnvironment } from "../deploy/resolve-environment.js";
import { runDeploy } from "../deploy/run-deploy.js";
import type { DeployRecord } from "../deploy/types.js";
import type { GitHubFlags } from "./github-flags.js";
import { holdExitFor } from "./hold-exit.js";
import { actorOf, loadDeployConfig, runUrlOf } from "./load-deploy-config.js";
import type { GlobalOptions } from "./main.js";
import { openDeployPorts } from "./open-deploy-ports.js";
import { printDeployWarning, showDeployProgress } from "./show-deploy-progress.js";

export interface DeployCommandOptions extends GlobalOptions, GitHubFlags {
  env?: string;
  /** --version, renamed on the way in (main.ts) so that it is not the program's own --version. */
  versionToDeploy?: string;
  dryRun?: boolean;
  resume?: boolean;
  json?: boolean;
}

/** How long an interrupted deploy may take to record that it was, before the process exits anyway. */
const RECORD_ON_INTERRUPT_MS = 10_000;

/** `deploy`: the release workflow for HEAD in one environment, printing each step as it runs. */
export async function runDeployCommand(opts: DeployCommandOptions, signal?: AbortSignal): Promise<number> {
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
    ...(opts.versionToDeploy !== undefined && { version: opts.versionToDeploy }),
    resume: Boolean(opts.resume),
    actor: actorOf(process.env),
    ...(runUrlOf(process.env) !== undefined && { runUrl: runUrlOf(process.env)! }),
    ...(signal && { signal }),
  };
  if (opts.dryRun) {
    const plan = await planDeployRun(request, ports);
    process.stdout.write(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : renderDeployPlan(plan));
    return ExitCode.Ok;
  }
  const report = await holdExitFor(
    runDeploy({ ...request, progress: showDeployProgress(opts) }, ports),
    RECORD_ON_INTERRUPT_MS,
  );
  process.stdout.write(
    opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderDeployOutcome(report.record),
  );
  return exitCodeOf(report.record);
}

/** 0 deployed and verified (or rolled back by hand), 130 interrupted, 1 anything else. */
export function exitCodeOf(record: DeployRecord): number {
  if (record.outcome === "succeeded") return ExitCode.Ok;
  if (record.outcome === "interrupted") return ExitCode.Interrupted;
  return ExitCode.NotReady;
}
