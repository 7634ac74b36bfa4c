/**
 * The preflight part of `npm run bench` (issue 18, "Speed"): `shipready preflight` on the example
 * (examples/, in a temporary git repository) against the commands it runs, which are the example's
 * command evidence run through sh as the Shell adapter runs them. The anchor is what preflight adds
 * over those commands: < 150 ms. Also shown: the same beyond a bare start of the CLI (`--version`:
 * Node's start and the command-line parser), and in process (runPreflight, warm) beyond the
 * commands. Children run without NODE_EXTRA_CA_CERTS.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDefaultPorts } from "../src/adapters/default-ports.js";
import { runPreflight } from "../src/readiness/run-preflight.js";
import { median } from "./median.js";

export interface PreflightBenchRow {
  name: string;
  median: string;
  min: string;
  target: string;
  verdict: string;
}

const RUNS = 11;
const TARGET_MS = 150;

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.CI;
  return env;
}

/** Milliseconds of each of RUNS runs of `fn`, after one warm-up. */
function timeRuns(fn: () => void): number[] {
  fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}

async function timeRunsAsync(fn: () => Promise<void>): Promise<number[]> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

function run(command: string, args: string[], cwd: string, expect = 0): void {
  const result = spawnSync(command, args, { cwd, env: childEnv(), encoding: "utf8" });
  if (result.status !== expect) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stdout}${result.stderr}`);
  }
}

/** The example's command evidence, as preflight runs it (shipready.yml's `run:` lines). */
function exampleCommands(dir: string): string[] {
  const config = fs.readFileSync(path.join(dir, "shipready.yml"), "utf8");
  return [...config.matchAll(/command: \{ run: "([^"]+)"/g)].map((m) => m[1]!);
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

export async function benchPreflight(bin: string, root: string, dir: string): Promise<PreflightBenchRow[]> {
  fs.cpSync(path.join(root, "examples"), dir, { recursive: true });
  run("git", ["init", "-q", "-b", "main"], dir);
  run("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "add", "-A"], dir);
  run(
    "git",
    ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "chore: example"],
    dir,
  );
  const commands = exampleCommands(dir);
  const commandTimes = timeRuns(() => {
    for (const command of commands) run("sh", ["-c", command], dir);
  });
  const preflight = timeRuns(() => run(process.execPath, [bin, "preflight"], dir));
  const start = timeRuns(() => run(process.execPath, [bin, "--version"], dir));
  const check = timeRuns(() => run(process.execPath, [bin, "score"], dir));
  const ports = createDefaultPorts({ env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  const inProcess = await timeRunsAsync(async () => {
    const result = await runPreflight({ cwd: dir }, ports);
    if (!result.verdict.ok) throw new Error("preflight blocks on the example");
  });
  const commandsMs = median(commandTimes);
  const added = median(preflight) - commandsMs;
  const beyondStart = added - median(start);
  const inProcessAdded = median(inProcess) - commandsMs;
  const verdict = (value: number): string => (value < TARGET_MS ? "ok" : "MISSED");
  return [
    {
      name: `the commands preflight runs (${commands.join("; ")}), through sh`,
      median: ms(commandsMs),
      min: ms(Math.min(...commandTimes)),
      target: "",
      verdict: "",
    },
    {
      name: "shipready preflight on the example (whole process)",
      median: ms(median(preflight)),
      min: ms(Math.min(...preflight)),
      target: "",
      verdict: "",
    },
    {
      name: "  preflight minus its commands",
      median: ms(added),
      min: "",
      target: `< ${TARGET_MS} ms`,
      verdict: verdict(added),
    },
    {
      name: "shipready --version (Node and the CLI starting)",
      median: ms(median(start)),
      min: ms(Math.min(...start)),
      target: "",
      verdict: "",
    },
    {
      name: "shipready score on the example (the same run, all evidence, for comparison)",
      median: ms(median(check)),
      min: ms(Math.min(...check)),
      target: "",
      verdict: "",
    },
    {
      name: "  preflight minus its commands and the CLI's start",
      median: ms(beyondStart),
      min: "",
      target: `< ${TARGET_MS} ms`,
      verdict: verdict(beyondStart),
    },
    {
      name: "  runPreflight in process (warm) minus its commands",
      median: ms(inProcessAdded),
      min: ms(Math.min(...inProcess) - commandsMs),
      target: `< ${TARGET_MS} ms`,
      verdict: verdict(inProcessAdded),
    },
  ];
}
