import type { ChangeHistory } from "../../metrics/ports.js";
import type { ChangeCommit } from "../../metrics/types.js";
import { ShipreadyError } from "../../errors.js";
import { readCommits } from "./git-history.js";

/**
 * The commits a deploy took out, read from the repository at `dir` with one `git log from..to`:
 * each change's time is its author date (which a rebase keeps), its subject the message's first
 * line. A commit git does not have, or a shallow clone's edge, is a problem to report, not an error.
 */
export function gitChangeHistory(dir: string): ChangeHistory {
  return {
    async commitsBetween(from, to) {
      const commits: ChangeCommit[] = [];
      try {
        await readCommits(dir, { from, to }, (commit) => {
          commits.push({
            sha: commit.sha,
            at: new Date(commit.date).toISOString(),
            subject: commit.message.split("\n", 1)[0]!.trimEnd(),
          });
        });
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
    },
  };
}
