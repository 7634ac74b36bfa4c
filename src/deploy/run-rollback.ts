import { UsageError } from "../errors.js";
import { versionKey } from "../shared/version-key.js";
import { deployRecordId } from "./core/deploy-record-id.js";
import { findLiveVersion, findRollbackTarget } from "./core/find-live-version.js";
import { findStage, planRollbackSteps } from "./core/plan-deploy.js";
import { identifyDeploy } from "./identify-deploy.js";
import { openRun } from "./open-run.js";
import { resolveEnvironment, type DeploySite } from "./resolve-environment.js";
import { findTrigger, noteRollback, planLines, runRollbackSteps } from "./run-rollback-steps.js";
import type { DeployRunPorts, RollbackRequest, RunReport } from "./run-types.js";
import type { DeployRecord } from "./types.js";

/** What a manual rollback goes from and to. */
export interface RollbackTarget {
  /** Live now: what is rolled back from ({{version}}). */
  from: { version: string | null; commit: string | null; recordId: string | null };
  /** What it goes back to ({{previous}}). */
  to: { version: string | null; commit: string | null };
}

/** A rollback that ran nothing: what it would go back to is what is live already. */
export interface AlreadyLive {
  alreadyLive: true;
  environment: string;
  version: string | null;
  commit: string | null;
}

/**
 * `shipready rollback`: the manual trigger (manual_trigger). Runs the rollback the post_release stage
 * names, {{previous}} being --to, else the last succeeded deploy before the live one, and records it
 * as a record of kind rollback. Holds the environment's lock like a deploy. Going back to what is live
 * already runs nothing and records nothing, so that a retried rollback is harmless.
 */
export async function runRollback(
  request: RollbackRequest,
  ports: DeployRunPorts,
): Promise<RunReport | AlreadyLive> {
  const site = resolveEnvironment(request.config, request.environment);
  const records = await ports.records.list({ environment: site.environment });
  const target = await chooseRollbackTarget(site, request.to, records, ports);
  if (isLive(target)) {
    return { alreadyLive: true, environment: site.environment, ...target.to };
  }
  const trigger = findTrigger(site.strategy.triggers, request.trigger ?? "manual_trigger");
  const reason = request.reason?.trim() || "manual rollback";
  const startedAt = ports.clock.now();
  const record: DeployRecord = {
    v: 1,
    id: deployRecordId(site.environment, startedAt, target.to.commit),
    kind: "rollback",
    environment: site.environment,
    version: target.to.version,
    commit: target.to.commit,
    previous: { version: target.from.version, commit: target.from.commit },
    startedAt: startedAt.toISOString(),
    endedAt: null,
    outcome: "running",
    steps: [],
    metrics: [],
    rollback: {
      trigger: trigger.name,
      reason,
      ...(target.from.recordId && { of: target.from.recordId }),
      outcome: "failed",
    },
    actor: request.actor,
    ...(request.runUrl !== undefined && { runUrl: request.runUrl }),
  };
  const values = {
    version: target.from.version,
    previous: target.to.version,
    commit: target.from.commit,
    env: site.environment,
    previousCommit: target.to.commit,
  };
  const run = await openRun(site, record, values, request, ports);
  const { ctx } = run;
  try {
    const steps = planRollbackSteps(site.strategy, findStage(site.strategy, "post_release"));
    if (steps.length === 0) {
      throw new UsageError(
        "the strategy names no rollback procedure or rollback_workflow, so there is nothing to roll back with; nothing was run",
        "Add rollback: procedures (or automation: workflows: rollback_workflow) with steps bound under steps:.",
      );
    }
    await ctx.recorder.save();
    ctx.progress.onStart?.(record, planLines(steps, ctx));
    ctx.recorder.emitSoon("rollback-started");
    const end = await runRollbackSteps(steps, trigger, ctx);
    noteRollback(record, end, trigger.name, reason, target.from.recordId ?? undefined);
    record.outcome =
      end.outcome === "succeeded" ? "succeeded" : end.interrupted ? "interrupted" : "rollback-failed";
    record.endedAt = ctx.ports.clock.now().toISOString();
    ctx.recorder.emitSoon(
      end.outcome === "succeeded" ? "rolled-back" : end.interrupted ? "interrupted" : "rollback-failed",
    );
    await ctx.recorder.settle();
    return { record, warnings: run.warnings, tookOverFrom: run.tookOverFrom };
  } finally {
    await run.release();
  }
}

/**
 * Whether the version to go back to is the one a deploy record shows live now: the same version (a
 * version may be built from the same commit as another), else the same commit. Without a record of
 * what is live, nothing is known to be live.
 */
function isLive({ from, to }: RollbackTarget): boolean {
  if (from.recordId === null) return false;
  if (from.version !== null && to.version !== null)
    return versionKey(from.version) === versionKey(to.version);
  return from.commit !== null && from.commit === to.commit;
}

/** What is live now and what to go back to; a UsageError when there is nothing to go back to. */
export async function chooseRollbackTarget(
  site: DeploySite,
  to: string | undefined,
  records: readonly DeployRecord[],
  ports: DeployRunPorts,
): Promise<RollbackTarget> {
  const live = findLiveVersion(records, site.environment);
  const from = live
    ? { version: live.version, commit: live.commit, recordId: live.recordId }
    : await (async () => {
        const head = await identifyDeploy(site.config, site.environment, undefined, [], ports).catch(
          () => null,
        );
        return { version: head?.version ?? null, commit: head?.commit ?? null, recordId: null };
      })();
  if (to !== undefined) {
    const pattern = site.config.release.tagPattern;
    const commit = await ports.deployGit.commitOf(site.config.root, to, pattern);
    // A version tag names the version it carries (v1.4.2 -> 1.4.2); anything else is the version as written.
    const tagged = commit ? await ports.deployGit.versionAt(site.config.root, commit, pattern) : null;
    const version = tagged !== null && (to === tagged || to.endsWith(tagged)) ? tagged : to;
    return { from, to: { version, commit } };
  }
  const target = findRollbackTarget(records, site.environment);
  if (target) return { from, to: { version: target.version, commit: target.commit } };
  const tagged = from.commit
    ? await ports.deployGit.previousRelease(site.config.root, from.commit, site.config.release.tagPattern)
    : null;
  if (tagged) return { from, to: tagged };
  throw new UsageError(
    `no earlier version of ${site.environment} is known to roll back to (no earlier succeeded deploy, no earlier release tag); nothing was run`,
    "Name the version to go back to: shipready rollback --to 1.4.2.",
  );
}
