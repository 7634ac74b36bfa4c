import type { EvidenceSpec } from "../../evidence/types.js";

/** What a validation gate's check name means: the binding it resolved through and its evidence. */
export interface ResolvedCheck {
  /** The key of checks: it resolved through ("data_validation.security", "security"). */
  binding: string;
  evidence: EvidenceSpec[];
}

/** Looks a check name up as `<gate>.<name>` first, then `<name>`; null when checks: does not bind it. */
export function resolveCheck(
  checks: Readonly<Record<string, EvidenceSpec[]>>,
  gate: string,
  name: string,
): ResolvedCheck | null {
  const qualified = `${gate}.${name}`;
  if (Object.hasOwn(checks, qualified)) return { binding: qualified, evidence: checks[qualified]! };
  if (Object.hasOwn(checks, name)) return { binding: name, evidence: checks[name]! };
  return null;
}
