import type { DeployGit } from "../../deploy/ports.js";
import { listVersionTags } from "./git-history.js";
import { runGit } from "./run-git.js";

/** One line git printed, or null when it failed (not a repository, no such ref). */
async function gitLine(dir: string, args: string[]): Promise<string | null> {
  try {
    const run = await runGit(dir, args, { timeoutMs: 10_000 });
    return run.code === 0 ? run.stdout.trim() || null : null;
  } catch {
    return null;
  }
}

/** The version tags of the repository, highest first; none when git cannot list them. */
async function versionTags(dir: string, pattern: string) {
  try {
    return (await listVersionTags(dir, pattern)).tags;
  } catch {
    return [];
  }
}

/** What a deploy reads from git, through the `git` command. */
export const deployGitCli: DeployGit = {
  head: (dir) => gitLine(dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]),

  async versionAt(dir, commit, tagPattern) {
    return (await versionTags(dir, tagPattern)).find((t) => t.commit === commit)?.version ?? null;
  },

  describe: (dir, commit) => gitLine(dir, ["describe", "--tags", "--always", commit]),

  async previousRelease(dir, commit, tagPattern) {
    for (const tag of await versionTags(dir, tagPattern)) {
      if (tag.commit === commit) continue;
      const ancestor = await runGit(dir, ["merge-base", "--is-ancestor", tag.commit, commit]).catch(
        () => null,
      );
      if (ancestor?.code === 0) return { version: tag.version, commit: tag.commit };
    }
    return null;
  },

  async commitOf(dir, versionOrRef, tagPattern) {
    // A ref starting with "-" would reach git as an option.
    if (versionOrRef === "" || versionOrRef.startsWith("-")) return null;
    const tags = await versionTags(dir, tagPattern);
    const tagged = tags.find((t) => t.version === versionOrRef || t.name === versionOrRef);
    if (tagged) return tagged.commit;
    return gitLine(dir, ["rev-parse", "--verify", "--quiet", `${versionOrRef}^{commit}`]);
  },
};
