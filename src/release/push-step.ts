import { InputError } from "../errors.js";
import { shortSha } from "../shared/short-sha.js";
import type { ReleaseStepDefinition, StepResult } from "./core/run-release-steps.js";
import type { ReleaseState } from "./release-state.js";

/**
 * The push step: the branch and the tag to the remote, in one atomic push of what the remote lacks.
 * Skipped when not wanted or there is no remote; done already when the remote has both.
 */
export const pushStep: ReleaseStepDefinition<ReleaseState> = {
  name: "push",
  async check(s) {
    const { remote } = s.config.release;
    if (!s.pushWanted) return { state: "skipped", summary: "not pushed (release.push: false, or --no-push)" };
    if (s.remoteUrl === null) {
      return { state: "skipped", summary: `there is no remote "${remote}": the release stays local` };
    }
    const refs = [`refs/heads/${s.branch}`, ...s.tags.map((t) => `refs/tags/${t.tag}`)];
    let refspecs: string[];
    try {
      refspecs = await missingRefspecs(s, refs);
    } catch (error) {
      // A dry run works offline: it says what it could not check rather than stopping.
      if (!s.report.dryRun) throw error;
      const names = refs.map((r) => r.replace(/^refs\/(heads|tags)\//, "")).join(" and ");
      return {
        state: "to-do",
        plan: {
          summary: `push ${names} to ${remote} (not checked: ${remote} could not be reached: ${(error as Error).message.split("\n", 1)[0]})`,
          reads: [`${remote} ${refs.join(" ")}`],
          changes: refs,
        },
        run: () => Promise.reject(error as Error),
      };
    }
    if (refspecs.length === 0) {
      return {
        state: "already-done",
        summary: `${remote} has ${s.branch} and ${s.tags.map((t) => t.tag).join(", ")}`,
      };
    }
    return {
      state: "to-do",
      plan: {
        summary: `push ${refspecs.map((r) => r.split(":")[1]).join(" and ")} to ${remote}`,
        reads: [`${remote} ${refs.join(" ")}`],
        changes: refspecs,
      },
      run: () => push(s, refspecs),
    };
  },
};

/** What the remote lacks of the branch and the tag; a tag there on another commit is refused. */
async function missingRefspecs(s: ReleaseState, refs: string[]): Promise<string[]> {
  const git = s.ports.releaseGit;
  const { remote } = s.config.release;
  const releaseCommit = s.report.releaseCommit;
  const there = await git.remoteRefs(s.top, remote, refs);
  for (const { tag } of s.tags) {
    const remoteTag = there.get(`refs/tags/${tag}`);
    if (remoteTag && releaseCommit !== null && remoteTag.commit !== releaseCommit) {
      throw new InputError(
        `${remote} already has a tag ${tag} at ${shortSha(remoteTag.commit)}, not at the release commit ${shortSha(releaseCommit)}.`,
        `If the remote's tag is wrong, delete it (git push ${remote} :refs/tags/${tag}) and run again; otherwise delete the local tag (git tag -d ${tag}).`,
      );
    }
  }
  const remoteBranch = there.get(`refs/heads/${s.branch}`);
  const branchThere =
    releaseCommit !== null &&
    remoteBranch !== undefined &&
    (remoteBranch.commit === releaseCommit ||
      (await git.isAncestor(s.top, releaseCommit, remoteBranch.commit)));
  return [
    ...(branchThere ? [] : [`${releaseCommit ?? "HEAD"}:refs/heads/${s.branch}`]),
    ...s.tags
      .filter(({ tag }) => !there.has(`refs/tags/${tag}`))
      .map(({ tag }) => `refs/tags/${tag}:refs/tags/${tag}`),
  ];
}

async function push(s: ReleaseState, refspecs: string[]): Promise<StepResult> {
  const { remote } = s.config.release;
  const target = s.report.releaseCommit ?? s.head;
  await s.ports.releaseGit.push(
    s.top,
    remote,
    refspecs.map((r) => r.replace(/^HEAD:/, `${target}:`)),
  );
  const pushed = refspecs.map((r) => r.split(":")[1]!.replace(/^refs\/(heads|tags)\//, ""));
  return { summary: `pushed ${pushed.join(" and ")} to ${remote}` };
}
