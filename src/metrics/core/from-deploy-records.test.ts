import assert from "node:assert/strict";
import { test } from "node:test";
import type { DeployRecord } from "../../deploy/types.js";
import { eventsFromDeployRecords } from "./from-deploy-records.js";

function record(id: string, fields: Partial<DeployRecord>): DeployRecord {
  return {
    v: 1,
    id,
    kind: "deploy",
    environment: "production",
    version: "v1.0.0",
    commit: "abc1234def",
    previous: null,
    startedAt: "2026-03-02T10:00:00.000Z",
    endedAt: "2026-03-02T10:20:00.000Z",
    outcome: "succeeded",
    steps: [
      {
        name: "validate",
        status: "succeeded",
        startedAt: "2026-03-02T10:00:00.000Z",
        endedAt: "2026-03-02T10:01:00.000Z",
      },
      {
        name: "deploy",
        status: "succeeded",
        startedAt: "2026-03-02T10:01:00.000Z",
        endedAt: "2026-03-02T10:05:00.000Z",
      },
    ],
    metrics: [],
    actor: null,
    ...fields,
  };
}

const failing = [
  {
    name: "error_ratio",
    verdict: "fail" as const,
    reason: "0.08 > max 0.01",
    judgement: { share: 1 },
    samples: [],
  },
];

test("deploy records become deploys: status by outcome, live when the deploy step ended", () => {
  const cases: [Partial<DeployRecord>, string, RegExp | null][] = [
    [{ outcome: "succeeded" }, "success", null],
    [{ outcome: "inconclusive" }, "success", /inconclusive/],
    [
      {
        outcome: "rolled-back",
        rollback: { trigger: "validation_failure", reason: "0.08 > 0.01", outcome: "succeeded" },
      },
      "rolled-back",
      /0\.08/,
    ],
    [
      {
        outcome: "rollback-failed",
        rollback: { trigger: "manual", reason: "bad", outcome: "failed", failedStep: "revert" },
      },
      "failure",
      /rollback failed at revert/,
    ],
    [{ outcome: "failed", metrics: failing }, "failure", /verification failed: error_ratio/],
    [{ outcome: "failed" }, "aborted", /failed before going out/],
    [{ outcome: "interrupted" }, "aborted", /interrupted/],
    [{ outcome: "running", endedAt: null }, "running", null],
  ];
  for (const [fields, status, reason] of cases) {
    const [deploy] = eventsFromDeployRecords([record("d", fields)], "acme/shop").deploys;
    assert.equal(deploy!.status, status, JSON.stringify(fields));
    if (reason) assert.match(deploy!.statusReason!, reason);
    else assert.equal(deploy!.statusReason, null);
    assert.equal(deploy!.finishedAt, "2026-03-02T10:05:00.000Z");
    assert.equal(deploy!.source, "shipready");
  }
});

test("a rolled-back deploy and a rollback record are recoveries of the deploy they name", () => {
  const events = eventsFromDeployRecords(
    [
      record("a", {
        outcome: "rolled-back",
        rollback: { trigger: "validation_failure", reason: "x", outcome: "succeeded" },
      }),
      record("b", { startedAt: "2026-03-03T10:00:00.000Z", commit: "fff0000aaa" }),
      record("r", {
        kind: "rollback",
        startedAt: "2026-03-03T12:00:00.000Z",
        endedAt: "2026-03-03T12:03:00.000Z",
        previous: { version: "v1.0.1", commit: "fff0000aaa" },
        rollback: { trigger: "manual_trigger", reason: "checkout down", outcome: "succeeded" },
      }),
    ],
    "acme/shop",
  );
  assert.deepEqual(
    events.recoveries.map((r) => [r.sourceId, r.causeDeployId, r.causeCommit, r.at, r.succeeded]),
    [
      ["a/rollback", "a", null, "2026-03-02T10:20:00.000Z", true],
      ["r", null, "fff0000aaa", "2026-03-03T12:03:00.000Z", true],
    ],
  );
});

test("a failed verification marks the deploy it verified; one of nothing known is skipped with a reason", () => {
  const events = eventsFromDeployRecords(
    [
      record("d", {}),
      record("v", {
        kind: "verify",
        startedAt: "2026-03-02T11:00:00.000Z",
        outcome: "failed",
        metrics: failing,
        steps: [],
      }),
      record("w", {
        kind: "watch",
        commit: "9999999",
        startedAt: "2026-03-02T12:00:00.000Z",
        outcome: "failed",
        metrics: failing,
        steps: [],
      }),
    ],
    "acme/shop",
  );
  assert.equal(events.deploys[0]!.status, "failure");
  assert.match(events.deploys[0]!.statusReason!, /verification v failed: error_ratio: 0\.08 > max 0\.01/);
  assert.equal(events.deploys.length, 1);
  assert.match(
    events.skipped[0]!,
    /^w: a failed watch of 9999999 in production, which no deploy record before it carries/,
  );
});
