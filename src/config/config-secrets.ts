import { secretsOfEnvironment } from "../shared/find-secrets.js";
import type { ShipreadyConfig } from "./types.js";

type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * The secrets of a run under this config: the environment's (see secretsOfEnvironment), the variables
 * listed in `secrets:`, every variable a webhook URL or header reads through ${NAME} (notify and http
 * evidence, checks and metric sources), Sentry's token variable, and the webhook URLs as filled in (a URL
 * written into the file is a secret as well).
 */
export function secretsOfConfig(config: ShipreadyConfig, env: Env): string[] {
  const templates = [config.notify.slack.webhook];
  if (config.notify.webhook) {
    templates.push(config.notify.webhook.url, ...Object.values(config.notify.webhook.headers));
  }
  const evidence = [
    ...config.gates.flatMap((rule) => rule.evidence ?? []),
    ...Object.values(config.strategy?.checks ?? {}).flat(),
  ];
  for (const spec of evidence) {
    if (spec.kind === "http") templates.push(...Object.values(spec.headers ?? {}));
  }
  // The strategy's metric sources: headers of probes and queries, and the variable holding Sentry's token.
  const tokens: string[] = [];
  for (const metric of config.strategy?.metrics ?? []) {
    const source = metric.source;
    if (source.kind === "http" || source.kind === "prometheus")
      templates.push(...Object.values(source.headers ?? {}));
    if (source.kind === "sentry") tokens.push(source.tokenEnv);
  }
  const referenced = [
    ...templates.flatMap((template) => [...template.matchAll(REFERENCE)].map((m) => m[1]!)),
    ...tokens,
  ];
  const webhooks = [config.notify.slack.webhook, config.notify.webhook?.url]
    .filter((template): template is string => template !== undefined)
    // Only a URL filled in whole: a URL missing its variable is not the secret, only a common prefix.
    .filter((template) => [...template.matchAll(REFERENCE)].every((m) => env[m[1]!]))
    .map((template) => template.replace(REFERENCE, (_, name: string) => env[name]!).trim());
  return [...secretsOfEnvironment(env, [...config.secrets, ...referenced]), ...webhooks];
}
