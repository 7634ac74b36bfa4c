import semver from "semver";
import { renderReleaseBody } from "./core/render-release-notes.js";
import type { ReleaseStepDefinition, StepResult } from "./core/run-release-steps.js";
import type { ReleaseState } from "./release-state.js";
import type { GitHubApi, RepoRef } from "../ports.js";

/**
 * The github-release step: the GitHub Release of the tag, with the release notes and the verdict.
 * Skipped when not wanted, not on GitHub, or the tag is not on the remote; done already when the
 * release exists. Notes its address on the report.
 */
export const githubReleaseStep: ReleaseStepDefinition<ReleaseState> = {
  name: "github-release",
  async check(s) {
    const { github, report } = s;
    if (github === null || "skip" in github) {
      return {
        state: "skipped",
        summary:
          github?.skip ??
          "the remote is not on GitHub; set github.repo in shipready.yml (or release.githubRelease: true) for a GitHub Release",
      };
    }
    if (!pushed(s) && !report.dryRun) {
      return {
        state: "skipped",
        summary: `the tag is not on ${s.config.release.remote}, so GitHub cannot release it; push it, then run again`,
      };
    }
    const where = `${github.repo.owner}/${github.repo.repo}`;
    const existing = await github.api.findRelease(github.repo, s.tag);
    if (existing) {
      report.releaseUrl = existing.htmlUrl;
      return { state: "already-done", summary: `${where} has the release ${s.tag}: ${existing.htmlUrl}` };
    }
    const pre = semver.prerelease(s.version) ? " (pre-release)" : "";
    return {
      state: "to-do",
      plan: {
        summary: `create the GitHub Release ${s.tag} on ${where}${pre}`,
        reads: [`the release of ${s.tag} on ${where}`],
        changes: [`release ${s.tag}`],
      },
      run: () => createRelease(s, github),
    };
  },
};

/** Whether the remote has the branch and the tag: the push step pushed them or found them there. */
function pushed(s: ReleaseState): boolean {
  return s.report.steps.some((step) => step.name === "push" && ["done", "already-done"].includes(step.state));
}

async function createRelease(
  s: ReleaseState,
  github: { api: GitHubApi; repo: RepoRef },
): Promise<StepResult> {
  const made = await github.api.createRelease(github.repo, {
    tag: s.tag,
    targetCommitish: s.report.releaseCommit ?? s.head,
    name: s.tag,
    body: renderReleaseBody(s.report.notes, s.report),
    prerelease: semver.prerelease(s.version) !== null,
  });
  s.report.releaseUrl = made.htmlUrl;
  return {
    state: made.created ? "done" : "already-done",
    summary: `${made.created ? "created" : "found"} the GitHub Release ${s.tag}: ${made.htmlUrl}`,
  };
}
