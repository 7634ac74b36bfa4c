import type { BranchRequirements } from "../../ports.js";
import type { Outcome } from "../../types.js";

/** What a branch is asked to require. */
export interface WantedRequirements {
  branch: string;
  checks: readonly string[];
  reviews: number;
}

/** The verdict on a branch's requirements, with what to do when it is not a pass. */
export interface BranchVerdict {
  outcome: Outcome;
  message: string;
  details: string[];
}

/**
 * Whether a branch requires the wanted checks and reviews, counting branch protection and every
 * ruleset together (GitHub enforces them all). What the readable mechanisms already require is
 * enough for a pass; a shortfall while branch protection was unreadable is inconclusive, since the
 * missing part may be there.
 */
export function judgeBranchRequirements(
  wanted: WantedRequirements,
  found: BranchRequirements,
): BranchVerdict {
  const details = found.requirements.map(
    (r) =>
      `${r.source}: ${r.checks.length ? `checks ${r.checks.join(", ")}` : "no checks"}; ${
        r.reviews === null
          ? "no pull request required"
          : `${r.reviews} approving review${r.reviews === 1 ? "" : "s"}`
      }`,
  );
  const required = new Set(found.requirements.flatMap((r) => r.checks));
  const reviews = Math.max(0, ...found.requirements.map((r) => r.reviews ?? 0));
  const missing = wanted.checks.filter((check) => !required.has(check));
  const gaps: string[] = [];
  if (missing.length > 0) {
    gaps.push(`does not require the check${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
  }
  if (reviews < wanted.reviews) {
    gaps.push(
      `requires ${reviews} approving review${reviews === 1 ? "" : "s"} where ${wanted.reviews} are wanted`,
    );
  }
  if (gaps.length === 0) {
    const by = found.requirements.map((r) => r.source);
    const what = [
      wanted.checks.length ? `the checks ${wanted.checks.join(", ")}` : "",
      wanted.reviews > 0 ? `${wanted.reviews} approving review${wanted.reviews === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    return {
      outcome: "pass",
      message: `${wanted.branch} requires ${what.join(" and ") || "what is asked"}${by.length ? ` (${by.join(", ")})` : ""}`,
      details,
    };
  }
  const shortfall = `${wanted.branch} ${gaps.join(" and ")}`;
  if (found.protectionUnreadable !== null) {
    return {
      outcome: "inconclusive",
      message: `${shortfall} by its rulesets, and ${found.protectionUnreadable}`,
      details,
    };
  }
  return {
    outcome: "fail",
    message: `${shortfall}; require them in Settings > Rules > Rulesets (or Settings > Branches)`,
    details,
  };
}
