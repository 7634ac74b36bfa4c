import type { GitHubFeeds } from "./github-feeds.js";
import type { ChangeHistory } from "./ports.js";
import type { ChangeCommit } from "./types.js";

/**
 * The commits between two deploys as GitHub compares them, for a repository that is not cloned here.
 */
export function comparisonHistory(feeds: GitHubFeeds, repo: string): ChangeHistory {
  return { commitsBetween: (from, to) => feeds.compare(repo, from, to) };
}

/**
 * `history`'s commits, each dated from the first commit of the pull request it came from when that is
 * earlier: a squash or rebase merge makes new commits at merge time, and the change's work started at
 * the pull request's first commit. A commit whose subject names its pull request (GitHub's
 * "Title (#12)" of a squash, "Merge pull request #12 from ...") is not looked up; any other is, once
 * (its pull requests). Each pull request's commits are asked once per run; a commit from no pull
 * request keeps its own time.
 */
export function pullRequestStartHistory(
  history: ChangeHistory,
  feeds: GitHubFeeds,
  repo: string,
): ChangeHistory {
  const starts = new Map<number, Promise<string | null>>();
  const startOf = (pull: number) => {
    let start = starts.get(pull);
    if (start === undefined) {
      start = feeds.pullRequestStart(repo, pull);
      starts.set(pull, start);
    }
    return start;
  };
  return {
    async commitsBetween(from, to) {
      const found = await history.commitsBetween(from, to);
      if (!Array.isArray(found)) return found;
      const corrected: ChangeCommit[] = [];
      for (const commit of found) {
        const named = pullNamedIn(commit.subject);
        const pulls = named !== null ? [named] : await feeds.pullRequestsOf(repo, commit.sha);
        let at = commit.at;
        for (const pull of pulls) {
          const start = await startOf(pull);
          if (start !== null && start < at) at = start;
        }
        corrected.push(at === commit.at ? commit : { ...commit, at });
      }
      return corrected;
    },
  };
}

const SQUASH_SUBJECT = /\(#(\d+)\)\s*$/;
const MERGE_SUBJECT = /^Merge pull request #(\d+) /;

/** The pull request a commit's subject names as GitHub writes it when merging, or null. */
function pullNamedIn(subject: string | null): number | null {
  if (subject === null) return null;
  const match = SQUASH_SUBJECT.exec(subject) ?? MERGE_SUBJECT.exec(subject);
  return match ? Number(match[1]) : null;
}
