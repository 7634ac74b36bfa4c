import { InputError } from "../errors.js";
import type { Files } from "../ports.js";
import { promotionFile, type Promotion } from "./promotion-file.js";
import type { DeployLocks } from "./ports.js";
import { resolveEnvironment } from "./resolve-environment.js";
import type { RunRequest } from "./run-types.js";

/**
 * `shipready promote`: lets the deploy of the environment that waits in a canary pause go on (with
 * `full`, past every remaining pause too), as Argo Rollouts' promote does. It leaves a promotion for
 * the deploy that holds the environment's lock, which that deploy polls for; with no deploy running
 * there is nothing to promote.
 */
export async function promoteDeploy(
  request: Pick<RunRequest, "config" | "environment" | "actor"> & { full?: boolean },
  ports: { locks: DeployLocks; files: Files; clock: { now(): Date } },
): Promise<{ environment: string; recordId: string; file: string }> {
  const site = resolveEnvironment(request.config, request.environment);
  const holder = await ports.locks.holder(site.environment);
  if (holder === null || holder.command !== "deploy") {
    throw new InputError(
      `no deploy of ${site.environment} is running, so there is nothing to promote`,
      "Promote while `shipready deploy` waits in a canary pause.",
    );
  }
  const promotion: Promotion = {
    recordId: holder.recordId,
    full: request.full === true,
    by: request.actor,
    at: ports.clock.now().toISOString(),
  };
  const file = promotionFile(site.strategy, site.environment);
  await ports.files.writeAtomic(file, `${JSON.stringify(promotion, null, 2)}\n`);
  return { environment: site.environment, recordId: holder.recordId, file };
}
