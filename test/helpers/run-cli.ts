import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./repo-paths.js";

export const cliPath = join(repoRoot, "bin", "shipready.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, in `cwd`, with a clean colour-free environment. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: cliEnv(options.env),
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI without waiting, for tests that race or interrupt it. */
export function startCli(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  return spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: cliEnv(options.env) });
}

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...extra };
  return env;
}

/**
 * Runs the built CLI without blocking this process, for tests whose fakes (GitHub, health endpoints)
 * are servers in this process and must keep answering while the CLI runs.
 */
export function runCliAsync(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
