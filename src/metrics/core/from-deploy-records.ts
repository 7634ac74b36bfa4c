import type { DeployRecord, MetricResult, StepOutcome } from "../../deploy/types.js";
import type { DeployEvent, DeployStatus, RecoveryEvent } from "../types.js";
import { sameCommit, sameVersion } from "./parse-cause.js";

export interface RecordEvents {
  deploys: DeployEvent[];
  recoveries: RecoveryEvent[];
  /** Records that say nothing the metrics use, and why (a verification of a deploy no record holds). */
  skipped: string[];
}

/**
 * shipready's own deploy records as events. A deploy record is a deploy; a rollback record, or a
 * deploy that was rolled back, is a recovery of the deploy it rolled back (which makes that deploy
 * a failed one); a failed verification or watch marks the deploy it verified (same environment and
 * commit, the latest started before it) as failed.
 *
 * Status of a deploy record: succeeded -> success; inconclusive -> success (it stayed out);
 * rolled-back -> rolled-back; rollback-failed -> failure; failed -> failure when its verification
 * failed, else aborted (it never went out); interrupted -> aborted; running -> running.
 *
 * It went live (`finishedAt`) when its step named `deploy` ended; else when its `verify` step
 * started; else when the record ended.
 */
export function eventsFromDeployRecords(records: readonly DeployRecord[], repo: string): RecordEvents {
  const ordered = [...records].sort(
    (a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id),
  );
  const deploys: DeployEvent[] = [];
  const recoveries: RecoveryEvent[] = [];
  const skipped: string[] = [];

  for (const record of ordered) {
    if (record.kind !== "deploy") continue;
    const { status, reason } = deployStatus(record);
    deploys.push({
      repo,
      source: "shipready",
      sourceId: record.id,
      environment: record.environment,
      version: record.version,
      commit: record.commit,
      startedAt: record.startedAt,
      finishedAt: liveAt(record),
      status,
      statusReason: reason,
      rework: null,
      fixes: null,
      changes: null,
      url: record.runUrl ?? record.githubDeployment?.url ?? null,
    });
    if (record.rollback && (record.outcome === "rolled-back" || record.outcome === "rollback-failed")) {
      recoveries.push(rollbackOf(record, repo, `${record.id}/rollback`, record.id));
    }
  }

  for (const record of ordered) {
    if (record.kind === "rollback") {
      if (record.outcome === "running") {
        skipped.push(`${record.id}: a rollback still running`);
        continue;
      }
      recoveries.push(rollbackOf(record, repo, record.id, record.rollback?.of ?? null));
    } else if (record.kind === "verify" || record.kind === "watch") {
      const failing = verificationFailed(record);
      if (!failing) continue;
      const target = verifiedDeploy(deploys, record);
      if (!target) {
        skipped.push(
          `${record.id}: a failed ${record.kind === "watch" ? "watch" : "verification"} of ${record.commit ?? record.version ?? "an unknown commit"} in ${record.environment}, which no deploy record before it carries`,
        );
        continue;
      }
      if (target.status === "success") {
        target.status = "failure";
        target.statusReason = `${record.kind === "watch" ? "watch" : "verification"} ${record.id} failed: ${failing}`;
      }
      if (record.rollback)
        recoveries.push(rollbackOf(record, repo, `${record.id}/rollback`, target.sourceId));
    }
  }
  return { deploys, recoveries, skipped };
}

function deployStatus(record: DeployRecord): { status: DeployStatus; reason: string | null } {
  switch (record.outcome) {
    case "succeeded":
      return { status: "success", reason: null };
    case "inconclusive":
      return { status: "success", reason: "verification inconclusive; the deploy stayed out" };
    case "rolled-back":
      return { status: "rolled-back", reason: record.rollback?.reason ?? "rolled back" };
    case "rollback-failed":
      return {
        status: "failure",
        reason: `rolled back, but the rollback failed${record.rollback?.failedStep ? ` at ${record.rollback.failedStep}` : ""}${record.rollback?.reason ? `: ${record.rollback.reason}` : ""}`,
      };
    case "failed": {
      const failing = verificationFailed(record);
      if (failing) return { status: "failure", reason: `verification failed: ${failing}` };
      const step = record.steps.find((s) => s.status !== "succeeded" && s.status !== "skipped");
      return {
        status: "aborted",
        reason: step ? `step ${step.name} ${step.status}` : "failed before going out",
      };
    }
    case "interrupted":
      return { status: "aborted", reason: "interrupted" };
    case "running":
      return { status: "running", reason: null };
  }
}

/** The failed metrics' reasons, or the failed verify step's detail; null when the verification did not fail. */
function verificationFailed(record: DeployRecord): string | null {
  const metrics: MetricResult[] = [
    ...record.metrics,
    ...record.steps.filter(isVerifyStep).flatMap((step) => step.metrics ?? []),
  ];
  const failed = metrics.filter((m) => m.verdict === "fail");
  if (failed.length > 0) return [...new Set(failed.map((m) => `${m.name}: ${m.reason}`))].join("; ");
  const step = record.steps.find((s) => isVerifyStep(s) && s.status === "failed");
  if (step) return step.detail ?? `step ${step.name} failed`;
  if (
    record.kind !== "deploy" &&
    (record.outcome === "failed" || record.outcome === "rolled-back" || record.outcome === "rollback-failed")
  ) {
    return record.rollback?.reason ?? record.outcome;
  }
  return null;
}

/** The release workflow's verification; a rollback procedure's own `verify` step is named `<procedure>.verify`. */
function isVerifyStep(step: StepOutcome): boolean {
  return step.name === "verify";
}

function liveAt(record: DeployRecord): string {
  const deployed = record.steps.filter((s) => s.name === "deploy" || s.name.endsWith(".deploy"));
  const last = deployed.at(-1);
  if (last) return last.endedAt;
  const verify = record.steps.find((s) => s.name === "verify");
  if (verify) return verify.startedAt;
  return record.endedAt ?? record.startedAt;
}

/** The latest deploy record of the verification's environment and commit (or version) started before it. */
function verifiedDeploy(deploys: DeployEvent[], record: DeployRecord): DeployEvent | undefined {
  return deploys
    .filter(
      (d) =>
        d.environment === record.environment &&
        (d.startedAt ?? d.finishedAt) <= record.startedAt &&
        (record.commit !== null
          ? sameCommit(d.commit, record.commit)
          : record.version !== null && sameVersion(d.version, record.version)),
    )
    .at(-1);
}

function rollbackOf(record: DeployRecord, repo: string, sourceId: string, of: string | null): RecoveryEvent {
  const succeeded =
    record.rollback?.outcome === "succeeded" ||
    (record.kind === "rollback" && record.outcome === "succeeded");
  // A deploy or verification that rolled back names itself; a rollback record names what was live before it.
  const failed =
    record.kind === "rollback" ? record.previous : { version: record.version, commit: record.commit };
  return {
    repo,
    source: "shipready",
    sourceId,
    environment: record.environment,
    at: record.endedAt ?? record.startedAt,
    kind: "rollback",
    succeeded,
    causeDeployId: of,
    causeVersion: of === null ? (failed?.version ?? null) : null,
    causeCommit: of === null ? (failed?.commit ?? null) : null,
    incidentId: null,
    fixVersion: null,
    fixCommit: null,
    reason: record.rollback ? `${record.rollback.trigger}: ${record.rollback.reason}` : null,
  };
}
