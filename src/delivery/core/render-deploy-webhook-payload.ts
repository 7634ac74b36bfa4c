import { displayVersion } from "../../deploy/core/describe-deploy.js";
import type { DeployNotification } from "../types.js";

/** A receiver can rely on these many metrics and steps at most. */
const MAX_ITEMS = 100;

/**
 * The generic webhook's JSON body for a deploy event. Keys may be added, never renamed:
 * { source: "shipready", version: 1, type: "deploy", event, at,
 *   deploy: { id, kind, environment, version, displayVersion, commit, previous: { version, commit } | null,
 *             startedAt, endedAt, outcome, actor, runUrl },
 *   environmentUrl,
 *   metrics[{ name, verdict, reason, judgement: { min?, max?, share }, samples, failedFast }],
 *   steps[{ name, status, startedAt, endedAt, exitCode }],
 *   rollback: { trigger, reason, of, outcome, failedStep } | null,
 *   incident: { url, number } | null, githubDeployment: { id, url } | null }.
 * Step output and samples are left out: a receiver gets what happened, not the logs.
 */
export function renderDeployWebhookPayload(n: DeployNotification): Record<string, unknown> {
  const r = n.record;
  return {
    source: "shipready",
    version: 1,
    type: "deploy",
    event: n.event,
    at: n.at,
    deploy: {
      id: r.id,
      kind: r.kind,
      environment: r.environment,
      version: r.version,
      displayVersion: displayVersion(r.version, r.commit),
      commit: r.commit,
      previous: r.previous,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      outcome: r.outcome,
      actor: r.actor,
      runUrl: r.runUrl ?? null,
    },
    environmentUrl: n.environmentUrl,
    metrics: r.metrics.slice(0, MAX_ITEMS).map((m) => ({
      name: m.name,
      verdict: m.verdict,
      reason: m.reason,
      judgement: m.judgement,
      samples: m.samples.length,
      failedFast: m.failedFast ?? false,
    })),
    steps: r.steps.slice(0, MAX_ITEMS).map((s) => ({
      name: s.name,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      exitCode: s.exitCode ?? null,
    })),
    rollback: r.rollback ?? null,
    incident: r.incident ?? null,
    githubDeployment: r.githubDeployment ?? null,
  };
}
