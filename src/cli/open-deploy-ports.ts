import { hostname } from "node:os";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { createDeployLockFiles } from "../adapters/deploy-lock-files.js";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { deployGitCli } from "../adapters/git/deploy-git-cli.js";
import type { ShipreadyConfig } from "../config/types.js";
import type { DeployEvents, Timer } from "../deploy/ports.js";
import type { DeployRunPorts } from "../deploy/run-types.js";
import { gitHubAccessOf, type GitHubFlags } from "./github-flags.js";

/** A timer on the system clock; sleeps end early when their signal aborts. */
const timer: Timer = {
  now: () => new Date(),
  sleep: async (ms, signal) => {
    const { setTimeout: delay } = await import("node:timers/promises");
    await delay(ms, undefined, signal ? { signal } : {});
  },
};

/** Tells no one: the listeners (GitHub Deployment statuses, the incident issue, Slack) are not part of this build yet. */
const noListeners: DeployEvents = { emit: async () => ({}) };

/** The adapters of a deploy, a rollback or a promotion on this machine, for a loaded config with a strategy. */
export async function openDeployPorts(
  config: ShipreadyConfig,
  flags: GitHubFlags,
  onWarning: (message: string) => void,
): Promise<DeployRunPorts> {
  const strategy = config.strategy!;
  return {
    ...createDefaultPorts({ github: gitHubAccessOf(flags) }),
    timer,
    records: deployRecordsFile(strategy.recordsFile, { onWarning }),
    events: noListeners,
    locks: createDeployLockFiles(strategy.locksDir),
    deployGit: deployGitCli,
    verify: async () => ({
      verdict: "inconclusive",
      metrics: [],
      reason: "verification over a window is not part of this build yet, so nothing could be verified",
    }),
    checkSource: async () => null,
    self: { pid: process.pid, host: hostname() },
  };
}
