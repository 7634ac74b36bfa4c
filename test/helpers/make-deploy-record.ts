import type { DeployRecord, MetricResult, Sample, StepOutcome } from "../../src/deploy/types.js";

/** Commits that look real: 40 hex digits, told apart by their first. */
export const COMMIT_V1 = "1".repeat(40);
export const COMMIT_V2 = "2".repeat(40);

/** ISO time `seconds` after `start`. */
export function after(start: string, seconds: number): string {
  return new Date(Date.parse(start) + seconds * 1000).toISOString();
}

/** A step that ran for `seconds` from `start`. */
export function step(
  name: string,
  start: string,
  seconds: number,
  extra: Partial<StepOutcome> = {},
): StepOutcome {
  return {
    name,
    status: "succeeded",
    startedAt: start,
    endedAt: after(start, seconds),
    exitCode: 0,
    ...extra,
  };
}

/** Samples `intervalSeconds` apart from `start`. */
export function samples(start: string, values: (number | null)[], intervalSeconds = 5): Sample[] {
  return values.map((value, i) => ({ at: after(start, i * intervalSeconds), value }));
}

/** An error ratio judged against a max of 0.01 in every sample. */
export function errorRatio(
  start: string,
  values: (number | null)[],
  extra: Partial<MetricResult> = {},
): MetricResult {
  const failed = values.some((v) => v !== null && v > 0.01);
  const over = values.filter((v) => v !== null && v > 0.01).length;
  return {
    name: "error_ratio",
    verdict: failed ? "fail" : values.every((v) => v === null) ? "inconclusive" : "pass",
    reason: failed
      ? `error ratio ${Math.max(...values.filter((v): v is number => v !== null))} > max 0.01 in ${over} of ${values.length} samples`
      : "error ratio within max 0.01 in every sample",
    judgement: { max: 0.01, share: 1 },
    samples: samples(start, values),
    ...extra,
  };
}

/** A deploy of v2.0.0 to production that passed verification. */
export function succeededDeploy(
  start = "2026-11-20T09:00:00.000Z",
  extra: Partial<DeployRecord> = {},
): DeployRecord {
  return {
    v: 1,
    id: `production-${start.replace(/[-:.]/g, "").slice(0, 15)}-2222222`,
    kind: "deploy",
    environment: "production",
    version: "2.0.0",
    commit: COMMIT_V2,
    previous: { version: "1.4.2", commit: COMMIT_V1 },
    startedAt: start,
    endedAt: after(start, 90),
    outcome: "succeeded",
    steps: [
      step("validate", start, 5),
      step("deploy", after(start, 5), 20),
      step("verify", after(start, 25), 60, {
        metrics: [errorRatio(after(start, 25), [0.001, 0.002, 0.0, 0.001])],
      }),
    ],
    metrics: [errorRatio(after(start, 25), [0.001, 0.002, 0.0, 0.001])],
    actor: "mona",
    runUrl: "https://github.com/octo-org/octo-app/actions/runs/42",
    ...extra,
  };
}

/** A deploy of v2.0.0 whose verification failed and which was rolled back to v1.4.2 by service_rollback. */
export function rolledBackDeploy(
  start = "2026-11-22T09:00:00.000Z",
  extra: Partial<DeployRecord> = {},
): DeployRecord {
  const verifyAt = after(start, 25);
  const metric = errorRatio(verifyAt, [0.002, 0.08, 0.083, 0.07], { failedFast: true });
  const rollbackAt = after(start, 45);
  return {
    ...succeededDeploy(start),
    id: `production-${start.replace(/[-:.]/g, "").slice(0, 15)}-2222222`,
    endedAt: after(start, 60),
    outcome: "rolled-back",
    steps: [
      step("validate", start, 5),
      step("deploy", after(start, 5), 20),
      step("verify", verifyAt, 20, { status: "failed", exitCode: null, metrics: [metric] }),
      step("service_rollback.stop", rollbackAt, 2),
      step("service_rollback.revert", after(rollbackAt, 2), 8),
      step("service_rollback.start", after(rollbackAt, 10), 3),
    ],
    metrics: [metric],
    rollback: {
      trigger: "validation_failure",
      reason: "verification failed: error_ratio 0.083 > max 0.01",
      outcome: "succeeded",
    },
    ...extra,
  };
}

/** A deploy of v2.0.0 whose rollback stopped at service_rollback.revert, which printed `tail`. */
export function rollbackFailedDeploy(
  start = "2026-11-23T09:00:00.000Z",
  tail: string[] = ["pulling ghcr.io/acme/gateway:1.4.2", "error: manifest unknown"],
  extra: Partial<DeployRecord> = {},
): DeployRecord {
  const base = rolledBackDeploy(start);
  const rollbackAt = after(start, 45);
  return {
    ...base,
    outcome: "rollback-failed",
    steps: [
      ...base.steps.slice(0, 3),
      step("service_rollback.stop", rollbackAt, 2),
      step("service_rollback.revert", after(rollbackAt, 2), 8, { status: "failed", exitCode: 1, tail }),
      { ...step("service_rollback.start", after(rollbackAt, 10), 0), status: "skipped", exitCode: null },
    ],
    rollback: { ...base.rollback!, outcome: "failed", failedStep: "service_rollback.revert" },
    ...extra,
  };
}
