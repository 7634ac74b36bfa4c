import assert from "node:assert/strict";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isProcessRunning } from "../../test/helpers/is-process-running.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { EvidenceError } from "../errors.js";
import { createRedactor } from "../shared/create-redactor.js";
import { setTimeout as delay } from "node:timers/promises";
import { canUseCgroups, openProcessTree, type Containment } from "./process-tree.js";
import { createShellExec, shellExec } from "./shell-exec.js";

const CANARY = "canary-6f1d9a2c7e4b";
const redact = createRedactor([CANARY]);
const shell = createShellExec({ graceMs: 100, drainMs: 50 });
const env = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  SHIPREADY_CANARY_TOKEN: CANARY,
  SHORT_KEY: "abc12",
  PLAIN_VALUE: "visible-value-1",
};
const dir = makeTempDir();
const run = (
  command: string,
  options: { timeoutMs?: number; keepLines?: number; signal?: AbortSignal } = {},
) =>
  shell.run(command, {
    cwd: dir,
    env,
    timeoutMs: options.timeoutMs ?? 10_000,
    keepLines: options.keepLines ?? 20,
    signal: options.signal,
    redact,
  });

function readPid(name: string): number {
  const path = join(dir, name);
  assert.ok(existsSync(path), `${name} was written`);
  return Number(readFileSync(path, "utf8").trim());
}

describe("shellExec", { skip: process.platform === "win32" && "POSIX shell semantics" }, () => {
  it("reports the exit code of a finished command", async () => {
    const ok = await run("exit 0");
    assert.equal(ok.exitCode, 0);
    assert.equal(ok.timedOut, false);
    assert.equal(ok.signal, null);
    const failed = await run("echo nope; exit 3");
    assert.equal(failed.exitCode, 3);
    assert.deepEqual(failed.tail, ["nope"]);
  });

  it("keeps only the last lines", async () => {
    const result = await run("i=1; while [ $i -le 50 ]; do echo line $i; i=$((i+1)); done", { keepLines: 4 });
    assert.deepEqual(result.tail, ["line 47", "line 48", "line 49", "line 50"]);
  });

  it("keeps stderr lines beside stdout lines", async () => {
    // The two pipes are read independently, so only the set of lines is certain, not their order.
    const result = await run("echo to-stdout; echo to-stderr >&2");
    assert.deepEqual([...result.tail].sort(), ["to-stderr", "to-stdout"]);
  });

  it("keeps a bounded tail of a large output", async () => {
    const result = await run("seq 1 20000", { keepLines: 3 });
    assert.deepEqual(result.tail, ["19998", "19999", "20000"]);
  });

  it("cuts very long lines", async () => {
    const result = await run("head -c 100000 /dev/zero | tr '\\0' a; echo; echo after");
    assert.equal(result.tail.length, 2);
    assert.ok(result.tail[0]!.length <= 501, `line of ${result.tail[0]!.length} characters`);
    assert.ok(result.tail[0]!.endsWith("…"));
    assert.equal(result.tail[1], "after");
  });

  it("strips colours, escape sequences and control characters", async () => {
    const result = await run(
      "printf '\\033[31mred\\033[0m text\\n\\033]0;title\\007plain\\007 bell\\n'; printf 'progress 1\\rprogress 2\\rdone\\r\\n'",
    );
    assert.deepEqual(result.tail, ["red text", "plain bell", "done"]);
  });

  it("passes every line through the redactor it is given, before and after cleaning", async () => {
    const result = await run(
      'echo "token=$SHIPREADY_CANARY_TOKEN"; echo "x${SHIPREADY_CANARY_TOKEN}y" >&2; echo "$SHORT_KEY $PLAIN_VALUE"; printf "canary-6f1d\\033[0m9a2c7e4b\\n"',
    );
    assert.deepEqual([...result.tail].sort(), ["***", "abc12 visible-value-1", "token=***", "x***y"]);
    assert.ok(!JSON.stringify(result).includes(CANARY));
  });

  it("hides the start of a secret cut off at the line limit", async () => {
    const result = await run('head -c 3995 /dev/zero | tr "\\0" a; echo "$SHIPREADY_CANARY_TOKEN"');
    assert.ok(!result.tail[0]!.includes(CANARY.slice(0, 5)), result.tail[0]);
  });

  it("exits 127 for a command that does not exist", async () => {
    const result = await run("shipready-no-such-command-x9");
    assert.equal(result.exitCode, 127);
    assert.match(result.tail.join("\n"), /not found/);
  });

  it("closes stdin so a command waiting for input goes on", async () => {
    const result = await run('read answer; echo "read ended: [$answer]"');
    assert.equal(result.timedOut, false);
    assert.deepEqual(result.tail, ["read ended: []"]);
  });

  it("kills the whole process group at the timeout", async () => {
    const result = await run("sleep 30 & echo $! > timeout.pid; echo started; wait", { timeoutMs: 200 });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, null);
    assert.deepEqual(result.tail, ["started"]);
    assert.equal(isProcessRunning(readPid("timeout.pid")), false);
  });

  it("kills with SIGKILL what ignores SIGTERM", async () => {
    const result = await run("trap '' TERM; sleep 30 & echo $! > stubborn.pid; wait", { timeoutMs: 100 });
    assert.equal(result.timedOut, true);
    assert.equal(result.signal, "SIGKILL");
    assert.equal(isProcessRunning(readPid("stubborn.pid")), false);
  });

  it("stops the group when the signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await run("sleep 30 & echo $! > abort.pid; wait", { signal: controller.signal });
    assert.equal(result.timedOut, false);
    assert.equal(result.exitCode, null);
    assert.equal(isProcessRunning(readPid("abort.pid")), false);
  });

  it("does not start a command when the signal has already aborted", async () => {
    const result = await run("echo ran > ran.txt", { signal: AbortSignal.abort() });
    assert.equal(result.exitCode, null);
    assert.equal(existsSync(join(dir, "ran.txt")), false);
  });

  it("stops background processes left holding the output after the shell exits", async () => {
    const result = await run("sleep 30 & echo $! > stray.pid; echo done");
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.tail, ["done"]);
    assert.equal(isProcessRunning(readPid("stray.pid")), false);
  });

  it("runs in the given folder with exactly the environment given, nothing inherited", async () => {
    process.env.SHIPREADY_NOT_PASSED = "inherited";
    try {
      const result = await run('echo "$PLAIN_VALUE"; pwd -P; echo "[${SHIPREADY_NOT_PASSED:-}]"');
      assert.deepEqual(result.tail, ["visible-value-1", realpathSync(dir), "[]"]);
    } finally {
      delete process.env.SHIPREADY_NOT_PASSED;
    }
  });

  it("rejects with an EvidenceError when the shell cannot start", async () => {
    await assert.rejects(
      shellExec.run("true", { cwd: join(dir, "missing"), env, timeoutMs: 1000, keepLines: 5 }),
      (error: unknown) =>
        error instanceof EvidenceError &&
        /could not start the shell in .*missing: the folder does not exist/.test(error.message),
    );
  });
});

