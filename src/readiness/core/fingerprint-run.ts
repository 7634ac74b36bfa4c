import type { CiSnapshot, Readiness } from "../types.js";
import { shortDigest } from "../../shared/short-digest.js";

/**
 * A short digest of what a run found: the score and verdict, each gate's outcome and when its
 * evidence was observed, and the CI snapshot's runs. Two runs with the same digest found the same
 * things (with the same figures: coverage, sizes, findings), so the second adds nothing to history. FNV-1a, twice with different seeds: a change
 * detector, not a security hash.
 */
export function fingerprintRun(
  readiness: Readiness,
  snapshot: CiSnapshot | null,
  figures: Record<string, Record<string, number>> = {},
): string {
  const gates = readiness.categories.flatMap((c) =>
    // Not the line: rewriting the score section above the gates moves them without changing them.
    c.gates.map((g) => [c.name, g.name, g.outcome, g.provenance.observedAt ?? null]),
  );
  const runs =
    snapshot?.workflows.map((w) => [
      w.name,
      w.last?.url ?? null,
      w.last?.conclusion ?? w.last?.status ?? null,
    ]) ?? null;
  const text = JSON.stringify([
    readiness.score,
    readiness.band.name,
    readiness.ready,
    readiness.threshold,
    gates,
    runs,
    // Only when there are figures, so a run without any keeps the digest it had before they were recorded.
    ...(Object.keys(figures).length > 0 ? [figures] : []),
  ]);
  return shortDigest(text);
}
