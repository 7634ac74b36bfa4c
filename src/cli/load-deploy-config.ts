import { nodeFiles } from "../adapters/node-files.js";
import { gitCli } from "../adapters/git/git-cli.js";
import { loadConfig } from "../config/load-config.js";
import type { ShipreadyConfig } from "../config/types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

/** shipready.yml for deploy, rollback and promote: --config, else the nearest one up from here. Invalid: ConfigError (exit 2), nothing run. */
export async function loadDeployConfig(configFlag: string | undefined): Promise<ShipreadyConfig> {
  const cwd = process.cwd();
  const { config, warnings } = await loadConfig(
    { cwd, near: cwd, ...(configFlag !== undefined && { config: configFlag }) },
    { files: nodeFiles, git: gitCli },
  );
  for (const w of warnings) {
    const at = w.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ` : "";
    process.stderr.write(`shipready: ${escapeTerminal(`${at}${w.message}`)}\n`);
  }
  return config;
}

/** Who runs it: GITHUB_ACTOR in Actions, else the OS user. */
export function actorOf(env: Readonly<Record<string, string | undefined>>): string | null {
  return env.GITHUB_ACTOR ?? env.USER ?? env.USERNAME ?? null;
}

/** The CI run's address, in GitHub Actions. */
export function runUrlOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
