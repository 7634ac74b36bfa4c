import type { ShipreadyConfig } from "../config/types.js";
import { InputError } from "../errors.js";
import { findLiveVersion } from "./core/find-live-version.js";
import type { DeployRunPorts } from "./run-types.js";
import type { DeployRecord } from "./types.js";

export interface DeployIdentity {
  version: string | null;
  commit: string | null;
  /** What is live before the deploy: the rollback's target. */
  previous: { version: string | null; commit: string | null } | null;
}

/**
 * What is deployed and what it replaces: the commit at HEAD; its version from --version, else the
 * version tag on it, else `git describe`; and as the previous version the last one the records say
 * was live in the environment, else the release tag before the commit.
 */
export async function identifyDeploy(
  config: ShipreadyConfig,
  environment: string,
  version: string | undefined,
  records: readonly DeployRecord[],
  ports: Pick<DeployRunPorts, "deployGit">,
): Promise<DeployIdentity> {
  const git = ports.deployGit;
  const pattern = config.release.tagPattern;
  const commit = await git.head(config.root);
  if (commit === null && version === undefined) {
    throw new InputError(
      `${config.root} is not in a git repository with a commit, so there is no version to deploy`,
      "Run shipready deploy in a clone of the repository, or name the version: --version 1.4.2.",
    );
  }
  const named =
    version ??
    (commit !== null
      ? ((await git.versionAt(config.root, commit, pattern)) ?? (await git.describe(config.root, commit)))
      : null);
  const live = findLiveVersion(records, environment);
  const previous = live
    ? { version: live.version, commit: live.commit }
    : commit !== null
      ? await git.previousRelease(config.root, commit, pattern)
      : null;
  return { version: named, commit, previous };
}
