import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../../test/helpers/fake-github.js";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { fixedClock } from "../adapters/clocks.js";
import { createGitHubApi } from "../adapters/github/github-rest.js";
import type { GitHubActionsSpec, GitHubChecksSpec, GitHubSecuritySpec } from "./types.js";
import { collectGitHubActions } from "./collect-github-actions.js";
import { collectGitHubChecks } from "./collect-github-checks.js";
import { collectGitHubSecurity } from "./collect-github-security.js";
import type { EvidenceContext } from "./evidence-context.js";

const REPO = { owner: "octo-org", repo: "octo-app" };
const HEAD = "a".repeat(40);
const NOW = new Date("2026-11-22T09:00:00Z");

async function fake(): Promise<FakeGitHub> {
  const github = await startFakeGitHub();
  after(async () => {
    github.assertNoViolations();
    await github.close();
  });
  github.addRepo(REPO);
  return github;
}

/** A context over the fake with a fresh client (no cache), the fixed clock and HEAD. */
function contextFor(github: FakeGitHub, headSha: string | null = HEAD): EvidenceContext {
  const api = createGitHubApi({ token: github.token, baseUrl: github.url, cache: null, delayUnitMs: 1 });
  after(() => api.close());
  return makeEvidenceContext("/", { clock: fixedClock(NOW), github: { api, repo: REPO }, headSha });
}

const actions = (extra: Partial<GitHubActionsSpec> = {}): GitHubActionsSpec => ({
  kind: "github-actions",
  workflow: "ci.yml",
  timeoutMs: 10_000,
  ...extra,
});

