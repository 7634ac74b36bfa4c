import { InputError } from "../../errors.js";
import type { ReleaseTags } from "../../readiness/ports.js";
import { findLastReleaseTag } from "./git-history.js";
import { runGit } from "./run-git.js";

/**
 * The last release tag through git: the highest version tag on the history of `to`, and when it was
 * made (the tagger's date of an annotated tag, the commit's date of a lightweight one).
 */
export const gitReleaseTags: ReleaseTags = {
  async findLastRelease(dir, to, tagPattern) {
    const { tag } = await findLastReleaseTag(dir, to, tagPattern);
    if (tag === null) return null;
    const made = await runGit(dir, [
      "for-each-ref",
      "--format=%(creatordate:iso-strict)",
      `refs/tags/${tag.name}`,
    ]);
    const at = made.stdout.trim();
    if (made.code !== 0 || at === "") {
      throw new InputError(
        `git cannot tell when the release tag ${tag.name} was made: ${made.stderr.trim() || "no date"}`,
        "Check the tag with `git show " + tag.name + "`.",
      );
    }
    return { tag: tag.name, commit: tag.commit, at };
  },
};
