import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { test } from "node:test";
import { heldWorkSettled, holdExitFor } from "./hold-exit.js";

/** Which comes first: the exit's wait, or a sentinel far beyond every limit used here. */
async function firstOf(wait: Promise<void>): Promise<"settled" | "sentinel"> {
  const sentinel = new AbortController();
  try {
    return await Promise.race([
      wait.then(() => "settled" as const),
      delay(20_000, "sentinel" as const, { signal: sentinel.signal }),
    ]);
  } finally {
    sentinel.abort();
  }
}

test("the exit waits for held work to settle", async () => {
  let done = false;
  const work = holdExitFor(
    delay(150).then(() => {
      done = true;
    }),
    10_000,
  );
  assert.equal(await firstOf(heldWorkSettled(10)), "settled");
  assert.equal(done, true, "the exit came before the held work settled");
  await work;
});

test("work that never settles holds the exit only until its limit", async () => {
  holdExitFor(new Promise<void>(() => undefined), 200);
  assert.equal(await firstOf(heldWorkSettled(10)), "settled");
});

test("work that failed is let go: it does not hold the exit to its limit", async () => {
  await holdExitFor(Promise.reject(new Error("no")), 60_000).catch(() => undefined);
  assert.equal(await firstOf(heldWorkSettled(10)), "settled");
});
