import type { ShipreadyConfig } from "../config/types.js";
import { ConfigError, UsageError } from "../errors.js";
import { secretsOfConfig } from "../config/config-secrets.js";
import { secretsOfEnvironment } from "../shared/find-secrets.js";
import { createSecretKeeper, type SecretKeeper } from "../shared/secret-keeper.js";
import type { DeployStrategy, EnvironmentSpec } from "./types.js";

export interface DeploySite {
  config: ShipreadyConfig;
  strategy: DeployStrategy;
  environment: string;
  envSpec: EnvironmentSpec | null;
}

/**
 * The strategy and the environment a deploy, rollback or promotion acts on: --env, else the
 * strategy's default. An environment environments: does not name is refused when it names any.
 */
export function resolveEnvironment(config: ShipreadyConfig, name: string | undefined): DeploySite {
  const strategy = config.strategy;
  if (strategy === null) {
    throw new ConfigError(
      `${config.file ?? "shipready.yml"} has no release strategy, so there is nothing to deploy with; nothing was run`,
      [],
      'Add steps: (at least `deploy:`, the command that deploys) and, to verify and roll back, validation: metrics and rollback: procedures. See the README\'s "Deploy, roll back, canary".',
    );
  }
  const environment = name ?? strategy.defaultEnvironment;
  const envSpec = strategy.environments.find((e) => e.name === environment) ?? null;
  if (envSpec === null && strategy.environments.length > 0) {
    throw new UsageError(
      `unknown environment "${environment}": shipready.yml names ${strategy.environments.map((e) => e.name).join(", ")}; nothing was run`,
      "Give one of them with --env, or add it under environments: in shipready.yml.",
    );
  }
  return { config, strategy, environment, envSpec };
}

/** The run's secrets: those met so far, shipready.yml's, and the environment's vars with secret names. */
export function deploySecrets(
  site: DeploySite,
  env: Readonly<Record<string, string | undefined>>,
  known?: SecretKeeper,
): SecretKeeper {
  const secrets = known ?? createSecretKeeper();
  secrets.add(secretsOfConfig(site.config, env));
  secrets.add(secretsOfEnvironment(site.envSpec?.vars ?? {}));
  return secrets;
}
