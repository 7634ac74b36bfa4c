import assert from "node:assert/strict";
import { test } from "node:test";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import type { MetricSource } from "../deploy/types.js";
import { createCommandMetricReader, readOutcome } from "./command-metric-reader.js";
import { createShellExec } from "./shell-exec.js";

const dir = makeTempDir();
const reader = createCommandMetricReader({
  shell: createShellExec({ graceMs: 200 }),
  env: { PATH: process.env.PATH, SECRET_TOKEN: "never-passed-on" },
  cwd: dir,
  vars: { REGION: "eu-west-1" },
});
const command = (run: string, timeoutMs = 5000): MetricSource => ({ kind: "command", run, timeoutMs });

test("the number on the last line is the sample; without one, the exit status", async () => {
  assert.equal((await reader.sample(command("echo checking; echo 0.042"), { windowMs: 1 })).value, 0.042);
  assert.equal((await reader.sample(command("true"), { windowMs: 1 })).value, 1);
  const failed = await reader.sample(command("echo 'queue too deep' >&2; exit 3"), { windowMs: 1 });
  assert.deepEqual([failed.value, failed.note], [0, "exited 3: queue too deep"]);
  assert.equal(
    (await reader.sample(command('test "$REGION" = eu-west-1 && test -z "$SECRET_TOKEN"'), { windowMs: 1 }))
      .value,
    1,
  );
  assert.equal((await reader.sample(command("pwd"), { windowMs: 1 })).value, 1);
});

test("a command that times out, or is stopped, gives no data", async () => {
  const slow = await reader.sample(command("sleep 5", 100), { windowMs: 1 });
  assert.equal(slow.value, null);
  assert.equal(slow.note, "timed out after 100 ms");
  const stopped = await reader.sample(command("sleep 5"), { windowMs: 1, signal: AbortSignal.abort() });
  assert.equal(stopped.value, null);
});

test("table: what a finished command gives", () => {
  const table: [number | null, boolean, string[], number | null, string | undefined][] = [
    [0, false, ["12"], 12, undefined],
    [0, false, ["-1.5e-3", ""], -0.0015, undefined],
    [0, false, ["value: 12"], 1, undefined],
    [0, false, [], 1, undefined],
    [2, false, ["12"], 0, "exited 2: 12"],
    [null, true, [], null, "timed out after 10 ms"],
    [null, false, [], null, "stopped before it finished"],
  ];
  for (const [exit, timedOut, tail, value, note] of table) {
    const got = readOutcome(exit, timedOut, tail, 10);
    assert.equal(got.value, value, JSON.stringify(tail));
    assert.equal(got.note, note);
  }
});
