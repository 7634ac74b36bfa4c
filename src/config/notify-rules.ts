import { isRecord, type ConfigRule, type RuleFinding } from "./config-rule.js";

/** Rules of notification settings the schema cannot say; run beside the schema. */
export const NOTIFY_RULES: readonly ConfigRule[] = [slackWebhookIsNotWrittenOut];

/**
 * A Slack webhook URL lets anyone who reads it post to the channel; written into a committed file it
 * is as good as published. Only the key is named: the message must not repeat the URL.
 */
function slackWebhookIsNotWrittenOut({ raw }: Parameters<ConfigRule>[0]): RuleFinding[] {
  const notify = raw.notify;
  if (!isRecord(notify) || !isRecord(notify.slack)) return [];
  const webhook = notify.slack.webhook;
  if (typeof webhook !== "string" || /\$\{[A-Za-z_]\w*\}/.test(webhook)) return [];
  if (!/^https?:\/\/hooks\.slack(-gov)?\.com\//i.test(webhook.trim())) return [];
  return [
    {
      severity: "warning",
      path: ["notify", "slack", "webhook"],
      message:
        'holds a Slack webhook URL written out, so anyone who can read this file can post to the channel. Write webhook: "${SLACK_WEBHOOK_URL}", set the variable as a secret where shipready runs, and create a new webhook in Slack to replace this one.',
    },
  ];
}
