import { z } from "zod";
import { expecting, NOT_BLANK } from "./schema-wording.js";

/**
 * A webhook URL is a secret: a problem with one is reported without echoing the value, which the
 * shared wording would do.
 */
function secretUrl(fix: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? `missing. ${fix}` : `expected a URL written as text. ${fix}`,
    })
    .regex(NOT_BLANK, { error: `is blank. ${fix}` });
}

const linkUrl = (key: string) =>
  z
    .string(
      expecting("an http or https URL", `Write the full address, such as ${key}: https://example.com/page.`),
    )
    .regex(/^https?:\/\/\S+$/);

/** The Slack incoming webhook `update --notify` posts to. */
export const slackNotifySchema = z
  .strictObject(
    {
      webhook: secretUrl(
        'Write webhook: "${SLACK_WEBHOOK_URL}" and set that variable where shipready runs; keep the URL itself out of the file.',
      ).meta({
        description:
          "The incoming webhook's URL; ${NAME} names an environment variable, so the URL need not be committed. Defaults to ${SLACK_WEBHOOK_URL}.",
      }),
    },
    expecting(
      "Slack settings written as keys",
      'Write them as keys under slack:, such as webhook: "${SLACK_WEBHOOK_URL}".',
    ),
  )
  .meta({ description: "The Slack incoming webhook notifications go to." });

/** A generic JSON webhook, the second notifier. */
export const webhookNotifySchema = z
  .strictObject(
    {
      url: secretUrl(
        'Write url: "${RELEASE_WEBHOOK_URL}" and set that variable where shipready runs, or write the URL.',
      ).meta({
        description:
          "Where the JSON payload is POSTed; ${NAME} names an environment variable (use one when the URL holds a secret).",
      }),
      headers: z
        .record(
          z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/),
          z.string(
            expecting(
              "a header value written as text",
              'Write it in quotes, such as Authorization: "Bearer ${TOKEN}".',
            ),
          ),
          expecting(
            "headers written as keys",
            'Write them as keys, such as headers: { Authorization: "Bearer ${TOKEN}" }.',
          ),
        )
        .optional()
        .meta({
          description: "Headers to send; values may name environment variables as ${NAME} (for credentials).",
        }),
    },
    expecting(
      "webhook settings written as keys",
      'Write them as keys under webhook:, such as url: "${RELEASE_WEBHOOK_URL}".',
    ),
  )
  .meta({ description: "A webhook that receives the readiness as a JSON POST." });

/** When and where `update --notify` sends. */
export const notifySchema = z
  .strictObject(
    {
      policy: z
        .enum(
          ["below-threshold", "on-change", "always"],
          expecting(
            '"below-threshold", "on-change" or "always"',
            "Write policy: below-threshold (when not ready), on-change (when the band or verdict changed) or always.",
          ),
        )
        .optional()
        .meta({
          description:
            "When to send: below-threshold (the release is not ready; the default), on-change (the band or the verdict changed since the last notification) or always.",
        }),
      slack: slackNotifySchema.optional(),
      webhook: webhookNotifySchema.optional(),
      checklistUrl: linkUrl("checklistUrl").optional().meta({
        description:
          "The checklist's link in messages; defaults to the file on GitHub (repository, default branch, path).",
      }),
      ciUrl: linkUrl("ciUrl")
        .optional()
        .meta({ description: "The CI runs' link in messages; defaults to the repository's Actions page." }),
      state: z
        .string(
          expecting(
            "a file path",
            "Write a path relative to this file, such as state: .shipready/notified.json.",
          ),
        )
        .regex(NOT_BLANK)
        .optional()
        .meta({
          description:
            "What was last notified, for on-change, relative to this file; commit it with the history. Defaults to notified.json beside the history file.",
        }),
    },
    expecting(
      "notification settings written as keys",
      "Write them as keys under notify:, such as policy: on-change.",
    ),
  )
  .meta({ description: "Notifications `update --notify` sends to Slack and webhooks." });
