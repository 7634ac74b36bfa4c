import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { initRepo } from "../helpers/git-repo.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

function exampleRepo(extraGates = ""): string {
  const dir = makeTempDir("shipready-preflight-");
  cpSync(join(repoRoot, "examples"), dir, { recursive: true });
  if (extraGates)
    writeFileSync(join(dir, "shipready.yml"), readFileSync(join(dir, "shipready.yml"), "utf8") + extraGates);
  initRepo(dir);
  return dir;
}

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((p) => !p.startsWith(".git/") && p !== ".git")
    .sort();
}

test("on the example nothing local blocks: exit 0, and nothing is written", () => {
  const dir = exampleRepo();
  const before = listTree(dir);
  const checklist = readFileSync(join(dir, "release-checklist.md"), "utf8");
  const result = runCli(["preflight"], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /3 gates pass on local evidence: Build & Unit Tests, Frontend Build & Lint, CHANGELOG Generation/,
  );
  assert.match(result.stdout, /Nothing local blocks the release \(\d+\.\d s\)\./);
  assert.equal(
    readFileSync(join(dir, "release-checklist.md"), "utf8"),
    checklist,
    "the checklist is not rewritten",
  );
  assert.deepEqual(listTree(dir), before, "no history, badge or cache is written");
});

test("a failing command blocks (exit 1) with its last lines; GitHub and HTTP gates are named as not checked", () => {
  const dir = exampleRepo(`  - gate: Security Audit
    evidence:
      - github-security: { dependabot: high }
  - gate: Load Testing
    evidence:
      - command: { run: "echo p99 612 ms over budget; exit 3" }
  - gate: Chaos Engineering Tests
    evidence:
      - http: { url: "https://staging.example.com/health" }
`);
  // No token anywhere: preflight never asks GitHub, so it does not need one.
  const result = runCli(["preflight"], { cwd: dir, env: { GITHUB_TOKEN: "" } });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /✖ Load Testing \(Optional Gates, line \d+\): fail · command echo p99/);
  assert.match(result.stdout, /│ p99 612 ms over budget/);
  assert.match(
    result.stdout,
    /not checked \(needs the network; CI checks it\): Security Audit \(github-security\), Chaos Engineering Tests \(http\)/,
  );
  assert.match(result.stdout, /1 gate blocks the release .* git push --no-verify/);

  const json = runCli(["preflight", "--json"], { cwd: dir });
  assert.equal(json.code, 1);
  const verdict = JSON.parse(json.stdout) as {
    ok: boolean;
    blocking: Array<{ name: string; outcome: string }>;
    unchecked: Array<{ name: string; kinds: string[] }>;
  };
  assert.equal(verdict.ok, false);
  assert.deepEqual(
    verdict.blocking.map((g) => [g.name, g.outcome]),
    [["Load Testing", "fail"]],
  );
  assert.deepEqual(
    verdict.unchecked.map((g) => g.kinds),
    [["github-security"], ["http"]],
  );
});

test("a required gate whose local report is missing blocks; a waived failing gate does not", () => {
  const dir = exampleRepo(`  - gate: Rollback Procedure
    evidence:
      - command: { run: "exit 1" }
waivers:
  - gate: Rollback Procedure
    reason: drill moved to next sprint
    approver: "@lead"
    expires: 2999-01-01
`);
  const ok = runCli(["preflight"], { cwd: dir });
  assert.equal(ok.code, 0, ok.stdout);
  // Build & Unit Tests is required (a Core gate): without its report it cannot pass.
  readdirSync(join(dir, "reports")).forEach((f) => writeFileSync(join(dir, "reports", f), "not xml"));
  const blocked = runCli(["preflight"], { cwd: dir });
  assert.equal(blocked.code, 1, blocked.stdout);
  assert.match(
    blocked.stdout,
    /✖ Build & Unit Tests \(Core Gates, line \d+, required\): inconclusive · junit/,
  );
  assert.equal(existsSync(join(dir, ".shipready")), false);
});

test("invalid shipready.yml: exit 2, the line named, nothing run", () => {
  const dir = exampleRepo();
  writeFileSync(
    join(dir, "shipready.yml"),
    "gates:\n  - gate: X\n    evidence:\n      - hooks: { installed: [post-merge] }\n",
  );
  const result = runCli(["preflight"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /shipready\.yml:4/);
  assert.match(result.stderr, /pre-push or commit-msg/);
});
