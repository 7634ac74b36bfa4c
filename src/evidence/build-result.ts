import type { EvidenceResult } from "./types.js";
import type { Outcome } from "../types.js";

/** A collector's answer with its provenance; the message and details only when there are some. */
export function buildResult(
  kind: string,
  outcome: Outcome,
  source: string,
  observedAt: Date,
  extra: { message?: string; details?: string[] } = {},
): EvidenceResult {
  const result: EvidenceResult = {
    outcome,
    provenance: { kind, source, observedAt: observedAt.toISOString() },
  };
  if (extra.message !== undefined) result.provenance.message = extra.message;
  if (extra.details !== undefined && extra.details.length > 0) result.details = extra.details;
  return result;
}
