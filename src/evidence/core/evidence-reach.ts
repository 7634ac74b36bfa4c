import type { EvidenceKind, EvidenceSpec } from "../types.js";

/**
 * Where each kind of evidence is collected: `local` needs only this clone (its files, its commands,
 * its git), `network` needs a service (GitHub, a deployed endpoint). Preflight collects the local
 * kinds only. A new kind must say which it is: the record is checked for completeness by tsc.
 */
export const EVIDENCE_REACH: Readonly<Record<EvidenceKind, "local" | "network">> = {
  "github-actions": "network",
  "github-checks": "network",
  "github-security": "network",
  "github-branch-protection": "network",
  // Its files are local, but with `github: true` it asks GitHub: preflight leaves it to CI.
  "repo-kit": "network",
  junit: "local",
  coverage: "local",
  command: "local",
  http: "network",
  file: "local",
  hooks: "local",
  sarif: "local",
};

/** True when the evidence can be collected from this clone alone. */
export function isLocalEvidence(spec: Pick<EvidenceSpec, "kind">): boolean {
  return EVIDENCE_REACH[spec.kind] === "local";
}

/** The same, for a kind as a result's provenance names it; an unknown kind is not local. */
export function isLocalKind(kind: string): boolean {
  return Object.hasOwn(EVIDENCE_REACH, kind) && EVIDENCE_REACH[kind as EvidenceKind] === "local";
}
