import { hostname } from "node:os";
import { basename, relative } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { createDeployLockFiles } from "../adapters/deploy-lock-files.js";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { deployGitCli } from "../adapters/git/deploy-git-cli.js";
import type { ShipreadyConfig } from "../config/types.js";
import { verifyDeploy } from "../deploy/verify-deploy.js";
import { systemTimer } from "../adapters/clocks.js";
import { createMetricReader } from "../adapters/create-metric-reader.js";
import type { DeployRunPorts } from "../deploy/run-types.js";
import { metricSecretNames } from "../deploy/core/metric-secret-names.js";
import { secretsOfEnvironment } from "../shared/find-secrets.js";
import { gitHubAccessOf, type GitHubFlags } from "./github-flags.js";
import { openDeployEvents } from "./open-deploy-events.js";

/**
 * The adapters of a deploy or a rollback on this machine, for a loaded config with a strategy: the
 * shell, git, the records file, the locks, verification through the metric readers, and what the
 * deploy tells (GitHub's deployment and the incident issue when a token is found, Slack and webhooks).
 */
export async function openDeployPorts(
  config: ShipreadyConfig,
  options: { flags: GitHubFlags; envName?: string; onWarning(message: string): void },
): Promise<DeployRunPorts> {
  const { flags, envName, onWarning } = options;
  const strategy = config.strategy!;
  const base = createDefaultPorts({ github: gitHubAccessOf(flags) });
  // The variables a metric's headers or Sentry token name are secrets, whatever their names say.
  base.secrets?.add(secretsOfEnvironment(base.env, metricSecretNames(strategy.metrics)));
  const environment = strategy.environments.find((e) => e.name === (envName ?? strategy.defaultEnvironment));
  const reader = createMetricReader({
    http: base.http,
    shell: base.shell,
    env: base.env,
    cwd: config.root,
    vars: environment?.vars ?? {},
    ...(base.secrets && { redact: base.secrets.redact }),
  });
  const records = deployRecordsFile(strategy.recordsFile, { onWarning });
  // GitHub's deployment and the incident issue when a token is found, Slack and webhooks when notify: has targets.
  const events = await openDeployEvents({
    records,
    config,
    cwd: config.root,
    ports: base,
    configLabel: config.file ? relative(process.cwd(), config.file) || basename(config.file) : null,
    // Not the Ctrl+C signal: the "interrupted" messages go out after it fired (the exit waits for them, within its limit).
    onWarning,
  });
  return {
    ...base,
    timer: systemTimer,
    records,
    events,
    locks: createDeployLockFiles(strategy.locksDir),
    deployGit: deployGitCli,
    verify: (request) => verifyDeploy(request, { reader, timer: systemTimer }),
    checkSource: (source, signal) => reader.check(source, signal ? { signal } : {}),
    self: { pid: process.pid, host: hostname() },
  };
}
