import { shortSha } from "../shared/short-sha.js";
import { renderTagMessage } from "./core/render-release-notes.js";
import type { ReleaseStepDefinition } from "./core/run-release-steps.js";
import type { ReleaseState } from "./release-state.js";

/** The tag step: an annotated tag on the release commit, recording the verdict it went out under. */
export const tagStep: ReleaseStepDefinition<ReleaseState> = {
  name: "tag",
  async check(s) {
    if (s.tagged) return { state: "already-done", summary: `${s.tag} is at ${shortSha(s.head)}` };
    // Null only in a dry run, where the commit step made no commit.
    const commit = s.report.releaseCommit;
    return {
      state: "to-do",
      plan: {
        summary: `tag ${commit ? shortSha(commit) : "the release commit"} as ${s.tag} (annotated)`,
        changes: [`refs/tags/${s.tag}`],
      },
      run: async () => {
        await s.ports.releaseGit.createTag(s.top, s.tag, commit!, renderTagMessage(s.version, s.report));
        return { summary: `tagged ${shortSha(commit!)} as ${s.tag}` };
      },
    };
  },
};
