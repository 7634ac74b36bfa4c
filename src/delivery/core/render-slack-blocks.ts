import { formatPercent } from "../../shared/format-percent.js";
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
import type { ReadinessNotification } from "../types.js";
import { describeGain, summarizePathToReady } from "../../readiness/core/describe-path-to-ready.js";

export { escapeMrkdwn, type SlackBlock, type SlackMessage } from "./slack-text.js";

/** How many blockers a message lists before "and N more"; the rest are a click away in the checklist. */
const MAX_BLOCKERS = 10;
/** The issue's "top three failing workflows". */
const MAX_WORKFLOWS = 3;
/** One line of a list at most, before escaping (escaping may lengthen it up to five times). */
const MAX_LINE = 300;

/** The notification as a Block Kit message within Slack's limits; every outside text is mrkdwn-escaped. */
export function renderSlackBlocks(n: ReadinessNotification): SlackMessage {
  const verdict = n.ready ? "ready" : "not ready";
  const title = `${n.band.emoji ? `${n.band.emoji} ` : ""}Release readiness ${formatPercent(n.score)}: ${n.band.name}`;
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: cut(title, LIMITS.header), emoji: true } },
    {
      type: "section",
      text: mrkdwn(
        `*${escapeMrkdwn(cut(n.checklist, MAX_LINE))}* is ${n.ready ? "*ready*" : "*not ready*"} (threshold ${formatPercent(n.threshold)})`,
      ),
      fields: [
        field("Score", formatPercent(n.score)),
        field("Band", escapeMrkdwn(cut(n.band.name, MAX_LINE))),
        field("Verdict", verdict),
        field("Since the last run", describeChange(n)),
        field("Blockers", String(n.blockers.length)),
        field("Coverage", formatPercent(n.coverage)),
      ].slice(0, LIMITS.fields),
    },
  ];
  if (n.blockers.length > 0) {
    const lines = n.blockers.map(
      (b) =>
        `• *${escapeMrkdwn(cut(b.gate, 150))}* (${escapeMrkdwn(cut(b.category, 100))}): ${escapeMrkdwn(cut(b.reason, MAX_LINE))}`,
    );
    blocks.push({
      type: "section",
      text: mrkdwn(list(`*Blockers (${n.blockers.length})*`, lines, MAX_BLOCKERS)),
    });
  }
  if (n.toReady) blocks.push({ type: "section", text: mrkdwn(renderPathToReady(n)) });
  if (n.failingWorkflows.length > 0) {
    const lines = n.failingWorkflows.map((w) => {
      const name = escapeMrkdwn(cut(w.name, 150));
      const target = safeUrl(w.runUrl) ?? safeUrl(w.url);
      const rate = w.passRate === null ? "" : `, pass rate ${formatPercent(w.passRate)}`;
      return `• ${target ? `<${escapeMrkdwn(target)}|${name}>` : name}: last run ${escapeMrkdwn(w.conclusion)}${rate}`;
    });
    blocks.push({
      type: "section",
      text: mrkdwn(list(`*Failing workflows (${n.failingWorkflows.length})*`, lines, MAX_WORKFLOWS)),
    });
  }
  const buttons: Extract<SlackBlock, { type: "actions" }>["elements"] = [];
  const checklistUrl = safeUrl(n.links.checklist);
  const ciUrl = safeUrl(n.links.ci);
  if (checklistUrl) {
    buttons.push({
      type: "button",
      text: plain("Open the checklist"),
      url: checklistUrl,
      action_id: "shipready-checklist",
      style: "primary",
    });
  }
  if (ciUrl) buttons.push({ type: "button", text: plain("CI runs"), url: ciUrl, action_id: "shipready-ci" });
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  const context = [
    `shipready · ${escapeMrkdwn(n.at.slice(0, 16).replace("T", " "))} UTC`,
    ...(n.commit ? [`commit \`${escapeMrkdwn(n.commit.slice(0, 7))}\``] : []),
    escapeMrkdwn(cut(n.reason, MAX_LINE)),
  ];
  blocks.push({ type: "context", elements: [mrkdwn(context.join(" · "))] });

  const fallback = `Release readiness of ${n.checklist}: ${formatPercent(n.score)} (${n.band.name}), ${verdict}, ${n.blockers.length} ${n.blockers.length === 1 ? "blocker" : "blockers"}`;
  return {
    text: escapeMrkdwn(cut(fallback, LIMITS.fallbackText / 5)),
    blocks: blocks.slice(0, LIMITS.blocks),
  };
}

/** The fewest gates to pass, by owner, one line each: "• @security-team: *Security Audit* (+6.3, required)". */
function renderPathToReady(n: ReadinessNotification): string {
  const path = n.toReady!;
  const summary = summarizePathToReady(path, n.threshold, path.gates.length);
  const lines = summary.groups.flatMap((group) =>
    group.gates.map((g) => {
      const owner = group.owner === null ? "" : `${escapeMrkdwn(cut(group.owner, 100))}: `;
      return `• ${owner}*${escapeMrkdwn(cut(g.name, 150))}* (${describeGain(g)})`;
    }),
  );
  return list(`*${summary.headline}*, pass:`, lines, MAX_BLOCKERS);
}

function describeChange(n: ReadinessNotification): string {
  if (n.previous === null || n.change === null) return "no earlier run";
  const arrow = n.change > 0 ? "↑" : n.change < 0 ? "↓" : "→";
  const sign = n.change > 0 ? "+" : "";
  const band = n.previous.band === n.band.name ? "" : ` (was ${escapeMrkdwn(cut(n.previous.band, 100))})`;
  return `${arrow} ${sign}${Number(n.change.toFixed(1))} points from ${formatPercent(n.previous.score)}${band}`;
}
