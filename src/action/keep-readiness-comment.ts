import { PermissionError } from "../errors.js";
import type { RunPorts } from "../run.js";
import type { GitHubSettings } from "../types.js";
import { upsertComment, type UpsertedComment } from "../upsert-comment.js";
import { READINESS_COMMENT_MARKER } from "../reporters/render-readiness-comment.js";
import type { PullRequestTarget } from "./read-pull-request.js";

/**
 * Keeps the readiness as one comment on the pull request: created once, edited in place after. A
 * pull request from a fork, or a token that may not write, gets no comment and a reason instead: the
 * job summary and the outputs carry the readiness all the same.
 */
export async function keepReadinessComment(
  target: PullRequestTarget,
  body: string,
  github: { settings: GitHubSettings; dir: string },
  ports: RunPorts,
): Promise<UpsertedComment | { skipped: string }> {
  const skipped = (why: string) => ({
    skipped: `the readiness comment on #${target.number} was skipped: ${why}; the readiness is in the job summary`,
  });
  if (target.fromFork) return skipped("a pull request from a fork gets a read-only token");
  const { api, repo } = await ports.openGitHub(
    github.settings,
    github.dir,
    "comment: true posts to the pull request",
  );
  try {
    return await upsertComment(api, repo, target.number, READINESS_COMMENT_MARKER, body);
  } catch (error) {
    if (error instanceof PermissionError) return skipped(`${error.message}. ${error.fix ?? ""}`.trim());
    throw error;
  } finally {
    api.close();
  }
}
