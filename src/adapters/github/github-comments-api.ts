import { PermissionError } from "../../errors.js";
import type { CommentInfo, GitHubApi, RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import { httpFailureOf, isSecondaryRateLimit } from "./github-http-failure.js";
import type { Reading } from "./map-github-error.js";

/** Comments on pull requests and issues: finding one by its marker, posting and updating it. */
export function githubCommentsApi(
  client: GitHubClient,
): Pick<GitHubApi, "findComment" | "createComment" | "updateComment"> {
  return {
    findComment: (repo, issue, marker) => findComment(client, repo, issue, marker),
    createComment: (repo, issue, body) => createComment(client, repo, issue, body),
    updateComment: (repo, commentId, body) => updateComment(client, repo, commentId, body),
  };
}

function findComment(
  client: GitHubClient,
  repo: RepoRef,
  issue: number,
  marker: string,
): Promise<CommentInfo | null> {
  const what: Reading = {
    what: `the comments of #${issue}`,
    repo,
    permission: "pull-requests: read (issues: read for an issue)",
  };
  return client.reading(what, async () => {
    const pages = client.octokit.paginate.iterator(
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
      {
        owner: repo.owner,
        repo: repo.repo,
        issue_number: issue,
        per_page: 100,
      },
    );
    for await (const page of pages) {
      const found = page.data.find((comment) => (comment.body ?? "").includes(marker));
      if (found) return commentInfo(found);
    }
    return null;
  });
}

async function createComment(
  client: GitHubClient,
  repo: RepoRef,
  issue: number,
  body: string,
): Promise<CommentInfo> {
  const what: Reading = {
    what: `a comment on #${issue}`,
    repo,
    permission: "pull-requests: write (issues: write for an issue)",
    verb: "create",
  };
  try {
    const { data } = await client.octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      {
        owner: repo.owner,
        repo: repo.repo,
        issue_number: issue,
        body,
        request: { retries: 0 },
      },
    );
    return commentInfo(data);
  } catch (error) {
    const refused = httpFailureOf(error)?.status === 403 && !isSecondaryRateLimit(httpFailureOf(error)!);
    const failed = client.failure(error, what);
    throw refused ? new PermissionError(failed.message, failed.fix) : failed;
  }
}

function updateComment(
  client: GitHubClient,
  repo: RepoRef,
  commentId: number,
  body: string,
): Promise<CommentInfo> {
  const what: Reading = {
    what: `comment ${commentId}`,
    repo,
    permission: "pull-requests: write (issues: write for an issue)",
    verb: "update",
  };
  return client.reading(what, async () => {
    const { data } = await client.octokit.request(
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
      {
        owner: repo.owner,
        repo: repo.repo,
        comment_id: commentId,
        body,
      },
    );
    return commentInfo(data);
  });
}

function commentInfo(data: { id: number | bigint; body?: string; html_url: string }): CommentInfo {
  // Comment ids are typed as bigint for the far future; today's fit a number exactly.
  return { id: Number(data.id), body: data.body ?? "", htmlUrl: data.html_url };
}
