import { renderReleaseBody } from "./core/render-release-notes.js";
import type { ReleaseStepDefinition, StepResult } from "./core/run-release-steps.js";
import type { ReleaseState, TagToMake } from "./release-state.js";
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
    let existing: ({ htmlUrl: string } | null)[];
    try {
      existing = await Promise.all(s.tags.map((t) => github.api.findRelease(github.repo, t.tag)));
    } catch (error) {
      if (!report.dryRun) throw error;
      return {
        state: "to-do",
        plan: {
          summary: `create the GitHub Release of ${s.tags.map((t) => t.tag).join(", ")} on ${where} (not checked: GitHub could not be asked: ${(error as Error).message.split("\n", 1)[0]})`,
          changes: s.tags.map((t) => `release ${t.tag}`),
        },
        run: () => Promise.reject(error as Error),
      };
    }
    const missing = s.tags.filter((_, i) => existing[i] === null);
    s.tags.forEach((t, i) => setReleaseUrl(s, t, existing[i]?.htmlUrl ?? null));
    if (missing.length === 0) {
      const urls = existing.map((e) => e!.htmlUrl).join(", ");
      return {
        state: "already-done",
        summary: `${where} has the release${s.tags.length === 1 ? "" : "s"} ${s.tags.map((t) => t.tag).join(", ")}: ${urls}`,
      };
    }
    const pre = missing.some((t) => t.prerelease) ? " (pre-release)" : "";
    return {
      state: "to-do",
      plan: {
        summary: `create the GitHub Release${missing.length === 1 ? "" : "s"} ${missing.map((t) => t.tag).join(", ")} on ${where}${pre}`,
        reads: missing.map((t) => `the release of ${t.tag} on ${where}`),
        changes: missing.map((t) => `release ${t.tag}`),
      },
      run: () => createReleases(s, github, missing),
    };
  },
};

/** Whether the remote has the branch and the tag: the push step pushed them or found them there. */
function pushed(s: ReleaseState): boolean {
  return s.report.steps.some((step) => step.name === "push" && ["done", "already-done"].includes(step.state));
}

async function createReleases(
  s: ReleaseState,
  github: { api: GitHubApi; repo: RepoRef },
  missing: TagToMake[],
): Promise<StepResult> {
  const lines: string[] = [];
  let created = false;
  for (const t of missing) {
    const made = await github.api.createRelease(github.repo, {
      tag: t.tag,
      targetCommitish: s.report.releaseCommit ?? s.head,
      name: t.releaseName,
      body: renderReleaseBody(t.notes, s.report),
      prerelease: t.prerelease,
    });
    setReleaseUrl(s, t, made.htmlUrl);
    created ||= made.created;
    lines.push(`${made.created ? "created" : "found"} the GitHub Release ${t.tag}: ${made.htmlUrl}`);
  }
  return { state: created ? "done" : "already-done", summary: lines.join("; ") };
}

/** The release's address on the report: the first tag's as releaseUrl, each package's beside it. */
function setReleaseUrl(s: ReleaseState, t: TagToMake, url: string | null): void {
  if (url === null) return;
  if (t === s.tags[0]) s.report.releaseUrl = url;
  const entry = s.report.packages?.find((p) => p.tag === t.tag);
  if (entry) entry.releaseUrl = url;
}
