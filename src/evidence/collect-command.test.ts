import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isProcessRunning } from "../../test/helpers/is-process-running.js";
import { EVIDENCE_NOW, makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { makeTempTree } from "../../test/helpers/make-temp-tree.js";
import { createShellExec } from "../adapters/shell-exec.js";
import type { Shell } from "../ports.js";
import type { CommandSpec } from "./types.js";
import { collectCommand } from "./collect-command.js";
import type { EvidenceContext } from "./evidence-context.js";

const root = makeTempTree({ "pkg/marker.txt": "in pkg\n" });

function contextWith(
  signal?: AbortSignal,
  env: Record<string, string | undefined> = process.env,
): EvidenceContext {
  return makeEvidenceContext(root, {
    shell: createShellExec({ graceMs: 100, drainMs: 50 }),
    env,
    ...(signal && { signal }),
  });
}

function spec(run: string, extra: Partial<CommandSpec> = {}): CommandSpec {
  return { kind: "command", run, timeoutMs: 10_000, ...extra };
}

describe("collectCommand", { skip: process.platform === "win32" && "POSIX shell semantics" }, () => {
  it("passes on exit 0 with provenance and the output tail", async () => {
    const result = await collectCommand(spec("echo building; echo built"), contextWith());
    assert.deepEqual(result, {
      outcome: "pass",
      provenance: {
        kind: "command",
        source: "echo building; echo built",
        observedAt: EVIDENCE_NOW.toISOString(),
      },
      details: ["building", "built"],
    });
  });

  it("fails naming the exit code and the last line", async () => {
    const result = await collectCommand(
      spec("echo step one; echo 'lint: 3 problems'; exit 2"),
      contextWith(),
    );
    assert.equal(result.outcome, "fail");
    assert.equal(result.provenance.message, "exited with code 2: lint: 3 problems");
    assert.deepEqual(result.details, ["step one", "lint: 3 problems"]);
  });

  it("says when a failing command printed nothing", async () => {
    const result = await collectCommand(spec("exit 1"), contextWith());
    assert.equal(result.provenance.message, "exited with code 1 and printed nothing");
  });

  it("warns for an exit code listed in warnExitCodes", async () => {
    const result = await collectCommand(
      spec("echo outdated deps; exit 3", { warnExitCodes: [3, 4] }),
      contextWith(),
    );
    assert.equal(result.outcome, "warn");
    assert.match(result.provenance.message!, /exited with code 3, which counts as a warning: outdated deps/);
  });

  it("fails a missing command with exit 127", async () => {
    const result = await collectCommand(spec("shipready-no-such-tool --check"), contextWith());
    assert.equal(result.outcome, "fail");
    assert.match(result.provenance.message!, /^exited with code 127 \(command not found\): .*not found/);
  });

  it("runs in cwd relative to the root", async () => {
    const result = await collectCommand(spec("cat marker.txt", { cwd: "pkg" }), contextWith());
    assert.equal(result.outcome, "pass");
    assert.deepEqual(result.details, ["in pkg"]);
  });

  it("is inconclusive when cwd does not exist", async () => {
    const result = await collectCommand(spec("true", { cwd: "no/such/dir" }), contextWith());
    assert.equal(result.outcome, "inconclusive");
    assert.match(result.provenance.message!, /the folder no\/such\/dir does not exist/);
  });

  it("is inconclusive at the timeout and leaves no process behind", async () => {
    const result = await collectCommand(
      spec("sleep 30 & echo $! > sleeper.pid; echo waiting; wait", { timeoutMs: 200 }),
      contextWith(),
    );
    assert.equal(result.outcome, "inconclusive");
    assert.match(result.provenance.message!, /^did not finish within 200 ms/);
    assert.deepEqual(result.details, ["waiting"]);
    assert.equal(isProcessRunning(Number(readFileSync(join(root, "sleeper.pid"), "utf8"))), false);
  });

  it("names the timeout as people say it", async () => {
    const timedOut: Shell = {
      run: async () => ({ exitCode: null, signal: "SIGTERM", timedOut: true, tail: [], durationMs: 1 }),
    };
    const cases: [number, string][] = [
      [1500, "1.5 s"],
      [45_000, "45 s"],
      [150_000, "2 min 30 s"],
      [300_000, "5 min"],
      [3_900_000, "1 h 5 min"],
    ];
    for (const [timeoutMs, words] of cases) {
      const result = await collectCommand(spec("true", { timeoutMs }), { ...contextWith(), shell: timedOut });
      assert.match(result.provenance.message!, new RegExp(`^did not finish within ${words};`));
    }
  });

  it("is inconclusive when stopped", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await collectCommand(spec("sleep 30"), contextWith(controller.signal));
    assert.equal(result.outcome, "inconclusive");
    assert.equal(result.provenance.message, "stopped before it finished");
  });

  it("gives the command the safe base and what env: names, never the token or a webhook otherwise", async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: "/home/ci",
      LC_ALL: "C.UTF-8",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_TOKEN: "ghp_not-for-commands",
      GH_TOKEN: "gho_not-for-commands",
      SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/not-for-commands",
      GITHUB_OUTPUT: "/tmp/outputs",
      AWS_SECRET_ACCESS_KEY: "not-for-commands",
      DATABASE_URL: "postgres://app@db/app",
      NODE_ENV: "production",
    };
    const names = async (listed?: string[]) => {
      const result = await collectCommand(
        spec("env | cut -d= -f1 | sort | tr '\\n' ' '", listed ? { env: listed } : {}),
        contextWith(undefined, env),
      );
      assert.equal(result.outcome, "pass", result.provenance.message);
      return result.details![0]!.trim().split(" ");
    };
    // The shell itself may add a few of its own (PWD, SHLVL): only what came from env counts.
    const passed = async (listed?: string[]) => (await names(listed)).filter((name) => name in env);
    assert.deepEqual(await passed(), ["GITHUB_SHA", "HOME", "LC_ALL", "PATH"]);
    assert.deepEqual(await passed(["DATABASE_URL", "NODE_ENV", "NOT_SET"]), [
      "DATABASE_URL",
      "GITHUB_SHA",
      "HOME",
      "LC_ALL",
      "NODE_ENV",
      "PATH",
    ]);
    assert.deepEqual(await passed(["GITHUB_TOKEN"]), [
      "GITHUB_SHA",
      "GITHUB_TOKEN",
      "HOME",
      "LC_ALL",
      "PATH",
    ]);
  });

  it("truncates a long command in the source", async () => {
    const long = `echo ${"x".repeat(300)} > /dev/null`;
    const result = await collectCommand(spec(long), contextWith());
    assert.equal(result.provenance.source.length, 200);
    assert.ok(result.provenance.source.endsWith("…"));
  });
});
