import { deployName } from "../../metrics/core/describe-metrics.js";
import type { WeekSummary } from "../../metrics/core/summarize-week.js";
import { LIMITS, cut, escapeMrkdwn, field, list, mrkdwn, safeUrl, type SlackMessage } from "./slack-text.js";

/** Failed deploys a digest lists before "and N more". */
const MAX_FAILED = 10;
/** One line of outside text at most, before escaping. */
const MAX_LINE = 200;

/**
 * The weekly digest as a Block Kit message: a header, the week in a sentence, one field per metric
 * (the week's figure, how it moved since the week before, its level over 90 days), the failed deploys
 * with their incidents and recovery time, and where the levels come from. Every outside text (the
 * repository, environment, versions, incident titles) is mrkdwn-escaped.
 */
export function renderMetricsDigestBlocks(s: WeekSummary): SlackMessage {
  const repo = escapeMrkdwn(cut(s.repo, 100));
  const env = escapeMrkdwn(cut(s.environment, 100));
  const title = `📊 Delivery this week: ${cut(s.repo, 80)} in ${cut(s.environment, 40)}`;
  const sentence = `*${repo}* in *${env}*, ${s.since.slice(0, 10)} to ${s.until.slice(0, 10)}: ${s.deploys} ${s.deploys === 1 ? "deploy" : "deploys"}, ${s.failed} failed.`;
  const fields = s.metrics.map((m) => {
    const figure = m.row.ok ? m.row.figure : `_${m.row.figure}_ (${m.row.count})`;
    const change = m.change ? ` · ${m.change} vs the week before` : "";
    const level = m.level ? `${m.level}${m.unchecked ? "*" : ""} over 90 days` : "not rated over 90 days";
    return field(m.row.title, `${escapeMrkdwn(figure)}${escapeMrkdwn(change)}\n${level}`);
  });
  const blocks: SlackMessage["blocks"] = [
    { type: "header", text: { type: "plain_text", text: cut(title, LIMITS.header), emoji: true } },
    { type: "section", text: mrkdwn(sentence), fields: fields.slice(0, LIMITS.fields) },
  ];
  if (s.failedDeploys.length > 0) {
    const lines = s.failedDeploys.map(({ deploy, incidents, recovery }) => {
      const name = escapeMrkdwn(cut(deployName(deploy), 100));
      const linked = incidents.map((i) => {
        const text = escapeMrkdwn(cut(i.title ?? i.ref, MAX_LINE));
        const url = safeUrl(i.url);
        return url ? `<${url}|${text}>` : text;
      });
      const why = deploy.failures.length > 0 ? `: ${escapeMrkdwn(cut(deploy.failures[0]!, MAX_LINE))}` : "";
      return `• *${name}* ${deploy.finishedAt.slice(0, 16).replace("T", " ")} UTC${why}${linked.length > 0 ? ` · incident ${linked.join(", ")}` : ""} · recovery: ${recovery}`;
    });
    blocks.push({
      type: "section",
      text: mrkdwn(list(`*Failed deploys (${s.failedDeploys.length})*`, lines, MAX_FAILED)),
    });
  } else {
    blocks.push({ type: "section", text: mrkdwn("No deploy failed this week.") });
  }
  const source = safeUrl(s.report.url);
  const reportName = escapeMrkdwn(cut(s.report.title, 150));
  blocks.push({
    type: "context",
    elements: [
      mrkdwn(
        `shipready · levels from ${source ? `<${source}|${reportName}>` : reportName} · \`shipready metrics --explain\` lists every deploy behind these figures`,
      ),
    ],
  });
  return {
    text: escapeMrkdwn(
      cut(
        `Delivery this week: ${s.repo} in ${s.environment}: ${s.deploys} deploys, ${s.failed} failed`,
        LIMITS.fallbackText / 5,
      ),
    ),
    blocks,
  };
}

/**
 * The generic webhook's JSON body for the digest. Keys may be added, never renamed:
 * { source: "shipready", version: 1, type: "metrics-digest", repo, environment, since, until,
 *   deploys, failed, metrics[{ name, title, figure, ok, change, level }],
 *   failedDeploys[{ ref, version, commit, finishedAt, failures, recovery, incidents[{ ref, title, url }] }] }.
 */
export function renderMetricsDigestPayload(s: WeekSummary): Record<string, unknown> {
  return {
    source: "shipready",
    version: 1,
    type: "metrics-digest",
    repo: s.repo,
    environment: s.environment,
    since: s.since,
    until: s.until,
    deploys: s.deploys,
    failed: s.failed,
    report: s.report.id,
    metrics: s.metrics.map((m) => ({
      name: m.row.name,
      title: m.row.title,
      figure: m.row.figure,
      ok: m.row.ok,
      change: m.change,
      level: m.level,
    })),
    failedDeploys: s.failedDeploys.map(({ deploy, incidents, recovery }) => ({
      ref: deploy.ref,
      version: deploy.version,
      commit: deploy.commit,
      finishedAt: deploy.finishedAt,
      failures: deploy.failures,
      recovery,
      incidents: incidents.map((i) => ({ ref: i.ref, title: i.title, url: i.url })),
    })),
  };
}
