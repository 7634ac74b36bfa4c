import type { ChangeHistory, MetricsStore } from "./ports.js";

/**
 * The commits a deploy of a repository that is not cloned here took out, as kept in the store (by
 * a sync, or by a `metrics` run in its clone). A range not kept is a problem that says how to get
 * it, reported beside the metrics like any commit git cannot find.
 */
export function storedChangeHistory(store: MetricsStore, repo: string): ChangeHistory {
  return {
    async commitsBetween(from, to) {
      const kept = (await store.changes(repo, [{ from, to }])).get(`${from}..${to}`);
      if (kept) return kept;
      return {
        problem: `the commits ${from.slice(0, 12)}..${to.slice(0, 12)} of ${repo} are not in the store: sync the repository (shipready metrics sync --repo ${repo}) or run shipready metrics in a clone of it once`,
      };
    },
  };
}
