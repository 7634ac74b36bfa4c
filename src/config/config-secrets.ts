import { secretsOfEnvironment } from "../shared/find-secrets.js";
import type { ShipreadyConfig } from "./types.js";

type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * The secrets of a run under this config: the environment's (see secretsOfEnvironment), the variables
 * listed in `secrets:`, every variable a webhook URL or header reads through ${NAME} (notify and http
 * evidence), and the webhook URLs as filled in (a URL written into the file is a secret as well).
 */
export function secretsOfConfig(config: ShipreadyConfig, env: Env): string[] {
  const templates = [config.notify.slack.webhook];
  if (config.notify.webhook) {
    templates.push(config.notify.webhook.url, ...Object.values(config.notify.webhook.headers));
  }
  for (const rule of config.gates) {
    for (const spec of rule.evidence ?? []) {
      if (spec.kind === "http") templates.push(...Object.values(spec.headers ?? {}));
    }
  }
  const referenced = templates.flatMap((template) => [...template.matchAll(REFERENCE)].map((m) => m[1]!));
  const webhooks = [config.notify.slack.webhook, config.notify.webhook?.url]
    .filter((template): template is string => template !== undefined)
    // Only a URL filled in whole: a URL missing its variable is not the secret, only a common prefix.
    .filter((template) => [...template.matchAll(REFERENCE)].every((m) => env[m[1]!]))
    .map((template) => template.replace(REFERENCE, (_, name: string) => env[name]!).trim());
  return [...secretsOfEnvironment(env, [...config.secrets, ...referenced]), ...webhooks];
}
