import type { Outcome } from "../types.js";
import { judgeBranchRequirements } from "./core/judge-branch-requirements.js";
import type { EvidenceContext } from "./evidence-context.js";
import { requireGitHub } from "./require-github.js";
import type { EvidenceResult, GitHubBranchProtectionSpec } from "./types.js";

/**
 * The branch requires the checks and reviews asked for, by classic branch protection or by rulesets.
 * Protection the token may not read is inconclusive (naming the permission), unless the rulesets
 * alone already require everything.
 */
export async function collectGitHubBranchProtection(
  spec: GitHubBranchProtectionSpec,
  context: EvidenceContext,
): Promise<EvidenceResult> {
  const { api, repo } = requireGitHub(context);
  const branch = spec.branch ?? (await api.defaultBranch(repo));
  const found = await api.branchRequirements(repo, branch);
  const verdict = judgeBranchRequirements(
    { branch, checks: spec.requireChecks, reviews: spec.reviews },
    found,
  );
  const web = api.webUrl(repo);
  const outcome: Outcome = verdict.outcome;
  return {
    outcome,
    provenance: {
      kind: "github-branch-protection",
      source: found.requirements.some((r) => r.source !== "branch protection")
        ? `${web}/rules`
        : `${web}/settings/branches`,
      observedAt: context.clock.now().toISOString(),
      ...(outcome === "pass" ? {} : { message: verdict.message }),
    },
    ...(verdict.details.length ? { details: verdict.details } : {}),
  };
}
