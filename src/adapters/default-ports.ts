import type { Clock } from "../ports.js";
import type { RunPorts } from "../delivery/ports.js";
import { systemClock } from "./clocks.js";
import { gitCli } from "./git/git-cli.js";
import { nodeFiles } from "./node-files.js";
import type { GitHubAccessOptions } from "./github/open-github.js";
import { secretsOfEnvironment } from "../shared/find-secrets.js";
import { createSecretKeeper, type SecretKeeper } from "../shared/secret-keeper.js";
import { processSecrets } from "./process-secrets.js";

export interface DefaultPortsOptions {
  clock?: Clock;
  /** --token, --repo, --api-url; the environment is read for the rest. */
  github?: Omit<GitHubAccessOptions, "env" | "secrets">;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the run's secrets are kept (default: this process's, or a new one for an `env` of its own). */
  secrets?: SecretKeeper;
}

/**
 * The adapters of a local run: disk, git, processes, HTTP, and GitHub. Each heavy one (SQLite,
 * Octokit, the shell and the prober) is loaded only when the run first needs it.
 */
export function createDefaultPorts(options: DefaultPortsOptions = {}): RunPorts {
  const env = options.env ?? process.env;
  const secrets =
    options.secrets ?? (options.env ? createSecretKeeper(secretsOfEnvironment(env)) : processSecrets);
  secrets.add([options.github?.token]);
  return {
    files: nodeFiles,
    git: gitCli,
    clock: options.clock ?? systemClock,
    env,
    secrets,
    shell: {
      run: async (command, runOptions) =>
        (await import("./shell-exec.js")).shellExec.run(command, runOptions),
    },
    http: {
      get: async (url, getOptions) => (await import("./http-probe.js")).httpProbe.get(url, getOptions),
    },
    notifier: {
      post: async (target, payload, postOptions) =>
        (await import("./webhook-sender.js")).webhookSender.post(target, payload, postOptions),
    },
    hooks: {
      locate: async (cwd) => (await import("./git/git-hook-folder.js")).gitHookFolder.locate(cwd),
      read: async (path) => (await import("./git/git-hook-folder.js")).gitHookFolder.read(path),
      exists: async (path) => (await import("./git/git-hook-folder.js")).gitHookFolder.exists(path),
      writeExecutable: async (path, text) =>
        (await import("./git/git-hook-folder.js")).gitHookFolder.writeExecutable(path, text),
      remove: async (path) => (await import("./git/git-hook-folder.js")).gitHookFolder.remove(path),
    },
    openHistory: async (settings) => {
      const { openHistoryStore } = await import("./open-history-store.js");
      return openHistoryStore(settings);
    },
    releaseTags: {
      findLastRelease: async (dir, to, pattern) =>
        (await import("./git/git-release-tags.js")).gitReleaseTags.findLastRelease(dir, to, pattern),
    },
    openGitHub: async (settings, dir, why) => {
      const { openGitHub } = await import("./github/open-github.js");
      return openGitHub(settings, dir, { ...options.github, env, secrets }, gitCli, why);
    },
  };
}
