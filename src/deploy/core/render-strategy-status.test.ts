import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../../config/parse-config.js";
import type { DeployRecord, DeployStrategy, MetricResult, StepOutcome } from "../types.js";
import { renderStrategyStatus, titleOf } from "./render-strategy-status.js";

const strategy: DeployStrategy = parseConfig(
  `strategy:
  stages: [{ name: pre_release }, { name: release }, { name: post_release }, { name: canary_stage }]
rollback:
  triggers: [{ name: validation_failure }, { name: manual_trigger }]
  procedures: [{ name: service_rollback, steps: [revert] }]
validation:
  gates: [{ name: service_validation, checks: [health] }]
  metrics: [{ name: error_ratio }]
monitoring:
  metrics: [{ name: service_health, interval: 60, threshold: 0.99 }]
analytics:
  metrics: [{ name: system_metrics, interval: 300, retention: 90d }]
automation:
  tasks: [{ name: health_check, interval: 60, timeout: 30 }]
steps: { deploy: "./deploy", revert: "./revert" }
checks: { health: { http: { url: "http://127.0.0.1:1/health" } } }
sources:
  error_ratio: { prometheus: { url: "http://127.0.0.1:9090", query: "x" }, max: 0.01 }
  service_health: { http: { url: "http://127.0.0.1:1/health" } }
`,
  "/repo/shipready.yml",
).config.strategy!;

function step(name: string, status: StepOutcome["status"], extra: Partial<StepOutcome> = {}): StepOutcome {
  return { name, status, startedAt: "2026-05-01T10:00:00Z", endedAt: "2026-05-01T10:01:00Z", ...extra };
}

function result(
  name: string,
  verdict: MetricResult["verdict"],
  reason: string,
  values: (number | null)[],
): MetricResult {
  return {
    name,
    verdict,
    reason,
    judgement: { max: 0.01, share: 1 },
    samples: values.map((value, i) => ({ at: `2026-05-01T10:0${i}:00Z`, value })),
  };
}

function record(fields: Partial<DeployRecord> & Pick<DeployRecord, "id" | "startedAt">): DeployRecord {
  return {
    v: 1,
    kind: "deploy",
    environment: "production",
    version: "v1.4.2",
    commit: "0123456789abcdef0123456789abcdef01234567",
    previous: null,
    endedAt: null,
    outcome: "succeeded",
    steps: [],
    metrics: [],
    actor: null,
    ...fields,
  };
}

test("with no records nothing is marked done: every item is never run", () => {
  const text = renderStrategyStatus(strategy, [], ".shipready/deploys.jsonl");
  assert.ok(!text.includes("✅"));
  assert.ok(!text.includes("❌"));
  assert.match(text, /^_No deploy is recorded in \.shipready/);
  assert.match(
    text,
    /- ⬜ Pre-Release Stage: never run\n {2}- Validation: Enabled\n {2}- Rollback: Enabled\n {2}- Monitoring: Enabled\n\n- ⬜ Release Stage: never run/,
  );
  assert.match(text, /- ⬜ Validation Failure: never fired\n {2}- Action: Rollback\n {2}- Timeout: 300s/);
  assert.match(
    text,
    /- ⬜ Service Health: never verified\n {2}- Interval: 60s\n {2}- Threshold: 99% of the probes pass/,
  );
  assert.match(
    text,
    /- ⬜ System Metrics: kept as configuration; shipready does not run it\n {2}- Interval: 300s\n {2}- Retention: 90d/,
  );
  assert.match(text, /- ⬜ Canary Stage: not recorded/);
});

