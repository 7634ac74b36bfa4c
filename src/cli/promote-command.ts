import { createDeployLockFiles } from "../adapters/deploy-lock-files.js";
import { nodeFiles } from "../adapters/node-files.js";
import { systemClock } from "../adapters/clocks.js";
import { ExitCode } from "../errors.js";
import { promoteDeploy } from "../deploy/promote-deploy.js";
import { resolveEnvironment } from "../deploy/resolve-environment.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { actorOf, loadDeployConfig } from "./load-deploy-config.js";
import type { GlobalOptions } from "./main.js";

export interface PromoteCommandOptions extends GlobalOptions {
  env?: string;
  full?: boolean;
  json?: boolean;
}

/** `promote`: lets the deploy waiting in a canary pause go on (--full: past every remaining pause). */
export async function runPromoteCommand(opts: PromoteCommandOptions): Promise<number> {
  const config = await loadDeployConfig(opts.config);
  const site = resolveEnvironment(config, opts.env);
  const promoted = await promoteDeploy(
    { config, environment: site.environment, actor: actorOf(process.env), full: Boolean(opts.full) },
    { locks: createDeployLockFiles(site.strategy.locksDir), files: nodeFiles, clock: systemClock },
  );
  process.stdout.write(
    opts.json
      ? `${JSON.stringify({ ...promoted, full: Boolean(opts.full) }, null, 2)}\n`
      : `Promoted ${escapeTerminal(promoted.recordId)}${opts.full ? " past every remaining pause" : ""}: the deploy goes on at its next check.\n`,
  );
  return ExitCode.Ok;
}
