import type { ChangeHistory } from "./ports.js";

/**
 * The commits of a repository that is not checked out here: only what the store kept (the sync
 * keeps each deploy's changes, and `metrics` the ranges git answered). A range never kept is a
 * problem the report names, not a guess.
 */
export function keptChangesOnly(repo: string): ChangeHistory {
  return {
    commitsBetween: async (from, to) => ({
      problem: `the commits of ${repo} from ${from.slice(0, 12)} to ${to.slice(0, 12)} are not kept in the store, and ${repo} is not checked out here`,
    }),
  };
}
