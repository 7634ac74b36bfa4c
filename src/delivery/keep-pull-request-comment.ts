import { PermissionError } from "../errors.js";
import type { ReadinessPorts } from "../readiness/ports.js";
import type { GitHubSettings } from "../types.js";
import { upsertComment, type UpsertedComment } from "./upsert-comment.js";

export interface PullRequestComment {
  /** The pull request, and whether it comes from a fork (whose workflows get a read-only token). */
  pr: number;
  fromFork: boolean;
  /** The hidden marker the comment is found again by. */
  marker: string;
  body: string;
  /** What the comment carries, for the notice when it is skipped: "readiness", "preview". */
  what: string;
  /** What asks for the comment, for the message when GitHub cannot be reached: "--comment ...". */
  why: string;
}

/**
 * Keeps one comment on a pull request, created once and edited in place after. A pull request from a
 * fork, or a token that may not write, gets no comment and a reason instead: the job summary carries
 * the same text all the same.
 */
export async function keepPullRequestComment(
  comment: PullRequestComment,
  github: { settings: GitHubSettings; dir: string },
  ports: Pick<ReadinessPorts, "openGitHub">,
): Promise<UpsertedComment | { skipped: string }> {
  const skipped = (why: string) => ({
    skipped: `the ${comment.what} comment on #${comment.pr} was skipped: ${why}; the ${comment.what} is in the job summary`,
  });
  if (comment.fromFork) return skipped("a pull request from a fork gets a read-only token");
  const { api, repo } = await ports.openGitHub(github.settings, github.dir, comment.why);
  try {
    return await upsertComment(api, repo, comment.pr, comment.marker, comment.body);
  } catch (error) {
    if (error instanceof PermissionError) return skipped(`${error.message}. ${error.fix ?? ""}`.trim());
    throw error;
  } finally {
    api.close();
  }
}
