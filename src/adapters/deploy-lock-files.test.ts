import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { createDeployLockFiles } from "./deploy-lock-files.js";

const holder = (recordId: string, pid = process.pid, host = hostname()) => ({
  pid,
  host,
  recordId,
  startedAt: "2026-01-01T00:00:00.000Z",
  command: "deploy",
});

test("one holder at a time per environment; the lock file names it; release gives it back", async () => {
  const dir = makeTempDir();
  const locks = createDeployLockFiles(join(dir, "locks"));
  const first = await locks.acquire("production", holder("a"));
  assert.ok(first.acquired && first.tookOverFrom === null);
  const second = await locks.acquire("production", holder("b"));
  assert.ok(!second.acquired);
  assert.equal(second.holder.recordId, "a");
  assert.equal(JSON.parse(readFileSync(second.file, "utf8")).recordId, "a");
  const other = await locks.acquire("staging", holder("c"));
  assert.ok(other.acquired, "environments lock apart");
  await first.release();
  assert.equal(await locks.holder("production"), null);
  assert.ok((await locks.acquire("production", holder("d"))).acquired);
});

test("two deploys that start together: exactly one gets the lock", async () => {
  const dir = makeTempDir();
  const locks = createDeployLockFiles(join(dir, "locks"));
  const attempts = await Promise.all(
    ["a", "b", "c", "d"].map((id) => locks.acquire("production", holder(id))),
  );
  assert.equal(attempts.filter((a) => a.acquired).length, 1);
});

test("a holder gone from this host is taken over; one on another host never is", async () => {
  const dir = makeTempDir();
  const locks = createDeployLockFiles(join(dir, "locks"));
  const dead = Number(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim());
  await locks.acquire("production", holder("old", dead));
  const taken = await locks.acquire("production", holder("new"));
  assert.ok(taken.acquired);
  assert.equal(taken.tookOverFrom?.recordId, "old");
  await taken.release();
  await locks.acquire("production", holder("far", dead, "another-host.example"));
  assert.ok(!(await locks.acquire("production", holder("new"))).acquired);
});

test("a release after a take-over does not remove the new holder's lock", async () => {
  const dir = makeTempDir();
  const locks = createDeployLockFiles(join(dir, "locks"));
  const mine = await locks.acquire("production", holder("mine"));
  assert.ok(mine.acquired);
  writeFileSync(join(dir, "locks", "production.lock"), JSON.stringify(holder("theirs")));
  await mine.release();
  assert.equal((await locks.holder("production"))?.recordId, "theirs");
});

test("a lock file shipready did not write is an error saying to remove it when no deploy runs", async () => {
  const dir = makeTempDir();
  mkdirSync(join(dir, "locks"));
  writeFileSync(join(dir, "locks", "production.lock"), "garbage");
  const locks = createDeployLockFiles(join(dir, "locks"));
  await assert.rejects(locks.acquire("production", holder("x")), /not one shipready wrote/);
});
