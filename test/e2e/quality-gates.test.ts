import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { git, initRepo } from "../helpers/git-repo.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const CHECKLIST = `# Release

## Core Gates

| Gate | Status | Notes |
|------|--------|-------|
| Security scan | PENDING | |
| Coverage | PENDING | |
`;

interface Gate {
  name: string;
  outcome: string;
  collected?: { outcome: string; provenance: { message?: string }; figures?: Record<string, number> }[];
}

function gatesOf(stdout: string): Record<string, Gate> {
  const json = JSON.parse(stdout) as { categories: { gates: Gate[] }[] };
  return Object.fromEntries(json.categories.flatMap((c) => c.gates).map((g) => [g.name, g]));
}

function historyOf(dir: string): {
  commit: string;
  figures?: Record<string, Record<string, number>>;
  findings?: Record<string, string[]>;
}[] {
  return readFileSync(join(dir, ".shipready", "history.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

function commitAll(dir: string, message: string): string {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--allow-empty", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

test("sarif new: true judges against the findings recorded at the last release tag of a real repository", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(
    join(dir, "shipready.yml"),
    `checklist: RELEASE.md
gates:
  - gate: Security scan
    evidence:
      - sarif: { files: "reports/*.sarif", failOn: high, new: true }
  - gate: Coverage
    evidence:
      - coverage: { files: coverage/lcov.info, minLines: 10 }
`,
  );
  mkdirSync(join(dir, "reports"));
  mkdirSync(join(dir, "coverage"));
  copyFileSync(join(repoRoot, "test/fixtures/sarif/snyk.sarif"), join(dir, "reports/scan.sarif"));
  copyFileSync(join(repoRoot, "test/fixtures/evidence/lcov.info"), join(dir, "coverage/lcov.info"));
  initRepo(dir);

  // Before any release: every finding counts, and the message says the first release sets the baseline.
  const first = runCli(["update", "--json"], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const before = gatesOf(first.stdout)["Security scan"]!;
  assert.equal(before.outcome, "fail");
  assert.match(
    before.collected![0]!.provenance.message!,
    /no release tag yet: the first release sets it\), so every finding counts/,
  );

  // The release: its commit is recorded with the high finding, then tagged.
  const released = commitAll(dir, "chore: record the release's run");
  const atRelease = runCli(["update", "--json", "--record", "always"], { cwd: dir });
  assert.ok(atRelease.code === 0 || atRelease.code === 1, atRelease.stderr);
  git(dir, "tag", "v1.0.0", released);
  const recorded = historyOf(dir).find((r) => r.commit === released)!;
  assert.deepEqual(recorded.figures?.["sarif:reports/*.sarif"], { critical: 0, high: 1, medium: 0, low: 0 });
  assert.equal(recorded.findings?.["sarif:reports/*.sarif"]?.length, 1);
  assert.equal(typeof recorded.figures?.["coverage:coverage/lcov.info"]?.lines, "number");

  // After it: the same finding is old, so the gate passes; a new critical one fails it.
  commitAll(dir, "feat: later work");
  const same = gatesOf(runCli(["score", "--json"], { cwd: dir }).stdout)["Security scan"]!;
  assert.equal(same.outcome, "pass");
  assert.equal(same.collected![0]!.figures?.new, 0);
  copyFileSync(join(repoRoot, "test/fixtures/sarif/grype.sarif"), join(dir, "reports/image.sarif"));
  const worse = runCli(["score", "--json"], { cwd: dir });
  const gate = gatesOf(worse.stdout)["Security scan"]!;
  assert.equal(gate.outcome, "fail");
  assert.match(
    gate.collected![0]!.provenance.message!,
    /^1 new high-or-worse finding: critical CVE-2022-37434-zlib at image\/lib\/apk\/db\/installed:1 \(https:\/\/github\.com\/anchore\/grype\)/,
  );
});

test("a SARIF file that is not SARIF makes the gate inconclusive with the path and the first schema error", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(
    join(dir, "shipready.yml"),
    `checklist: RELEASE.md
gates:
  - gate: Security scan
    evidence:
      - sarif: { files: audit.json }
`,
  );
  writeFileSync(join(dir, "audit.json"), JSON.stringify({ auditReportVersion: 2, vulnerabilities: {} }));
  const result = runCli(["score", "--json"], { cwd: dir });
  const gate = gatesOf(result.stdout)["Security scan"]!;
  assert.equal(gate.outcome, "inconclusive");
  assert.match(
    gate.collected![0]!.provenance.message!,
    /^audit\.json is not SARIF 2\.1\.0: version: missing/,
  );
});

test("an unknown failOn severity is a config error naming the line, and nothing runs", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(
    join(dir, "shipready.yml"),
    `checklist: RELEASE.md
gates:
  - gate: Security scan
    evidence:
      - sarif: { files: "*.sarif", failOn: severe }
`,
  );
  const result = runCli(["score"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /shipready\.yml:5/);
  assert.match(result.stderr, /low, medium, high or critical/);
});
