import { escapeTerminal } from "../../shared/escape-terminal.js";
import { shortSha } from "../../shared/short-sha.js";
import type { DeployDryRun, PlannedLine } from "./plan-deploy.js";
import type { DeployRecord, StepOutcome } from "../types.js";

const STATUS: Record<StepOutcome["status"], string> = {
  succeeded: "done",
  failed: "FAILED",
  "timed-out": "TIMED OUT",
  interrupted: "INTERRUPTED",
  skipped: "skipped",
};

function what(version: string | null, commit: string | null): string {
  const v = version ?? "(no version)";
  // git describe on an untagged history gives the short commit itself: no need to say it twice.
  return commit && !(v.length >= 7 && commit.startsWith(v)) ? `${v} (${shortSha(commit)})` : v;
}

/** The heading before the steps: what goes where, what it replaces, and the record it is kept in. */
export function renderDeployStart(record: DeployRecord): string {
  const previous = record.previous
    ? `, replacing ${what(record.previous.version, record.previous.commit)}`
    : "";
  const head =
    record.kind === "rollback"
      ? `Rollback of ${record.environment} to ${what(record.version, record.commit)}${previous.replace("replacing", "from")}`
      : `Deploy ${what(record.version, record.commit)} to ${record.environment}${previous}`;
  return `${escapeTerminal(head)}\n  record ${escapeTerminal(record.id)}\n`;
}

/** A step as it starts: its name and what it runs. */
export function renderStepStart(step: PlannedLine): string {
  return `  ${escapeTerminal(step.name)}: ${escapeTerminal(step.runs)}\n`;
}

/** A step as it ends: its status, how long it took, why it failed and its last lines. */
export function renderStepEnd(step: StepOutcome): string {
  const ms = Date.parse(step.endedAt) - Date.parse(step.startedAt);
  const took = Number.isFinite(ms) ? ` (${ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`})` : "";
  const lines = [
    `  [${STATUS[step.status]}] ${escapeTerminal(step.name)}${took}${step.detail ? `: ${escapeTerminal(step.detail)}` : ""}`,
  ];
  for (const metric of step.metrics ?? []) {
    if (metric.verdict !== "pass")
      lines.push(`      ${escapeTerminal(metric.name)} ${metric.verdict}: ${escapeTerminal(metric.reason)}`);
  }
  if (step.status === "failed" || step.status === "timed-out") {
    for (const line of (step.tail ?? []).slice(-5)) lines.push(`      | ${escapeTerminal(line)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The rollback's heading: the trigger, why, and the steps it runs in order. */
export function renderRollbackStart(trigger: string, reason: string, steps: PlannedLine[]): string {
  const lines = [`Rolling back (${escapeTerminal(trigger)}): ${escapeTerminal(reason)}`];
  if (steps.length === 0) lines.push("  (no rollback step is configured)");
  return `${lines.join("\n")}\n`;
}

/** The last lines: how the deploy ended, and what to do next. */
export function renderDeployOutcome(record: DeployRecord): string {
  const env = escapeTerminal(record.environment);
  const target = record.previous
    ? what(record.previous.version, record.previous.commit)
    : "the previous version";
  switch (record.outcome) {
    case "succeeded":
      return record.kind === "rollback"
        ? `\nRolled back: ${env} is on ${escapeTerminal(what(record.version, record.commit))}.\n`
        : `\nDeployed ${escapeTerminal(what(record.version, record.commit))} to ${env}, verified.\n`;
    case "rolled-back":
      return `\nVerification failed; rolled back: ${env} is on ${escapeTerminal(target)} again.\n`;
    case "rollback-failed": {
      const failed = record.rollback?.failedStep ?? "a step";
      const ran = record.steps.filter((s) => s.status === "succeeded").map((s) => s.name);
      return `\nThe rollback FAILED at ${escapeTerminal(failed)}: ${env} is left as those steps left it (done: ${escapeTerminal(ran.join(", ") || "none")}). Act by hand, then run shipready rollback again.\n`;
    }
    case "interrupted": {
      const at = record.steps.find((s) => s.status === "interrupted")?.name ?? "a step";
      return `\nInterrupted during ${escapeTerminal(at)}; the record says so. Go on with: shipready deploy --resume${record.environment ? ` --env ${env}` : ""}\n`;
    }
    case "inconclusive":
      return `\nVerification was inconclusive and the stage counts that as a failure; nothing was rolled back.\n`;
    case "failed":
    case "running": {
      const at = record.steps.find((s) => s.status !== "succeeded" && s.status !== "skipped")?.name;
      return `\nThe deploy failed${at ? ` at ${escapeTerminal(at)}` : ""}; nothing was rolled back. Fix it, then run shipready deploy --resume${
        record.environment ? ` --env ${env}` : ""
      } (or deploy anew).\n`;
    }
  }
}

/** --dry-run: what would be deployed, every step and what it runs, and what a failed verification would run. */
export function renderDeployPlan(plan: DeployDryRun): string {
  const previous = plan.previous ? `, replacing ${what(plan.previous.version, plan.previous.commit)}` : "";
  const head =
    plan.kind === "rollback"
      ? `Dry run: rollback of ${plan.environment} from ${what(plan.previous?.version ?? null, plan.previous?.commit ?? null)} to ${what(plan.version, plan.commit)}`
      : `Dry run: deploy ${what(plan.version, plan.commit)} to ${plan.environment}${previous}`;
  const lines = [escapeTerminal(head)];
  if (plan.resumes)
    lines.push(`  resumes ${escapeTerminal(plan.resumes.id)} from ${escapeTerminal(plan.resumes.from)}`);
  lines.push("", plan.kind === "rollback" ? "Steps:" : "Steps, in order:");
  for (const step of plan.steps) lines.push(`  ${escapeTerminal(step.name)}: ${escapeTerminal(step.runs)}`);
  if (plan.kind === "deploy") {
    lines.push("", "On a failed verification, the rollback runs:");
    if (plan.rollback.length === 0) lines.push("  (nothing: no rollback procedure is configured)");
    for (const step of plan.rollback)
      lines.push(`  ${escapeTerminal(step.name)}: ${escapeTerminal(step.runs)}`);
  }
  lines.push("", "Nothing was run.");
  return `${lines.join("\n")}\n`;
}
