import type { ShipreadyConfig } from "../config/types.js";
import { UsageError } from "../errors.js";
import { renderStatusPage } from "./core/render-status-page.js";
import { summarizePublicStatus } from "./core/summarize-public-status.js";
import type { DeployRecords } from "./ports.js";

export interface StatusPageRequest {
  config: ShipreadyConfig;
  /** How messages name shipready.yml. */
  configLabel: string;
  now: Date;
}

/** How far back the page lists incidents. */
const DAYS = 90;

/**
 * The public status page (`report --status-page`): the environments shipready.yml marks public, each
 * with its state, version and recent incidents from the deploy records. A usage error when there is
 * nothing to publish, before any record is read.
 */
export async function makeStatusPage(
  request: StatusPageRequest,
  ports: { records: DeployRecords },
): Promise<{ html: string; environments: string[] }> {
  const strategy = request.config.strategy;
  if (strategy === null) {
    throw new UsageError(
      `the status page shows the environments ${request.configLabel} marks public, and it has no release strategy (no environments:)`,
      "Add the environments to publish to shipready.yml, such as environments: { production: { url: https://example.com, public: true } }.",
    );
  }
  const published = strategy.environments.filter((e) => e.public);
  if (published.length === 0) {
    throw new UsageError(
      `no environment in ${request.configLabel} is marked public, so the status page would show nothing`,
      "Mark each environment to publish with public: true, such as environments: { production: { public: true } }; the others never appear on the page.",
    );
  }
  const names = new Set(published.map((e) => e.name));
  // Read once; any other environment's records are dropped here, before anything looks at them.
  const records = (await ports.records.list()).filter((r) => names.has(r.environment));
  const now = request.now.toISOString();
  const environments = summarizePublicStatus(published, records, { now, days: DAYS });
  return {
    html: renderStatusPage({ title: "Service status", environments, now, days: DAYS }),
    environments: [...names],
  };
}
