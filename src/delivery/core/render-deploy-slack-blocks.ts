import { describeDuration } from "../../shared/describe-duration.js";
import { shortSha } from "../../shared/short-sha.js";
import {
  describeJudgement,
  displayVersion,
  failedMetrics,
  firstStoppedStep,
  formatUtc,
  formatValue,
  millisBetween,
  rollbackEnds,
  rollbackStepsOf,
  worstValue,
} from "../../deploy/core/describe-deploy.js";
import type { DeployEventType } from "../../deploy/ports.js";
import type { DeployRecord } from "../../deploy/types.js";
import type { DeployNotification } from "../types.js";
import {
  LIMITS,
  cut,
  escapeMrkdwn,
  field,
  list,
  mrkdwn,
  plain,
  safeUrl,
  type SlackBlock,
  type SlackMessage,
} from "./slack-text.js";

/** Metrics a message lists before "and N more". */
const MAX_METRICS = 5;
/** One line of a list at most, before escaping. */
const MAX_LINE = 300;

const HEADLINES: Record<DeployEventType, { emoji: string; text: (v: string, env: string) => string }> = {
  started: { emoji: "🚀", text: (v, env) => `Deploying ${v} to ${env}` },
  succeeded: { emoji: "✅", text: (v, env) => `${v} is live in ${env}` },
  failed: { emoji: "❌", text: (v, env) => `The deploy of ${v} to ${env} failed` },
  "verification-failed": { emoji: "⚠️", text: (v, env) => `${v} failed verification in ${env}` },
  "rollback-started": { emoji: "↩️", text: (v, env) => `Rolling back ${v} in ${env}` },
  "rolled-back": { emoji: "↩️", text: (v, env) => `${v} was rolled back in ${env}` },
  "rollback-failed": { emoji: "🔥", text: (v, env) => `The rollback of ${v} in ${env} failed` },
  interrupted: { emoji: "⏹️", text: (v, env) => `The deploy of ${v} to ${env} was interrupted` },
};

/**
 * A deploy event as a Block Kit message, in the style of the readiness message: a header, what
 * happened in a sentence with the facts as fields, the metrics that did not pass, buttons to the
 * environment, the CI run, the incident and GitHub's deployments, and a context line. Every outside
 * text is mrkdwn-escaped; the caller redacted the record.
 */
export function renderDeploySlackBlocks(n: DeployNotification): SlackMessage {
  const { record } = n;
  const { from } = rollbackEnds(record);
  const version = displayVersion(from.version, from.commit);
  const headline = HEADLINES[n.event];
  const title = headline.text(version, record.environment);
  const blocks: SlackBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: cut(`${headline.emoji} ${title}`, LIMITS.header), emoji: true },
    },
    { type: "section", text: mrkdwn(describeEvent(n)), fields: renderFields(record).slice(0, LIMITS.fields) },
  ];
  const failed = failedMetrics(record);
  if (failed.length > 0 && n.event !== "started" && n.event !== "succeeded") {
    const lines = failed.map((m) => {
      const worst = worstValue(m);
      const value = worst === null ? "no data" : `worst ${formatValue(worst)}`;
      return `• *${escapeMrkdwn(cut(m.name, 150))}* ${m.verdict}: ${escapeMrkdwn(cut(m.reason, MAX_LINE))} (${escapeMrkdwn(describeJudgement(m.judgement))}; ${value})`;
    });
    blocks.push({
      type: "section",
      text: mrkdwn(list(`*Metrics that did not pass (${failed.length})*`, lines, MAX_METRICS)),
    });
  }
  const buttons = renderButtons(n);
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  const context = [
    `shipready · ${escapeMrkdwn(formatUtc(n.at))}`,
    ...(record.commit ? [`commit \`${escapeMrkdwn(shortSha(record.commit))}\``] : []),
    escapeMrkdwn(cut(record.id, 120)),
  ];
  blocks.push({ type: "context", elements: [mrkdwn(context.join(" · "))] });
  return {
    text: escapeMrkdwn(cut(`${title}${fallbackDetail(n)}`, LIMITS.fallbackText / 5)),
    blocks: blocks.slice(0, LIMITS.blocks),
  };
}