test("marks follow the latest record of each item: ✅ where it passed, ❌ where it failed, with day and version", () => {
  const good = record({
    id: "production-1",
    startedAt: "2026-05-01T10:00:00Z",
    steps: [
      step("validate", "succeeded"),
      step("service_validation", "succeeded"),
      step("deploy", "succeeded"),
      step("verify", "succeeded", {
        metrics: [result("error_ratio", "pass", "every sample <= 0.01", [0.002, 0.004])],
      }),
    ],
  });
  const bad = record({
    id: "production-2",
    startedAt: "2026-05-03T09:00:00Z",
    version: "v1.5.0",
    commit: "fedcba9876543210fedcba9876543210fedcba98",
    outcome: "rolled-back",
    steps: [step("validate", "succeeded"), step("deploy", "succeeded"), step("verify", "failed")],
    metrics: [result("error_ratio", "fail", "0.083 > max 0.01 in 4 of 6 samples", [0.05, 0.083, null])],
    rollback: { trigger: "validation_failure", reason: "error_ratio failed", outcome: "succeeded" },
  });
  const manual = record({
    id: "production-3",
    kind: "rollback",
    startedAt: "2026-05-04T08:00:00Z",
    version: "v1.4.2",
    outcome: "failed",
    steps: [step("revert", "failed", { exitCode: 3 })],
    rollback: { trigger: "manual_trigger", reason: "by hand", outcome: "failed", failedStep: "revert" },
  });
  const watch = record({
    id: "production-4",
    kind: "watch",
    startedAt: "2026-05-05T08:00:00Z",
    metrics: [result("service_health", "inconclusive", "no samples: Prometheus did not answer", [])],
    outcome: "inconclusive",
  });
  const text = renderStrategyStatus(strategy, [good, bad, manual, watch], ".shipready/deploys.jsonl");
  assert.match(text, /^_From 4 deploy records in \.shipready/);
  assert.match(text, /- ✅ Pre-Release Stage: passed on 2026-05-03 \(v1\.5\.0, fedcba9, production\)/);
  assert.match(text, /- ✅ Release Stage: passed on 2026-05-03 \(v1\.5\.0, fedcba9, production\)/);
  // The watch record was inconclusive: the stage is not shown as passed, nor as failed.
  assert.match(
    text,
    /- ⬜ Post-Release Stage: inconclusive on 2026-05-05 \(v1\.4\.2, 0123456, production\): no data to judge by/,
  );
  assert.match(
    text,
    /- ✅ Validation Failure: fired on 2026-05-03 \(v1\.5\.0, fedcba9, production\), and the rollback succeeded/,
  );
  assert.match(
    text,
    /- ❌ Manual Trigger: fired on 2026-05-04 \(v1\.4\.2, 0123456, production\), and the rollback failed at revert/,
  );
  assert.match(
    text,
    /- ✅ Service Validation: passed on 2026-05-01 \(v1\.4\.2, 0123456, production\)\n {2}- Checks: Health/,
  );
  assert.match(
    text,
    /- ❌ Error Ratio: failed on 2026-05-03 \(v1\.5\.0, fedcba9, production\): 0\.083 \\> max 0\.01 in 4 of 6 samples; last sample 0\.083/,
  );
  assert.match(
    text,
    /- ⬜ Service Health: inconclusive on 2026-05-05 .*: no samples: Prometheus did not answer\n/,
  );
  assert.match(
    text,
    /- ❌ Release Workflow: failed on 2026-05-03 \(v1\.5\.0, fedcba9, production\), and was rolled back/,
  );
  // Only the good deploy passed its metric: an earlier pass does not hide the later failure.
  assert.ok(!/✅ Error Ratio/.test(text));
});

test("a failed deploy step marks the release stage failed, naming the step", () => {
  const failed = record({
    id: "production-9",
    startedAt: "2026-05-06T08:00:00Z",
    outcome: "failed",
    steps: [step("validate", "succeeded"), step("deploy", "timed-out")],
  });
  const text = renderStrategyStatus(strategy, [failed], "deploys.jsonl");
  assert.match(text, /- ❌ Release Stage: timed out at deploy on 2026-05-06/);
  assert.match(text, /- ⬜ Post-Release Stage: never run/);
});

test("names read as the seed writes them", () => {
  assert.deepEqual(
    ["pre_release", "post_release", "validation_failure", "service_validation", "rollback"].map(titleOf),
    ["Pre-Release", "Post-Release", "Validation Failure", "Service Validation", "Rollback"],
  );
});
