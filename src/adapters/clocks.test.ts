import assert from "node:assert/strict";
import { test } from "node:test";
import { systemTimer } from "./clocks.js";

test("the timer sleeps at least as long as asked", async () => {
  const start = performance.now();
  await systemTimer.sleep(30);
  assert.ok(performance.now() - start >= 29);
});

test("an abort ends a sleep at once with the signal's reason, before or during it", async () => {
  const reason = new Error("stop");
  await assert.rejects(systemTimer.sleep(10, AbortSignal.abort(reason)), (error) => error === reason);
  const controller = new AbortController();
  const sleeping = systemTimer.sleep(60_000, controller.signal);
  setTimeout(() => controller.abort(reason), 5);
  await assert.rejects(sleeping, (error) => error === reason);
});

test("a zero or negative sleep resolves", async () => {
  await systemTimer.sleep(0);
  await systemTimer.sleep(-5);
});
