import type { EvidenceSpec } from "../types.js";

/** One key per distinct piece of evidence: two gates bound to the same workflow share one collection. */
export function evidenceKey(spec: EvidenceSpec): string {
  const { line: _line, ...rest } = spec;
  return JSON.stringify(rest, Object.keys(rest).sort());
}
