import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { BranchRequirement } from "../../ports.js";
import { judgeBranchRequirements } from "./judge-branch-requirements.js";

const protection = (checks: string[], reviews: number | null): BranchRequirement => ({
  source: "branch protection",
  checks,
  reviews,
});
const ruleset = (id: number, checks: string[], reviews: number | null): BranchRequirement => ({
  source: `ruleset ${id} (octo-org/octo-app)`,
  checks,
  reviews,
});
const WANTED = { branch: "main", checks: ["ci", "lint"], reviews: 1 };
const DENIED = "the token may not read the branch protection of main; grant it Administration: read";

test("the branch's requirements are judged by every mechanism together", () => {
  const cases: {
    name: string;
    requirements: BranchRequirement[];
    unreadable?: string;
    outcome: string;
    message?: RegExp;
  }[] = [
    { name: "protection alone", requirements: [protection(["ci", "lint"], 1)], outcome: "pass" },
    {
      name: "rulesets alone",
      requirements: [ruleset(1, ["ci"], 2), ruleset(2, ["lint"], null)],
      outcome: "pass",
    },
    {
      name: "split between both",
      requirements: [protection(["ci"], null), ruleset(3, ["lint"], 1)],
      outcome: "pass",
    },
    {
      name: "rulesets suffice though protection is unreadable",
      requirements: [ruleset(1, ["ci", "lint"], 1)],
      unreadable: DENIED,
      outcome: "pass",
    },
    {
      name: "a missing check",
      requirements: [protection(["ci"], 1)],
      outcome: "fail",
      message: /^main does not require the check lint; require them in Settings > Rules/,
    },
    {
      name: "too few reviews",
      requirements: [protection(["ci", "lint"], 0)],
      outcome: "fail",
      message: /main requires 0 approving reviews where 1 are wanted/,
    },
    {
      name: "nothing at all",
      requirements: [],
      outcome: "fail",
      message: /does not require the checks ci, lint and requires 0 approving reviews/,
    },
    {
      name: "a shortfall while protection is unreadable",
      requirements: [ruleset(1, ["ci"], 1)],
      unreadable: DENIED,
      outcome: "inconclusive",
      message:
        /does not require the check lint by its rulesets, and the token may not read .* Administration: read/,
    },
  ];
  for (const c of cases) {
    const verdict = judgeBranchRequirements(WANTED, {
      requirements: c.requirements,
      protectionUnreadable: c.unreadable ?? null,
    });
    assert.equal(verdict.outcome, c.outcome, c.name);
    if (c.message) assert.match(verdict.message, c.message, c.name);
    assert.equal(verdict.details.length, c.requirements.length, c.name);
  }
});

test("adding a mechanism never turns a pass into anything else, and unreadable protection never passes a shortfall", () => {
  const name = fc.constantFrom("ci", "lint", "build", "e2e");
  const requirement = fc.record({
    source: fc.constantFrom("branch protection", "ruleset 1", "ruleset 2"),
    checks: fc.array(name, { maxLength: 3 }),
    reviews: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  });
  const wanted = fc.record({
    branch: fc.constant("main"),
    checks: fc.uniqueArray(name, { maxLength: 3 }),
    reviews: fc.integer({ min: 0, max: 3 }),
  });
  fc.assert(
    fc.property(
      wanted,
      fc.array(requirement, { maxLength: 3 }),
      requirement,
      fc.boolean(),
      (w, found, extra, denied) => {
        const unreadable = denied ? DENIED : null;
        const before = judgeBranchRequirements(w, { requirements: found, protectionUnreadable: unreadable });
        const after = judgeBranchRequirements(w, {
          requirements: [...found, extra],
          protectionUnreadable: unreadable,
        });
        if (before.outcome === "pass") assert.equal(after.outcome, "pass");
        assert.notEqual(before.outcome, denied ? "fail" : "inconclusive");
      },
    ),
  );
});
