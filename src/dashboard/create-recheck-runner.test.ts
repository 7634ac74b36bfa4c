import assert from "node:assert/strict";
import { test } from "node:test";
import { createRecheckRunner, type RunReason } from "./create-recheck-runner.js";

/** A load that finishes when the test says so. */
function controlledLoads() {
  const pending: { reason: RunReason; finish: (value: number) => void; fail: (e: Error) => void }[] = [];
  const load = (reason: RunReason) =>
    new Promise<number>((finish, fail) => pending.push({ reason, finish, fail }));
  return { pending, load };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("one re-check at a time: a second ask while one runs is refused", async () => {
  const { pending, load } = controlledLoads();
  const done: [RunReason, number][] = [];
  const runner = createRecheckRunner(0, { load, onDone: (r, v) => done.push([r, v]), onFailed: () => {} });
  const first = runner.recheck();
  assert.ok(first);
  assert.ok(runner.busy);
  assert.equal(runner.recheck(), null);
  pending[0]!.finish(1);
  await first;
  assert.equal(runner.busy, false);
  assert.equal(runner.current, 1);
  assert.deepEqual(done, [["recheck", 1]]);
  assert.ok(runner.recheck(), "free again once it ended");
});

test("reloads asked for during a run make one reload after it", async () => {
  const { pending, load } = controlledLoads();
  const done: RunReason[] = [];
  const runner = createRecheckRunner(0, { load, onDone: (r) => done.push(r), onFailed: () => {} });
  const first = runner.recheck()!;
  runner.reload();
  runner.reload();
  const idle = runner.idle();
  pending[0]!.finish(1);
  await first;
  await tick();
  assert.equal(pending.length, 2);
  assert.equal(pending[1]!.reason, "reload");
  pending[1]!.finish(2);
  await idle;
  assert.deepEqual(done, ["recheck", "reload"]);
  assert.equal(runner.current, 2);
});

test("a failed run keeps the last input and says why", async () => {
  const { pending, load } = controlledLoads();
  const failures: string[] = [];
  const runner = createRecheckRunner(7, {
    load,
    onDone: () => assert.fail("not done"),
    onFailed: (reason, error) => failures.push(`${reason}: ${(error as Error).message}`),
  });
  const run = runner.recheck()!;
  pending[0]!.fail(new Error("the checklist has no gates"));
  await run;
  assert.equal(runner.current, 7);
  assert.deepEqual(failures, ["recheck: the checklist has no gates"]);
});

test("after close nothing starts, and a run that ends is not reported", async () => {
  const { pending, load } = controlledLoads();
  const done: number[] = [];
  const runner = createRecheckRunner(0, { load, onDone: (_r, v) => done.push(v), onFailed: () => {} });
  runner.recheck();
  const closing = runner.close();
  assert.equal(runner.recheck(), null);
  runner.reload();
  pending[0]!.finish(1);
  await closing;
  assert.deepEqual(done, []);
  assert.equal(pending.length, 1);
});
