import { shortSha } from "../shared/short-sha.js";
import { renderTagMessage } from "./core/render-release-notes.js";
import type { ReleaseStepDefinition } from "./core/run-release-steps.js";
import type { ReleaseState } from "./release-state.js";

/** The tag step: an annotated tag on the release commit for each version released, recording the verdict it went out under. */
export const tagStep: ReleaseStepDefinition<ReleaseState> = {
  name: "tag",
  async check(s) {
    const missing = s.tags.filter((t) => !t.tagged);
    if (missing.length === 0) {
      return {
        state: "already-done",
        summary: `${s.tags.map((t) => t.tag).join(", ")} ${s.tags.length === 1 ? "is" : "are"} at ${shortSha(s.head)}`,
      };
    }
    // Null only in a dry run, where the commit step made no commit.
    const commit = s.report.releaseCommit;
    const names = missing.map((t) => t.tag).join(", ");
    return {
      state: "to-do",
      plan: {
        summary: `tag ${commit ? shortSha(commit) : "the release commit"} as ${names} (annotated)`,
        changes: missing.map((t) => `refs/tags/${t.tag}`),
      },
      run: async () => {
        for (const t of missing) {
          // A tag an earlier try of this run made on this very commit is kept.
          const at = await s.ports.releaseGit.tagCommit(s.top, t.tag);
          if (at !== commit)
            await s.ports.releaseGit.createTag(s.top, t.tag, commit!, renderTagMessage(t.version, s.report));
          t.tagged = true;
        }
        return { summary: `tagged ${shortSha(commit!)} as ${names}` };
      },
    };
  },
};