test("github-actions: the latest run on the default branch decides; a workflow is found by file or name", async () => {
  const github = await fake();
  github.addWorkflow(REPO, { name: "Main CI", path: ".github/workflows/ci.yml" });
  github.addWorkflowRuns(REPO, [
    { workflow: "ci.yml", conclusion: "success", updatedAt: "2026-11-20T10:00:00Z" },
    { workflow: "ci.yml", conclusion: "failure", updatedAt: "2026-11-21T10:00:00Z" },
    { workflow: "ci.yml", conclusion: "success", branch: "feature/x", updatedAt: "2026-11-22T08:00:00Z" },
  ]);
  const failed = await collectGitHubActions(actions(), contextFor(github));
  assert.equal(failed.outcome, "fail");
  assert.match(failed.provenance.message!, /Main CI run #\d+ on main ended in failure; fix it and re-run/);
  assert.match(failed.provenance.source, /\/octo-org\/octo-app\/actions\/runs\/\d+$/);
  assert.equal(failed.provenance.observedAt, "2026-11-21T10:00:00Z");
  const byName = await collectGitHubActions(
    actions({ workflow: "main ci", branch: "feature/x" }),
    contextFor(github),
  );
  assert.equal(byName.outcome, "pass");
});

test("github-actions: for the released commit, no run yet is pending and a running one is pending", async () => {
  const github = await fake();
  github.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
  github.addWorkflowRuns(REPO, [{ workflow: "ci.yml", conclusion: "success" }]);
  const none = await collectGitHubActions(actions({ sha: "HEAD" }), contextFor(github));
  assert.equal(none.outcome, "pending");
  assert.match(none.provenance.message!, /has not run for commit aaaaaaa yet/);
  github.addWorkflowRuns(REPO, [
    { workflow: "ci.yml", headSha: HEAD, status: "in_progress", conclusion: null },
  ]);
  const running = await collectGitHubActions(actions({ sha: "HEAD" }), contextFor(github));
  assert.equal(running.outcome, "pending");
  assert.match(running.provenance.message!, /in_progress; wait for it to finish/);
  const noRepo = await collectGitHubActions(actions({ sha: "HEAD" }), contextFor(github, null));
  assert.equal(noRepo.outcome, "inconclusive");
  assert.match(noRepo.provenance.message!, /sha: HEAD needs a git repository/);
});

test("github-actions: a run older than maxAge is stale, and an unknown workflow names the ones there are", async () => {
  const github = await fake();
  github.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
  github.addWorkflowRuns(REPO, [
    { workflow: "ci.yml", conclusion: "success", updatedAt: "2026-11-17T09:00:00Z" },
  ]);
  const stale = await collectGitHubActions(actions({ maxAgeMs: 3 * 86_400_000 }), contextFor(github));
  assert.equal(stale.outcome, "inconclusive");
  assert.match(stale.provenance.message!, /finished 5 d ago, older than maxAge \(3 d\): stale/);
  const fresh = await collectGitHubActions(actions({ maxAgeMs: 7 * 86_400_000 }), contextFor(github));
  assert.equal(fresh.outcome, "pass");
  const unknown = await collectGitHubActions(actions({ workflow: "deploy.yml" }), contextFor(github));
  assert.equal(unknown.outcome, "inconclusive");
  assert.match(
    unknown.provenance.message!,
    /no workflow "deploy\.yml" in octo-org\/octo-app; it has ci\.yml \(CI\)/,
  );
});

const checks = (extra: Partial<GitHubChecksSpec> = {}): GitHubChecksSpec => ({
  kind: "github-checks",
  ref: "HEAD",
  timeoutMs: 10_000,
  ...extra,
});

test("github-checks: check runs and commit statuses together; failures fail, running ones are pending", async () => {
  const github = await fake();
  const none = await collectGitHubChecks(checks(), contextFor(github));
  assert.equal(none.outcome, "inconclusive");
  assert.match(none.provenance.message!, /no checks or statuses have reported on aaaaaaa/);

  github.addCheckRun(REPO, { headSha: HEAD, name: "build" });
  github.addCommitStatus(REPO, { sha: HEAD, context: "license/scan", state: "success" });
  assert.equal((await collectGitHubChecks(checks(), contextFor(github))).outcome, "pass");

  github.addCheckRun(REPO, { headSha: HEAD, name: "e2e", status: "in_progress" });
  const running = await collectGitHubChecks(checks(), contextFor(github));
  assert.equal(running.outcome, "pending");
  assert.match(running.provenance.message!, /e2e/);
  // Only the named checks count, and a named one that never reported is waited for.
  assert.equal((await collectGitHubChecks(checks({ names: ["BUILD"] }), contextFor(github))).outcome, "pass");
  const missing = await collectGitHubChecks(checks({ names: ["build", "codeql"] }), contextFor(github));
  assert.equal(missing.outcome, "pending");
  assert.match(missing.provenance.message!, /codeql/);

  github.addCommitStatus(REPO, { sha: HEAD, context: "deploy/preview", state: "failure" });
  const failed = await collectGitHubChecks(checks(), contextFor(github));
  assert.equal(failed.outcome, "fail");
  assert.match(failed.provenance.message!, /1 of 4 checks on aaaaaaa failed \(deploy\/preview\)/);
});

const security = (extra: Partial<GitHubSecuritySpec> = {}): GitHubSecuritySpec => ({
  kind: "github-security",
  timeoutMs: 10_000,
  ...extra,
});

test("github-security: open alerts at or above the severity fail; lower ones and closed ones do not", async () => {
  const github = await fake();
  github.addDependabotAlert(REPO, { severity: "medium", summary: "ReDoS in a parser" });
  github.addDependabotAlert(REPO, { severity: "critical", summary: "RCE", state: "fixed" });
  github.addCodeScanningAlert(REPO, { severity: "high", summary: "SQL injection" });
  assert.equal(
    (await collectGitHubSecurity(security({ dependabot: "high" }), contextFor(github))).outcome,
    "pass",
  );
  const failed = await collectGitHubSecurity(
    security({ dependabot: "medium", codeScanning: "high" }),
    contextFor(github),
  );
  assert.equal(failed.outcome, "fail");
  assert.match(failed.provenance.message!, /1 open Dependabot alerts at medium or above \(1 medium\)/);
  assert.match(failed.provenance.message!, /1 open code scanning alerts at high or above \(1 high\)/);
  assert.ok(failed.details!.some((line) => line.includes("SQL injection")));
});

test("github-security: a feature that is off, or that the token may not read, is inconclusive and says why", async () => {
  const github = await fake();
  github.setFeature(REPO, "dependabot", "disabled");
  github.setFeature(REPO, "code-scanning", "forbidden");
  const result = await collectGitHubSecurity(
    security({ dependabot: "high", codeScanning: "high" }),
    contextFor(github),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /Dependabot alerts could not be read: .*(disabled|enable)/i);
  assert.match(result.provenance.message!, /code scanning alerts could not be read: .*security-events/);
});
