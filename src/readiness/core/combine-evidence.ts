import type { EvidenceResult } from "../../evidence/types.js";
import type { Outcome, Provenance } from "../../types.js";

/** Worst first: one failing piece of evidence fails the gate; missing evidence never raises it. */
const RANK: readonly Outcome[] = ["fail", "inconclusive", "pending", "warn", "waived", "pass", "n/a"];

/**
 * A gate's outcome from all its evidence: the worst outcome wins, and its provenance is the one that
 * decided it (the first of equals, in the order the config lists them).
 */
export function combineEvidence(results: readonly EvidenceResult[]): {
  outcome: Outcome;
  provenance: Provenance;
} {
  let decisive: EvidenceResult | undefined;
  for (const result of results) {
    if (decisive === undefined || RANK.indexOf(result.outcome) < RANK.indexOf(decisive.outcome))
      decisive = result;
  }
  if (decisive === undefined) throw new Error("combineEvidence needs at least one result");
  return { outcome: decisive.outcome, provenance: decisive.provenance };
}
