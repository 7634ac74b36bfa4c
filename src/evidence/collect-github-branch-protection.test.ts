import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../../test/helpers/fake-github.js";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { createGitHubApi } from "../adapters/github/github-rest.js";
import { collectGitHubBranchProtection } from "./collect-github-branch-protection.js";
import type { EvidenceContext } from "./evidence-context.js";
import type { GitHubBranchProtectionSpec } from "./types.js";

const REPO = { owner: "octo-org", repo: "octo-app" };

async function fake(): Promise<FakeGitHub> {
  const github = await startFakeGitHub();
  after(async () => {
    github.assertNoViolations();
    await github.close();
  });
  github.addRepo(REPO);
  github.setBranch(REPO, "main", "a".repeat(40));
  github.setBranch(REPO, "release", "b".repeat(40));
  return github;
}

function contextFor(github: FakeGitHub): EvidenceContext {
  const api = createGitHubApi({ token: github.token, baseUrl: github.url, cache: null, delayUnitMs: 1 });
  after(() => api.close());
  return makeEvidenceContext("/", { github: { api, repo: REPO } });
}

const spec = (extra: Partial<GitHubBranchProtectionSpec> = {}): GitHubBranchProtectionSpec => ({
  kind: "github-branch-protection",
  requireChecks: ["ci"],
  reviews: 1,
  timeoutMs: 10_000,
  ...extra,
});

test("github-branch-protection: classic protection that requires the checks and reviews passes", async () => {
  const github = await fake();
  github.setBranchProtection(REPO, "main", { checks: ["ci", "lint"], reviews: 2 });
  const result = await collectGitHubBranchProtection(spec({ branch: "main" }), contextFor(github));
  assert.equal(result.outcome, "pass");
  assert.match(result.provenance.source, /\/octo-org\/octo-app\/settings\/branches$/);
  assert.deepEqual(result.details, ["branch protection: checks ci, lint; 2 approving reviews"]);
});

test("github-branch-protection: rulesets count, and the default branch is asked when none is named", async () => {
  const github = await fake();
  github.addRuleset(REPO, { id: 7, checks: ["ci"] });
  github.addRuleset(REPO, { id: 8, sourceType: "Organization", reviews: 1, branches: ["main"] });
  github.addRuleset(REPO, { id: 9, reviews: 3, branches: ["release"] });
  const result = await collectGitHubBranchProtection(spec(), contextFor(github));
  assert.equal(result.outcome, "pass");
  assert.match(result.provenance.source, /\/rules$/);
  assert.deepEqual(result.details, [
    "ruleset 7 (octo-org/octo-app): checks ci; no pull request required",
    "ruleset 8 (octo-org): no checks; 1 approving review",
  ]);
  assert.ok(github.requests.some((r) => r.operationId === "repos/get"));
});

test("github-branch-protection: a branch that requires less fails, saying what is missing and where to add it", async () => {
  const github = await fake();
  github.setBranchProtection(REPO, "main", { checks: ["lint"] });
  const result = await collectGitHubBranchProtection(
    spec({ branch: "main", requireChecks: ["ci", "e2e"] }),
    contextFor(github),
  );
  assert.equal(result.outcome, "fail");
  assert.equal(
    result.provenance.message,
    "main does not require the checks ci, e2e and requires 0 approving reviews where 1 are wanted; require them in Settings > Rules > Rulesets (or Settings > Branches)",
  );
  const unprotected = await collectGitHubBranchProtection(spec({ branch: "release" }), contextFor(github));
  assert.equal(unprotected.outcome, "fail");
});

test("github-branch-protection: protection the token may not read is inconclusive, naming Administration: read", async () => {
  const github = await fake();
  github.setBranchProtection(REPO, "main", "forbidden");
  github.addRuleset(REPO, { id: 7, checks: ["ci"] });
  const result = await collectGitHubBranchProtection(spec({ branch: "main" }), contextFor(github));
  assert.equal(result.outcome, "inconclusive");
  assert.match(
    result.provenance.message!,
    /main requires 0 approving reviews where 1 are wanted by its rulesets, and the token may not read the branch protection of main in octo-org\/octo-app \(GitHub: 403 "Resource not accessible by integration"\); grant it Administration: read/,
  );
  // A 404 other than "Branch not protected" is how GitHub hides protection from a non-admin.
  github.setBranchProtection(REPO, "main", null);
  github.queueFaults({ kind: "not-found", operationId: "repos/get-branch-protection" });
  const hidden = await collectGitHubBranchProtection(spec({ branch: "main" }), contextFor(github));
  assert.equal(hidden.outcome, "inconclusive");
  assert.match(hidden.provenance.message!, /GitHub: 404 "Not Found"\); grant it Administration: read/);
  // What rulesets alone require is enough, whatever protection says.
  github.setBranchProtection(REPO, "main", "forbidden");
  github.addRuleset(REPO, { id: 8, reviews: 1 });
  assert.equal(
    (await collectGitHubBranchProtection(spec({ branch: "main" }), contextFor(github))).outcome,
    "pass",
  );
});

test("github-branch-protection: a server that keeps failing throws for collectEvidence to make inconclusive", async () => {
  const github = await fake();
  github.queueFaults({ kind: "server-error", operationId: "repos/get-branch-rules", times: 10 });
  await assert.rejects(
    collectGitHubBranchProtection(spec({ branch: "main" }), contextFor(github)),
    /rules for branch main/,
  );
});
