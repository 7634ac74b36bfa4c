import type { EvidenceContext } from "./evidence-context.js";
import type { EvidenceResult, RepoKitSpec } from "./types.js";

export async function collectRepoKit(spec: RepoKitSpec, context: EvidenceContext): Promise<EvidenceResult> {
  return {
    outcome: "inconclusive",
    provenance: {
      kind: spec.kind,
      source: ".github",
      observedAt: context.clock.now().toISOString(),
      message: "not yet",
    },
  };
}
