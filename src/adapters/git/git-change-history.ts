import type { ChangeHistory } from "../../metrics/ports.js";
import type { ChangeCommit } from "../../metrics/types.js";
import {
  assignCommitsToRanges,
  rangeKey,
  type GraphCommit,
} from "../../metrics/core/assign-commits-to-ranges.js";
import { ShipreadyError } from "../../errors.js";
import type { RawCommit } from "../../release/ports.js";
import { readCommits, readCommitsReachable } from "./git-history.js";

const changeOf = (commit: RawCommit): ChangeCommit => ({
  sha: commit.sha,
  at: new Date(commit.date).toISOString(),
  subject: commit.message.split("\n", 1)[0]!.trimEnd(),
});

/**
 * The commits a deploy took out, read from the repository at `dir`: each change's time is its
 * author date (which a rebase keeps), its subject the message's first line. A commit git does not
 * have, or a shallow clone's edge, is a problem to report, not an error.
 */
export function gitChangeHistory(dir: string): ChangeHistory {
  const commitsBetween: ChangeHistory["commitsBetween"] = async (from, to) => {
    const commits: ChangeCommit[] = [];
    try {
      await readCommits(dir, { from, to }, (commit) => commits.push(changeOf(commit)));
    } catch (error) {
      if (error instanceof ShipreadyError) {
        const fix = error.fix ? ` ${error.fix}` : "";
        return {
          problem: `git cannot list ${from.slice(0, 12)}..${to.slice(0, 12)}: ${error.message}${fix}`,
        };
      }
      throw error;
    }
    return commits.reverse();
  };
  return {
    commitsBetween,
    // One `git log` from every range's end down to the first range's start, then each range's
    // commits found in memory; a range that reading cannot answer is asked alone, as before.
    async commitsOfRanges(ranges) {
      const answers = new Map<string, ChangeCommit[] | { problem: string }>();
      if (ranges.length === 0) return answers;
      const boundary = ranges[0]!.from;
      const graph: GraphCommit[] = [];
      try {
        await readCommitsReachable(dir, [...new Set(ranges.map((r) => r.to))], boundary, (commit) =>
          graph.push({ sha: commit.sha, parents: commit.parents, change: changeOf(commit) }),
        );
        for (const [key, commits] of assignCommitsToRanges(graph, boundary, ranges))
          answers.set(key, commits);
      } catch (error) {
        if (!(error instanceof ShipreadyError)) throw error;
      }
      for (const range of ranges) {
        const key = rangeKey(range);
        if (!answers.has(key)) answers.set(key, await commitsBetween(range.from, range.to));
      }
      return answers;
    },
  };
}
