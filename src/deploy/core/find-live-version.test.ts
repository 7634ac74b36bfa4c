import assert from "node:assert/strict";
import { test } from "node:test";
import type { DeployRecord } from "../types.js";
import { findLiveVersion, findRollbackTarget } from "./find-live-version.js";
import { findResumePoint } from "./find-resume-point.js";
import type { DeployStep } from "./plan-deploy.js";

let n = 0;
function rec(parts: Partial<DeployRecord>): DeployRecord {
  n++;
  return {
    v: 1,
    id: `production-${n}`,
    kind: "deploy",
    environment: "production",
    version: null,
    commit: null,
    previous: null,
    startedAt: `2026-01-01T00:00:${String(n).padStart(2, "0")}.000Z`,
    endedAt: null,
    outcome: "succeeded",
    steps: [],
    metrics: [],
    actor: null,
    ...parts,
  };
}

test("live is what the newest finished record left: a deploy, what a rolled-back one replaced, a rollback's target", () => {
  const one = rec({ version: "1.0.0", commit: "a" });
  const two = rec({ version: "2.0.0", commit: "b", previous: { version: "1.0.0", commit: "a" } });
  assert.equal(findLiveVersion([one, two], "production")?.version, "2.0.0");
  const bad = rec({ version: "3.0.0", outcome: "rolled-back", previous: { version: "2.0.0", commit: "b" } });
  assert.equal(findLiveVersion([one, two, bad], "production")?.version, "2.0.0");
  const broken = rec({ version: "4.0.0", outcome: "failed" });
  assert.equal(findLiveVersion([one, two, bad, broken], "production")?.version, "2.0.0");
  assert.equal(findLiveVersion([one, two], "staging"), null);
});

test("a rollback goes to the deploy before the live one, and never forward again to what was rolled back", () => {
  const one = rec({ version: "1.0.0", commit: "a" });
  const two = rec({ version: "2.0.0", commit: "b" });
  assert.equal(findRollbackTarget([one, two], "production")?.version, "1.0.0");
  const back = rec({
    kind: "rollback",
    version: "1.0.0",
    commit: "a",
    rollback: { trigger: "manual_trigger", reason: "x", of: two.id, outcome: "succeeded" },
  });
  assert.equal(findRollbackTarget([one, two, back], "production"), null);
});

const step = (name: string, verify = false): DeployStep => ({
  kind: "step",
  name,
  scopes: [],
  binding: name,
  action: verify ? { kind: "builtin", name: "verify" } : { kind: "command", run: "true" },
});
const PLAN = [step("validate"), step("deploy"), step("verify", true)];
const at = "2026-01-01T00:00:00.000Z";
const done = (name: string, status: "succeeded" | "failed" | "interrupted" | "skipped" = "succeeded") => ({
  name,
  status,
  startedAt: at,
  endedAt: at,
});

test("resume goes on at the first unfinished step of an interrupted deploy, or one that failed before verify", () => {
  assert.deepEqual(
    findResumePoint(
      rec({ outcome: "interrupted", steps: [done("validate"), done("deploy", "interrupted")] }),
      PLAN,
    ),
    { resumable: true, from: 1 },
  );
  assert.deepEqual(findResumePoint(rec({ outcome: "failed", steps: [done("validate", "failed")] }), PLAN), {
    resumable: true,
    from: 0,
  });
  const verifyFailed = findResumePoint(
    rec({ outcome: "failed", steps: [done("validate"), done("deploy"), done("verify", "failed")] }),
    PLAN,
  );
  assert.equal(verifyFailed.resumable, false);
  const rolledBack = findResumePoint(
    rec({
      outcome: "rolled-back",
      rollback: { trigger: "validation_failure", reason: "x", outcome: "succeeded" },
    }),
    PLAN,
  );
  assert.equal(rolledBack.resumable, false);
  const renamed = findResumePoint(rec({ outcome: "interrupted", steps: [done("check")] }), PLAN);
  assert.ok(!renamed.resumable && /no longer match/.test(renamed.why));
});
