import { loadConfig } from "../config/load-config.js";
import type { ShipreadyConfig } from "../config/types.js";
import { InputError } from "../errors.js";
import type { ReleasePorts } from "./ports.js";
import type { ReleaseOptions } from "./types.js";

/** Where a release is cut: the repository's top folder, its settings, the branch and the commit at HEAD. */
export interface ReleaseSite {
  top: string;
  config: ShipreadyConfig;
  branch: string;
  head: string;
}

/**
 * The first checks of a release: the folder is in a git repository, HEAD is on a branch (the release
 * commit goes on it and is pushed) and there is a commit to release.
 */
export async function locateRelease(options: ReleaseOptions, ports: ReleasePorts): Promise<ReleaseSite> {
  const top = await ports.git.topLevel(options.cwd);
  if (top === null) {
    throw new InputError(
      `${options.cwd} is not inside a git repository.`,
      "Run shipready release in a clone of the repository to release.",
    );
  }
  const { config } = await loadConfig(
    { cwd: options.cwd, near: options.cwd, ...(options.config ? { config: options.config } : {}) },
    ports,
  );
  const branch = await ports.releaseGit.currentBranch(top);
  if (branch === null) {
    throw new InputError(
      `HEAD is detached in ${top}, so there is no branch to put the release commit on and push.`,
      "Check out the branch to release (git switch main), then run again.",
    );
  }
  const head = await ports.releaseGit.resolveCommit(top, "HEAD");
  if (head === null) {
    throw new InputError(
      `The repository at ${top} has no commits yet.`,
      "Make a first commit, then run again.",
    );
  }
  return { top, config, branch, head };
}
