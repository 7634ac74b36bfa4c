import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { repoRoot } from "./repo-paths.js";
import { freePort } from "./start-prometheus.js";

export const exampleServiceScript = join(repoRoot, "examples", "deploy", "service.mjs");

export interface ExampleService {
  /** http://127.0.0.1:<port> */
  url: string;
  /** host:port, as a Prometheus target. */
  target: string;
  stateDir: string;
  /** The environment service.mjs needs to reach this instance (SERVICE_STATE_DIR, PORT). */
  env: Record<string, string>;
  /** Runs `node service.mjs <args>` against this instance; throws when it fails. */
  run(...args: string[]): string;
  /** Stops the supervisor and the server, and removes the state folder. */
  stop(): Promise<void>;
}

/**
 * The example service of examples/deploy as a user starts it (`node service.mjs up`), on 127.0.0.1
 * and a free port, with its state in a temporary folder and `rate` requests a second of load.
 */
export async function startExampleService(
  options: { version?: string; rate?: number } = {},
): Promise<ExampleService> {
  const stateDir = mkdtempSync(join(tmpdir(), "shipready-example-"));
  const port = await freePort();
  const env = { SERVICE_STATE_DIR: stateDir, PORT: String(port) };
  const childEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env, RATE: String(options.rate ?? 20) };
  const run = (...args: string[]): string => {
    const result = spawnSync(process.execPath, [exampleServiceScript, ...args], {
      env: childEnv,
      encoding: "utf8",
    });
    if (result.status !== 0)
      throw new Error(`service.mjs ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    return result.stdout;
  };
  if (options.version) run("set-version", options.version);
  const supervisor: ChildProcess = spawn(process.execPath, [exampleServiceScript, "up"], {
    env: childEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = spawnSync(process.execPath, [exampleServiceScript, "status"], {
      env: childEnv,
      encoding: "utf8",
    });
    if (status.status === 0) break;
    if (Date.now() > deadline || supervisor.exitCode !== null)
      throw new Error("the example service did not start");
    await delay(100);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    stateDir,
    env,
    run,
    stop: async () => {
      if (supervisor.exitCode === null) {
        const exited = new Promise((resolve) => supervisor.once("exit", resolve));
        supervisor.kill("SIGTERM");
        await Promise.race([exited, delay(10_000, undefined, { ref: false })]);
        if (supervisor.exitCode === null) supervisor.kill("SIGKILL");
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
