import type { GitHubApi, ReleaseInfo } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import { httpFailureOf } from "./github-http-failure.js";
import type { Reading } from "./map-github-error.js";

/** Releases: the one of a tag, and making it. */
export function githubReleasesApi(client: GitHubClient): Pick<GitHubApi, "findRelease" | "createRelease"> {
  const { octokit, failure } = client;
  return {
    async findRelease(repo, tag) {
      const what: Reading = { what: `the release of ${tag}`, repo, permission: "contents: read" };
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
          owner: repo.owner,
          repo: repo.repo,
          tag,
        });
        return releaseInfo(data);
      } catch (error) {
        // No release for the tag yet is an answer, not a failure.
        if (httpFailureOf(error)?.status === 404) return null;
        throw failure(error, what);
      }
    },

    async createRelease(repo, release) {
      const what: Reading = {
        what: `the release of ${release.tag}`,
        repo,
        permission: "contents: write",
        verb: "create",
      };
      try {
        const { data } = await octokit.request("POST /repos/{owner}/{repo}/releases", {
          owner: repo.owner,
          repo: repo.repo,
          tag_name: release.tag,
          target_commitish: release.targetCommitish,
          name: release.name,
          body: release.body,
          prerelease: release.prerelease,
          draft: false,
        });
        return { ...releaseInfo(data), created: true };
      } catch (error) {
        // A release made by an earlier try, or by this very request when its answer was lost and the
        // retry was refused: it is the one wanted, not a reason to fail or to make another.
        if (isAlreadyExists(error)) {
          const existing = await this.findRelease(repo, release.tag);
          if (existing) return { ...existing, created: false };
        }
        throw failure(error, what);
      }
    },
  };
}

interface ReleaseData {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  html_url: string;
  draft: boolean;
  prerelease: boolean;
}

function releaseInfo(data: ReleaseData): ReleaseInfo {
  return {
    id: data.id,
    tag: data.tag_name,
    name: data.name,
    body: data.body ?? null,
    htmlUrl: data.html_url,
    draft: data.draft,
    prerelease: data.prerelease,
  };
}

/** GitHub's 422 for a second release of one tag: `errors: [{ code: "already_exists", field: "tag_name" }]`. */
function isAlreadyExists(error: unknown): boolean {
  const failure = httpFailureOf(error);
  if (failure?.status !== 422) return false;
  const errors = (failure.data as { errors?: { code?: unknown }[] } | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.code === "already_exists");
}
