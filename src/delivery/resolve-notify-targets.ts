import { UsageError } from "../errors.js";
import type { NotifyTarget } from "./ports.js";
import type { NotifySettings } from "./types.js";

export interface ResolvedNotifyTarget extends NotifyTarget {
  kind: "slack" | "webhook";
  headers: Record<string, string>;
}

const NO_WEBHOOK_FIX =
  "Create an incoming webhook in Slack (Apps > Incoming Webhooks), then set SLACK_WEBHOOK_URL to its URL (a secret in CI); or set notify.webhook.url in shipready.yml.";

/** Who asks for the targets: `--notify` (the default), which needs one, or deploy notifications, which may have none. */
export interface NotifyPurpose {
  /** How messages name it: "--notify", "deploy notifications (incident.notify)". */
  name: string;
  /** No target is no error: the list comes back empty. */
  optional: boolean;
}

/**
 * The webhooks `--notify` sends to, with ${NAME} references filled in from the environment. Checked
 * before anything is collected or written, so a missing webhook is a usage error, not a lost message.
 * Messages name where a URL comes from, never the URL.
 */
export function resolveNotifyTargets(
  settings: NotifySettings,
  env: Readonly<Record<string, string | undefined>>,
  configLabel: string | null,
  purpose: NotifyPurpose = { name: "--notify", optional: false },
): ResolvedNotifyTarget[] {
  const inFile = (key: string) => `${key} in ${configLabel ?? "shipready.yml"}`;
  const targets: ResolvedNotifyTarget[] = [];
  const slack = fill(settings.slack.webhook, env);
  const slackSource = settings.slack.configured ? inFile("notify.slack.webhook") : "SLACK_WEBHOOK_URL";
  if (slack.missing.length > 0) {
    if (settings.slack.configured) throw missingVariable(purpose.name, slackSource, slack.missing);
  } else {
    targets.push({
      kind: "slack",
      url: checkUrl(slack.text, slackSource),
      headers: {},
      label: "the Slack webhook",
    });
  }
  if (settings.webhook) {
    const source = inFile("notify.webhook.url");
    const url = fill(settings.webhook.url, env);
    if (url.missing.length > 0) throw missingVariable(purpose.name, source, url.missing);
    const headers: Record<string, string> = {};
    for (const [name, template] of Object.entries(settings.webhook.headers)) {
      const value = fill(template, env);
      if (value.missing.length > 0)
        throw missingVariable(purpose.name, inFile(`the header ${name} of notify.webhook`), value.missing);
      headers[name] = value.text;
    }
    const checked = checkUrl(url.text, source);
    targets.push({
      kind: "webhook",
      url: checked,
      headers,
      label: `the webhook at ${new URL(checked).host}`,
    });
  }
  if (targets.length === 0 && !purpose.optional) {
    throw new UsageError(
      "--notify was given, but no webhook is configured: SLACK_WEBHOOK_URL is not set and shipready.yml has no notify.slack or notify.webhook",
      NO_WEBHOOK_FIX,
    );
  }
  return targets;
}

function fill(template: string, env: Readonly<Record<string, string | undefined>>) {
  const missing: string[] = [];
  const text = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value.trim() === "") missing.push(name);
    return value ?? "";
  });
  return { text: text.trim(), missing };
}

function missingVariable(who: string, source: string, names: string[]): UsageError {
  const list = names.join(", ");
  return new UsageError(
    `${who} needs ${list} (named by ${source}), which is not set`,
    `Set ${list} where shipready runs (in CI, from a secret); for Slack, the URL of an incoming webhook (Apps > Incoming Webhooks).`,
  );
}

function checkUrl(url: string, source: string): string {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new UsageError(
      `${source} does not hold an http or https URL`,
      "Set it to the webhook's full URL, such as Slack's https://hooks.slack.com/services/...",
    );
  }
  return url;
}
