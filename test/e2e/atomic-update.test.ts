import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { makeBigChecklist } from "../helpers/make-big-checklist.js";
import { runCli, startCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const BIG = makeBigChecklist(6000);

/** The text a completed update produces at `now`, computed on a copy. */
function expectedAfterUpdate(now: string): string {
  const dir = makeTempDir();
  const file = join(dir, "checklist.md");
  writeFileSync(file, BIG);
  assert.equal(runCli(["update", file, "--now", now, "--no-history"], { cwd: dir }).code, 0);
  return readFileSync(file, "utf8");
}

test("two updates racing on one checklist take turns: both succeed, both are recorded, the file is whole", async () => {
  const dir = makeTempDir();
  const file = join(dir, "checklist.md");
  writeFileSync(file, BIG);
  const runs = ["2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z"].map((now) =>
    startCli(["update", file, "--now", now, "--record", "always"], { cwd: dir }),
  );
  const codes = await Promise.all(runs.map(async (child) => (await once(child, "exit"))[0]));
  assert.deepEqual(codes, [0, 0]);
  const final = readFileSync(file, "utf8");
  const outcomes = [expectedAfterUpdate("2026-11-22T09:00:00Z"), expectedAfterUpdate("2026-11-22T10:00:00Z")];
  assert.ok(outcomes.includes(final), "the file is exactly one run's complete output");
  const history = readFileSync(join(dir, ".shipready", "history.jsonl"), "utf8")
    .trim()
    .split("\n");
  assert.deepEqual(history.map((l) => JSON.parse(l).at).sort(), [
    "2026-11-22T09:00:00.000Z",
    "2026-11-22T10:00:00.000Z",
  ]);
});

test("an update killed at any moment leaves the old file or the new one, never a mix; the next run recovers", async () => {
  const dir = makeTempDir();
  const file = join(dir, "checklist.md");
  const now = "2026-11-22T09:00:00Z";
  const after = expectedAfterUpdate(now);
  for (const delay of [5, 40, 80, 120, 160, 200, 260, 320, 400, 500, 650, 800]) {
    writeFileSync(file, BIG);
    const child = startCli(["update", file, "--now", now, "--no-history"], { cwd: dir });
    await sleep(delay);
    child.kill("SIGKILL");
    await exited(child);
    const text = readFileSync(file, "utf8");
    assert.ok(
      text === BIG || text === after,
      `killed after ${delay} ms: the file is neither the old nor the new one`,
    );
  }
  writeFileSync(file, BIG);
  // A lock left by the last killed run is broken once stale; the run then completes.
  const recovered = runCli(["update", file, "--now", now, "--no-history"], { cwd: dir });
  assert.equal(recovered.code, 0, recovered.stderr);
  assert.equal(readFileSync(file, "utf8"), after);
});

test("Ctrl+C during an update exits 130 and leaves a whole file", async () => {
  const dir = makeTempDir();
  const file = join(dir, "checklist.md");
  writeFileSync(file, BIG);
  const after = expectedAfterUpdate("2026-11-22T09:00:00Z");
  const child = startCli(["update", file, "--now", "2026-11-22T09:00:00Z", "--no-history"], { cwd: dir });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  await sleep(250);
  child.kill("SIGINT");
  const [code, signal] = await exited(child);
  const text = readFileSync(file, "utf8");
  assert.ok(text === BIG || text === after);
  if (signal === "SIGINT") {
    // On a loaded machine Node may still be starting when the signal comes, before shipready
    // handles it: the default action ends the process, and nothing can have been written.
    assert.equal(text, BIG);
  } else if (code !== 0) {
    assert.equal(code, 130);
    assert.match(stderr, /interrupted/);
  }
  assert.deepEqual(
    readdirSync(dir).filter((f) => f !== "checklist.md" && !f.endsWith(".lock")),
    [],
    "no temp files left behind",
  );
});

/** Waits for a child to end; a child that ended already (a fast run) is not waited for forever. */
async function exited(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return [child.exitCode, child.signalCode];
  return (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
}
