import { shortSha } from "../shared/short-sha.js";
import type { ReleaseStepDefinition, StepResult } from "./core/run-release-steps.js";
import type { ReleaseState } from "./release-state.js";

/**
 * The commit step: commits the files the release rewrote on the branch. Done already when the tag
 * or HEAD (the release commit of an earlier try) holds them; skipped when they needed no change, the
 * tag then going on HEAD. Notes on the report the commit the tag goes on.
 */
export const commitStep: ReleaseStepDefinition<ReleaseState> = {
  name: "commit",
  async check(s) {
    const toCommit = s.files.filter((f) => f.before !== f.after || s.dirty.has(f.path)).map((f) => f.path);
    // HEAD, unless this release makes a commit: until it is made (never, in a dry run) there is none.
    s.report.releaseCommit = toCommit.length > 0 ? null : s.head;
    const head = shortSha(s.head);
    if (s.tagged) return { state: "already-done", summary: `${s.tag} is already tagged at ${head}` };
    if (toCommit.length > 0) {
      return {
        state: "to-do",
        plan: {
          summary: `commit ${toCommit.join(", ")} as "${s.commitMessage}" on ${s.branch}`,
          changes: toCommit,
        },
        run: () => commitFiles(s, toCommit),
      };
    }
    if (s.headIsReleaseCommit) {
      return { state: "already-done", summary: `HEAD ${head} is the release commit "${s.commitMessage}"` };
    }
    return { state: "skipped", summary: `the files already hold ${s.version}: the tag goes on HEAD ${head}` };
  },
};

async function commitFiles(s: ReleaseState, toCommit: string[]): Promise<StepResult> {
  const made = await s.ports.releaseGit.commitFiles(s.top, toCommit, s.commitMessage);
  s.report.releaseCommit = made;
  return { summary: `committed ${toCommit.join(", ")} as ${shortSha(made)} "${s.commitMessage}"` };
}
