import type { BranchRequirement, GitHubApi, RepoRef } from "../../ports.js";
import type { GitHubClient } from "./create-github-client.js";
import {
  githubMessage,
  httpFailureOf,
  isPrimaryRateLimit,
  isSecondaryRateLimit,
} from "./github-http-failure.js";
import { describeRepo } from "./map-github-error.js";

/** The permission branch protection needs, as GitHub names it for each kind of token. */
export const PROTECTION_PERMISSION =
  "Administration: read (a fine-grained token or GitHub App; a workflow's GITHUB_TOKEN cannot be given it, so use such a token), or admin rights on the repository for a classic token";

/**
 * What a branch requires before a merge: classic branch protection (which only administrators may
 * read) and the rules of every active ruleset for the branch (which anyone who can read the
 * repository may read). Protection the token may not read is said, not guessed.
 */
export function githubBranchRulesApi(client: GitHubClient): Pick<GitHubApi, "branchRequirements"> {
  const { octokit, reading } = client;
  return {
    async branchRequirements(repo, branch) {
      const [protection, rules] = await Promise.all([
        readProtection(client, repo, branch),
        reading(
          {
            what: `the rules for branch ${branch}`,
            repo,
            permission: "read access to the repository (metadata: read)",
          },
          () =>
            octokit.paginate("GET /repos/{owner}/{repo}/rules/branches/{branch}", {
              owner: repo.owner,
              repo: repo.repo,
              branch,
              per_page: 100,
            }),
        ),
      ]);
      const requirements: BranchRequirement[] = [];
      if (protection.requirement) requirements.push(protection.requirement);
      requirements.push(...rulesetRequirements(rules as RuleAnswer[]));
      return { requirements, protectionUnreadable: protection.unreadable };
    },
  };
}

interface RuleAnswer {
  type: string;
  parameters?: {
    required_status_checks?: { context: string }[];
    required_approving_review_count?: number;
  };
  ruleset_id?: number;
  ruleset_source?: string;
}

/** One requirement per ruleset, merging its status-check and pull-request rules. */
function rulesetRequirements(rules: RuleAnswer[]): BranchRequirement[] {
  const byRuleset = new Map<string, BranchRequirement>();
  for (const rule of rules) {
    if (rule.type !== "required_status_checks" && rule.type !== "pull_request") continue;
    const source =
      rule.ruleset_id === undefined
        ? "a ruleset"
        : `ruleset ${rule.ruleset_id}${rule.ruleset_source ? ` (${rule.ruleset_source})` : ""}`;
    const requirement = byRuleset.get(source) ?? { source, checks: [], reviews: null };
    byRuleset.set(source, requirement);
    if (rule.type === "required_status_checks") {
      requirement.checks.push(...(rule.parameters?.required_status_checks ?? []).map((c) => c.context));
    } else {
      requirement.reviews = Math.max(
        requirement.reviews ?? 0,
        rule.parameters?.required_approving_review_count ?? 0,
      );
    }
  }
  return [...byRuleset.values()];
}

/** Branch protection, none (GitHub's 404 "Branch not protected"), or why the token may not read it. */
async function readProtection(
  client: GitHubClient,
  repo: RepoRef,
  branch: string,
): Promise<{ requirement: BranchRequirement | null; unreadable: string | null }> {
  try {
    const { data } = await client.octokit.request("GET /repos/{owner}/{repo}/branches/{branch}/protection", {
      owner: repo.owner,
      repo: repo.repo,
      branch,
    });
    const checks = new Set<string>([
      ...(data.required_status_checks?.contexts ?? []),
      ...(data.required_status_checks?.checks ?? []).map((c) => c.context),
    ]);
    const reviews = data.required_pull_request_reviews
      ? (data.required_pull_request_reviews.required_approving_review_count ?? 0)
      : null;
    return { requirement: { source: "branch protection", checks: [...checks], reviews }, unreadable: null };
  } catch (error) {
    const failure = httpFailureOf(error);
    const what = { what: `the protection of branch ${branch}`, repo, permission: PROTECTION_PERMISSION };
    if (
      failure === null ||
      !failure.hasResponse ||
      isPrimaryRateLimit(failure) ||
      isSecondaryRateLimit(failure)
    )
      throw client.failure(error, what);
    const said = githubMessage(failure);
    if (failure.status === 404 && /not protected|branch not found/i.test(said)) {
      return { requirement: null, unreadable: null };
    }
    if (failure.status === 403 || failure.status === 404) {
      return {
        requirement: null,
        unreadable: client.redact(
          `the token may not read the branch protection of ${branch} in ${describeRepo(repo)} (GitHub: ${failure.status} "${said}"); grant it ${PROTECTION_PERMISSION}`,
        ),
      };
    }
    throw client.failure(error, what);
  }
}
