import { EvidenceError } from "../errors.js";
import type { Clock } from "../ports.js";
import type { DeployListener } from "../deploy/create-deploy-events.js";
import type { DeployEventType } from "../deploy/ports.js";
import type { DeployRecord, EnvironmentSpec } from "../deploy/types.js";
import { renderDeploySlackBlocks } from "./core/render-deploy-slack-blocks.js";
import { renderDeployWebhookPayload } from "./core/render-deploy-webhook-payload.js";
import type { Notifier } from "./ports.js";
import type { ResolvedNotifyTarget } from "./resolve-notify-targets.js";
import type { DeployNotification } from "./types.js";

export interface DeployNotifyOptions {
  /** Where to send (resolveNotifyTargets); the listener sends nothing when there are none. */
  targets: readonly ResolvedNotifyTarget[];
  notifier: Notifier;
  environments: readonly EnvironmentSpec[];
  clock: Clock;
  signal?: AbortSignal;
}

/**
 * Tells Slack and the webhook about a deploy: its start, its success, a failed verification, the
 * rollback's end (or its failure) and an interruption. A rollback's start is told only for a rollback
 * run on its own (`shipready rollback`): after a failed verification its message says what comes.
 * Verifications and watches are told only when they fail.
 */
export function deployNotifyListener(options: DeployNotifyOptions): DeployListener {
  return {
    name: "deploy notifications",
    async handle(type, record) {
      if (options.targets.length === 0 || !tells(type, record)) return;
      const notification: DeployNotification = {
        event: type,
        record,
        environmentUrl: options.environments.find((e) => e.name === record.environment)?.url ?? null,
        at: options.clock.now().toISOString(),
      };
      const failures: string[] = [];
      for (const target of options.targets) {
        const payload =
          target.kind === "slack"
            ? renderDeploySlackBlocks(notification)
            : renderDeployWebhookPayload(notification);
        const delivery = await options.notifier.post(
          target,
          payload,
          options.signal ? { signal: options.signal } : {},
        );
        if (!delivery.ok) failures.push(delivery.message);
      }
      if (failures.length > 0) {
        throw new EvidenceError(
          `the ${type} message was not sent: ${failures.join("; ")}`,
          "Check SLACK_WEBHOOK_URL and notify.webhook in shipready.yml (`shipready update --notify --dry-run` shows the targets); the deploy went on regardless.",
        );
      }
    },
  };
}

function tells(type: DeployEventType, record: DeployRecord): boolean {
  if (type === "rollback-started") return record.kind === "rollback";
  if (record.kind === "verify" || record.kind === "watch") {
    return type !== "started" && type !== "succeeded";
  }
  return true;
}
