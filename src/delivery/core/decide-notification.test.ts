import assert from "node:assert/strict";
import { test } from "node:test";
import type { Blocker, Readiness } from "../../readiness/types.js";
import { decideNotification, type NotifiedState } from "./decide-notification.js";

const band = (name: string) => ({ name, min: 0, emoji: "" });
function readiness(score: number, bandName: string, blockers: Blocker[] = []): Readiness {
  return {
    score,
    band: band(bandName),
    ready: score >= 90 && blockers.length === 0,
    threshold: 90,
    coverage: 100,
    categories: [],
    blockers,
    toReady: null,
  };
}
const veto: Blocker = {
  gate: "Security Audit",
  category: "Core",
  line: 3,
  outcome: "fail",
  reason: "failed",
};
const sent = (b: string, ready: boolean): NotifiedState => ({
  at: "2026-11-21T09:00:00Z",
  score: 80,
  band: b,
  ready,
});

test("below-threshold sends when not ready, by score or by a required gate, and not when ready", () => {
  const low = decideNotification({
    policy: "below-threshold",
    readiness: readiness(72.5, "In Progress"),
    last: null,
  });
  assert.deepEqual(low, { send: true, reason: "not ready: 72.5% is below the threshold of 90%" });
  const vetoed = decideNotification({
    policy: "below-threshold",
    readiness: readiness(96, "Release Ready", [veto]),
    last: null,
  });
  assert.deepEqual(vetoed, { send: true, reason: "not ready: a required gate blocks at 96%" });
  const ready = decideNotification({
    policy: "below-threshold",
    readiness: readiness(95, "Release Ready"),
    last: null,
  });
  assert.equal(ready.send, false);
  assert.match(ready.reason, /^ready \(95%, threshold 90%\)/);
});

test("on-change sends the first time and when the band or the verdict moved, not otherwise", () => {
  const r = readiness(72.5, "In Progress");
  assert.equal(decideNotification({ policy: "on-change", readiness: r, last: null }).send, true);
  const same = decideNotification({ policy: "on-change", readiness: r, last: sent("In Progress", false) });
  assert.deepEqual(same, {
    send: false,
    reason: "policy on-change: band (In Progress) and verdict (not ready) are as last sent on 2026-11-21",
  });
  assert.deepEqual(
    decideNotification({ policy: "on-change", readiness: r, last: sent("Minor Blockers", false) }),
    {
      send: true,
      reason: "policy on-change: the band changed from Minor Blockers to In Progress",
    },
  );
  const nowReady = decideNotification({
    policy: "on-change",
    readiness: readiness(95, "Release Ready"),
    last: sent("Release Ready", false),
  });
  assert.deepEqual(nowReady, { send: true, reason: "policy on-change: it is now ready" });
});

test("always sends", () => {
  const r = readiness(99, "Release Ready");
  assert.equal(
    decideNotification({ policy: "always", readiness: r, last: sent("Release Ready", true) }).send,
    true,
  );
});
