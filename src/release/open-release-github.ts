import type { ShipreadyConfig } from "../config/types.js";
import { ShipreadyError, UsageError } from "../errors.js";
import type { GitHubApi, RepoRef } from "../ports.js";
import { parseRemote } from "../shared/parse-remote.js";
import type { Finding } from "../types.js";
import type { ReleasePorts } from "./ports.js";
import type { ReleaseOptions } from "./types.js";

/** The GitHub client for the release step, or why the step is skipped; null when the remote is not on GitHub. */
export type ReleaseGitHub = { api: GitHubApi; repo: RepoRef } | { skip: string } | null;

/**
 * The GitHub client for the release step, or why there is none. Opened before the first write, so a
 * missing token stops the release before anything changed; a dry run warns instead.
 */
export async function openReleaseGitHub(
  config: ShipreadyConfig,
  top: string,
  remoteUrl: string | null,
  options: ReleaseOptions,
  ports: ReleasePorts,
  warnings: Finding[],
): Promise<ReleaseGitHub> {
  const wanted = options.githubRelease ?? config.release.githubRelease;
  if (wanted === false) return { skip: "not wanted (release.githubRelease: false, or --no-github-release)" };
  const onGitHub =
    config.github.repo !== null ||
    ports.env.GITHUB_REPOSITORY !== undefined ||
    config.github.apiUrl !== null ||
    // A remote elsewhere (GitLab, a plain server) has no GitHub Release to make.
    /github/i.test((remoteUrl !== null ? parseRemote(remoteUrl)?.host : null) ?? "");
  if (!onGitHub && wanted !== true) return null;
  try {
    return await ports.openGitHub(config.github, top, "the release creates a GitHub Release");
  } catch (caught) {
    const error = withReleaseTokenAdvice(caught);
    if (!(error instanceof ShipreadyError) || !options.dryRun) throw error;
    warnings.push({
      code: "github-release-unavailable",
      message: `${error.message}. ${error.fix ?? ""}`.trim(),
    });
    return { skip: `cannot create the GitHub Release: ${error.message}` };
  }
}

/** The advice on a missing token, for a release: the permission it needs is contents: write. */
function withReleaseTokenAdvice(error: unknown): unknown {
  if (!(error instanceof UsageError) || !/no GitHub token/.test(error.message)) return error;
  return new UsageError(
    error.message,
    "Set GITHUB_TOKEN (in Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} with permissions: contents: write), or run `gh auth login`; creating a release needs contents: write. Or release without one: --no-github-release.",
    { cause: error },
  );
}