describe(
  "shellExec: what a command starts does not outlive it",
  { skip: process.platform !== "linux" && "Linux" },
  () => {
    const cgroups = canUseCgroups();
    const ways: { containment: Containment | "auto"; skip?: string | false }[] = [
      { containment: "auto" },
      { containment: "cgroup", skip: !cgroups && "no writable cgroup2 hierarchy here" },
      { containment: "proc" },
    ];

    it(`prefers a cgroup where one can be made (here: ${cgroups ? "yes" : "no"})`, () => {
      const tree = openProcessTree();
      tree.release();
      assert.equal(tree.containment, cgroups ? "cgroup" : "proc");
    });

    for (const { containment, skip } of ways) {
      const tree = createShellExec({ graceMs: 200, drainMs: 50, containment });
      const runIn = (command: string, timeoutMs = 600) =>
        tree.run(command, { cwd: dir, env, timeoutMs, keepLines: 5 });
      /** A `sleep 300` in a session of its own, writing its pid to `file` first. */
      const escapee = (file: string) => `setsid sh -c 'echo $$ > ${file}; exec sleep 300'`;
      const waitForPid = async (file: string) => {
        for (let i = 0; i < 100 && !existsSync(join(dir, file)); i++) await delay(10);
        return readPid(file);
      };

      it(`${containment}: kills at the timeout a child that called setsid`, { skip }, async () => {
        const file = `setsid-${containment}.pid`;
        const result = await runIn(`${escapee(file)} & sleep 300`);
        assert.equal(result.timedOut, true);
        assert.equal(isProcessRunning(await waitForPid(file)), false);
      });

      it(
        `${containment}: kills at the timeout a grandchild that double-forked to init`,
        { skip },
        async () => {
          const file = `double-${containment}.pid`;
          const result = await runIn(`(${escapee(file)} > /dev/null 2>&1 &); sleep 300`);
          assert.equal(result.timedOut, true);
          const pid = await waitForPid(file);
          assert.equal(isProcessRunning(pid), false, `pid ${pid} survived`);
        },
      );

      it(
        `${containment}: stops what a finished command left running in a session of its own`,
        { skip },
        async () => {
          const file = `left-${containment}.pid`;
          const result = await runIn(`${escapee(file)} > /dev/null 2>&1 & sleep 0.2; echo started`, 10_000);
          assert.equal(result.exitCode, 0);
          assert.deepEqual(result.tail, ["started"]);
          assert.equal(isProcessRunning(await waitForPid(file)), false);
        },
      );
    }

    it(
      "cgroup: kills a double-forked grandchild that cleared its environment",
      { skip: !cgroups && "no cgroups" },
      async () => {
        const shell = createShellExec({ graceMs: 200, drainMs: 50, containment: "cgroup" });
        const result = await shell.run(
          `(env -i /bin/sh -c 'setsid sh -c "echo \\$\\$ > scrubbed.pid; exec sleep 300"' > /dev/null 2>&1 &); sleep 300`,
          { cwd: dir, env, timeoutMs: 600, keepLines: 5 },
        );
        assert.equal(result.timedOut, true);
        assert.equal(isProcessRunning(readPid("scrubbed.pid")), false);
      },
    );
  },
);