/** The event in a sentence or two, with what to do when it needs a person. */
function describeEvent(n: DeployNotification): string {
  const { record } = n;
  const ends = rollbackEnds(record);
  const version = `*${escapeMrkdwn(cut(displayVersion(ends.from.version, ends.from.commit), 100))}*`;
  const env = `*${escapeMrkdwn(cut(record.environment, 100))}*`;
  const to = ends.to ? `*${escapeMrkdwn(cut(displayVersion(ends.to.version, ends.to.commit), 100))}*` : null;
  const reason = record.rollback?.reason ? `: ${escapeMrkdwn(cut(record.rollback.reason, MAX_LINE))}` : "";
  const failed = failedMetrics(record);
  const took = millisBetween(record.startedAt, record.endedAt ?? n.at);
  switch (n.event) {
    case "started":
      return `${version} is being deployed to ${env}${to ? ` (live now: ${to})` : ""}; it is verified before it counts as done.`;
    case "succeeded":
      return `${version} is deployed to ${env} and passed verification${record.metrics.length > 0 ? ` (${record.metrics.length} ${record.metrics.length === 1 ? "metric" : "metrics"})` : ""}${took !== null ? ` in ${describeDuration(took)}` : ""}.`;
    case "failed": {
      const step = firstStoppedStep(record.steps);
      return `The deploy of ${version} to ${env} failed${step ? ` at *${escapeMrkdwn(cut(step.name, 150))}* (${step.status})` : ""}, before verification; nothing was rolled back. The service is as that step left it.`;
    }
    case "verification-failed":
      return `${version} in ${env} did not pass verification: ${failed.length} of ${record.metrics.length} ${record.metrics.length === 1 ? "metric" : "metrics"} did not pass. The rollback trigger decides what happens next${to ? `; a rollback restores ${to}` : ""}.`;
    case "rollback-started":
      return `Rolling back ${version} in ${env}${to ? ` to ${to}` : ""}${reason}.`;
    case "rolled-back": {
      const steps = rollbackStepsOf(record);
      const span = millisBetween(steps[0]?.startedAt ?? null, steps.at(-1)?.endedAt ?? null);
      return `${version} was rolled back in ${env}${to ? ` to ${to}` : ""}${span !== null ? ` in ${describeDuration(span)}` : ""}${reason}.${record.incident ? " The incident issue has the details." : ""}`;
    }
    case "rollback-failed": {
      const step = record.rollback?.failedStep ?? firstStoppedStep(rollbackStepsOf(record))?.name;
      return `The rollback of ${version} in ${env} stopped${step ? ` at *${escapeMrkdwn(cut(step, 150))}*` : ""}: the service may be running neither ${version} nor ${to ?? "the version before it"}. *Check it now* and finish the rollback by hand.`;
    }
    case "interrupted":
      return `The deploy of ${version} to ${env} was interrupted; the service is as the last step left it.`;
  }
}

function renderFields(record: DeployRecord): ReturnType<typeof field>[] {
  const { from, to } = rollbackEnds(record);
  const fields = [
    field("Environment", escapeMrkdwn(cut(record.environment, MAX_LINE))),
    field("Version", escapeMrkdwn(cut(displayVersion(from.version, from.commit), MAX_LINE))),
  ];
  if (to) {
    fields.push(
      field(
        record.kind === "rollback" ? "Back to" : "Before",
        escapeMrkdwn(cut(displayVersion(to.version, to.commit), MAX_LINE)),
      ),
    );
  }
  if (record.actor) fields.push(field("By", escapeMrkdwn(cut(record.actor, MAX_LINE))));
  if (record.rollback) fields.push(field("Trigger", escapeMrkdwn(cut(record.rollback.trigger, MAX_LINE))));
  fields.push(field("Started", escapeMrkdwn(formatUtc(record.startedAt))));
  return fields;
}

function renderButtons(n: DeployNotification): Extract<SlackBlock, { type: "actions" }>["elements"] {
  const { record } = n;
  const buttons: Extract<SlackBlock, { type: "actions" }>["elements"] = [];
  const incident = record.incident ? safeUrl(record.incident.url) : null;
  if (incident) {
    buttons.push({
      type: "button",
      text: plain(`Incident #${record.incident!.number}`),
      url: incident,
      action_id: "shipready-incident",
      style: "primary",
    });
  }
  const environment = safeUrl(n.environmentUrl);
  if (environment) {
    buttons.push({
      type: "button",
      text: plain("Open the environment"),
      url: environment,
      action_id: "shipready-environment",
    });
  }
  const run = safeUrl(record.runUrl ?? null);
  if (run) buttons.push({ type: "button", text: plain("CI run"), url: run, action_id: "shipready-run" });
  const deployment = record.githubDeployment ? safeUrl(record.githubDeployment.url) : null;
  if (deployment) {
    buttons.push({
      type: "button",
      text: plain("GitHub deployments"),
      url: deployment,
      action_id: "shipready-deployment",
    });
  }
  return buttons;
}

function fallbackDetail(n: DeployNotification): string {
  const failed = failedMetrics(n.record);
  if (failed.length === 0 || n.event === "started" || n.event === "succeeded") return "";
  return `: ${failed
    .slice(0, 3)
    .map((m) => m.name)
    .join(", ")} did not pass`;
}
