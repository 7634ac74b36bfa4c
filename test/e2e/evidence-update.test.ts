import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { initRepo } from "../helpers/git-repo.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { startTestServer } from "../helpers/start-test-server.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-11-22T09:00:00Z";
const REPO = { owner: "octo-org", repo: "octo-app" };
// A planted secret: it must appear in no output, no file and no error.
const CANARY = "ghp_CANARYcanaryCANARYcanary0123456789";

const CHECKLIST = `# Release v1.2.0

<!-- READINESS_SCORE_START -->
<!-- READINESS_SCORE_END -->

## Core Gates

| Gate | Status | Last Run | Notes |
|------|--------|----------|-------|
| 🧪 Build & Unit Tests | 🟡 PENDING | — | kept as written: café ✓ |
| 🔒 Security Audit | 🟢 PASS | Dec 2024 | claimed by hand |
| Coverage | PASS | — | |
| Version matches | PASS | — | |

## Optional Gates

| Gate | Status | Last Run |
|------|--------|----------|
| Load Testing | 🟢 PASS | — |
| Health endpoints | 🟡 PENDING | — |
| Manual QA | 🟢 PASS | Nov 2026 |

<!-- CI_SNAPSHOT_START -->
## 📡 Last CI Snapshot (hand-made heading)

Written by hand, long ago.
<!-- CI_SNAPSHOT_END -->

Hand-written footer.
`;

function configFor(healthUrl: string): string {
  return `checklist: RELEASE.md
categories:
  - { name: Core Gates, weight: 50, required: true }
  - { name: Optional Gates, weight: 20 }
ciSnapshot: { runs: 10 }
gates:
  - gate: Build & Unit Tests
    evidence:
      - github-actions: { workflow: ci.yml, sha: HEAD }
      - junit: { files: "reports/*.xml" }
  - gate: Security Audit
    evidence:
      - github-security: { dependabot: high }
  - gate: Coverage
    evidence:
      - coverage: { files: coverage/lcov.info, minLines: 50 }
  - gate: Version matches
    evidence:
      - file: { sameVersion: [VERSION, package.json] }
  - gate: Load Testing
    evidence:
      - command: { run: "echo warming up; echo 'p99 too slow' >&2; exit 3", timeout: 20s }
  - gate: Health endpoints
    evidence:
      - http: { url: "${healthUrl}", samples: 4, interval: 10ms, successRatio: 0.75, maxLatency: 2s }
  - gate: Release notes
    evidence:
      - file: { path: NOTES.md }
`;
}

interface GateJson {
  name: string;
  outcome: string;
  collected?: { outcome: string; provenance: { kind: string; source: string; message?: string } }[];
}
interface RunJson {
  score: number;
  categories: { name: string; gates: GateJson[] }[];
  warnings: { code: string; message: string; file: string; line: number | null }[];
  github?: { requests: number; notModified: number };
  ciSnapshot?: { health: string; successRate: number };
}

const health = await startTestServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/plain" }).end("ok");
});
after(() => health.close());

/** A repository with a checklist, a config, reports and version files, committed; its HEAD commit. */
function makeProject(): { dir: string; head: string } {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(join(dir, "shipready.yml"), configFor(`${health.url}/health`));
  mkdirSync(join(dir, "reports"));
  copyFileSync(join(repoRoot, "test/fixtures/evidence/junit.xml"), join(dir, "reports/junit.xml"));
  mkdirSync(join(dir, "coverage"));
  copyFileSync(join(repoRoot, "test/fixtures/evidence/lcov.info"), join(dir, "coverage/lcov.info"));
  writeFileSync(join(dir, "VERSION"), "1.2.0\n");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", version: "1.2.0" }));
  return { dir, head: initRepo(dir) };
}

async function startGitHub(head: string, options: { prefix?: string } = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ token: CANARY, ...options });
  github.addRepo(REPO);
  github.addWorkflow(REPO, { name: "Main CI/CD Pipeline", path: ".github/workflows/ci.yml" });
  github.addWorkflow(REPO, { name: "Nightly", path: ".github/workflows/nightly.yml" });
  github.addWorkflowRuns(REPO, [
    { workflow: "ci.yml", conclusion: "failure" },
    { workflow: "ci.yml", conclusion: "success" },
    { workflow: "ci.yml", conclusion: "success", headSha: head },
    { workflow: "nightly.yml", conclusion: "success" },
  ]);
  github.addDependabotAlert(REPO, { severity: "high", summary: "Prototype pollution in lodash" });
  github.addDependabotAlert(REPO, { severity: "low", summary: "A minor thing" });
  return github;
}

function update(dir: string, github: FakeGitHub, extra: string[] = [], env: Record<string, string> = {}) {
  return runCliAsync(
    ["update", "--json", "--now", NOW, "--api-url", github.url, "--repo", "octo-org/octo-app", ...extra],
    {
      cwd: dir,
      env: { GITHUB_TOKEN: CANARY, ...env },
    },
  );
}

function gatesOf(json: RunJson): Record<string, GateJson> {
  return Object.fromEntries(json.categories.flatMap((c) => c.gates.map((g) => [g.name, g])));
}

/** Every file under `dir`, as bytes, for the canary check. */
function everyFile(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

function assertNoCanary(result: CliResult, dir: string): void {
  assert.ok(!result.stdout.includes(CANARY), "the token leaked to stdout");
  assert.ok(!result.stderr.includes(CANARY), "the token leaked to stderr");
  for (const file of everyFile(dir))
    assert.ok(!file.bytes.includes(CANARY), `the token leaked into ${file.path}`);
}

test("update collects every kind of evidence, rewrites bound cells and the CI snapshot, and keeps the rest", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());

  const first = await update(dir, github);
  assert.equal(first.code, 0, first.stderr);
  const json = JSON.parse(first.stdout) as RunJson;
  const gates = gatesOf(json);
  assert.deepEqual(Object.fromEntries(Object.entries(gates).map(([name, g]) => [name, g.outcome])), {
    "Build & Unit Tests": "pass",
    "Security Audit": "fail",
    Coverage: "pass",
    "Version matches": "pass",
    "Load Testing": "fail",
    "Health endpoints": "pass",
    "Manual QA": "pass",
  });
  assert.deepEqual(
    gates["Build & Unit Tests"]!.collected!.map((e) => e.provenance.kind),
    ["github-actions", "junit"],
  );
  assert.match(
    gates["Security Audit"]!.collected![0]!.provenance.message!,
    /1 open Dependabot alerts at high or above/,
  );
  assert.match(gates["Load Testing"]!.collected![0]!.provenance.message!, /exited with code 3: p99 too slow/);
  // A binding to a gate the checklist does not have is reported with its line in shipready.yml.
  const unknown = json.warnings.find((w) => w.code === "unknown-gate");
  assert.equal(unknown?.file, "shipready.yml");
  assert.equal(unknown?.line, 26);
  assert.match(unknown!.message, /Release notes/);
  // Both workflows' latest runs succeeded: HEALTHY, though one of the four runs failed earlier.
  assert.equal(json.ciSnapshot?.health, "HEALTHY");
  assert.ok(json.github!.requests > 0);

  const text = readFileSync(join(dir, "RELEASE.md"), "utf8");
  const runUrl = new RegExp(
    `\\| 🧪 Build & Unit Tests \\| 🟢 PASS \\| \\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\]\\(${github.webUrl.replace(/[.]/g, "\\.")}/octo-org/octo-app/actions/runs/\\d+\\) \\| kept as written: café ✓ \\|`,
  );
  assert.match(text, runUrl);
  assert.match(
    text,
    /\| 🔒 Security Audit \| 🔴 FAIL \| \[2026-11-22 09:00 UTC\]\(.*\/security\/dependabot\) \| claimed by hand \|/,
  );
  assert.match(text, /\| Load Testing \| 🔴 FAIL \| 2026-11-22 09:00 UTC \|/);
  assert.match(
    text,
    /\| Health endpoints \| 🟢 PASS \| \[2026-11-22 09:00 UTC\]\(http:\/\/127\.0\.0\.1:\d+\/health\) \|/,
  );
  // Unbound gates keep their hand-written cells byte for byte, and so does the prose around.
  assert.ok(text.includes("| Manual QA | 🟢 PASS | Nov 2026 |\n"));
  assert.ok(text.endsWith("<!-- CI_SNAPSHOT_END -->\n\nHand-written footer.\n"));
  // The CI snapshot keeps its heading and shows each workflow with its pass rate.
  assert.match(text, /<!-- CI_SNAPSHOT_START -->\n## 📡 Last CI Snapshot \(hand-made heading\)\n/);
  assert.match(
    text,
    /\*\*CI Health Status:\*\* 🟢 HEALTHY \(latest run passed in all 2 workflows; success rate 75% over 4 runs on `main`\)/,
  );
  assert.match(
    text,
    /\| \[Main CI\/CD Pipeline\]\(.*\/actions\/workflows\/ci\.yml\) \| 🟢 PASS \| .* \| 66\.7% \(2\/3\) \|/,
  );
  assert.ok(!text.includes("Written by hand, long ago."));
  github.assertNoViolations();

  // A minute later nothing changed: the same bytes, and GitHub answers from its ETags.
  github.resetRequests();
  const second = await update(dir, github);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(readFileSync(join(dir, "RELEASE.md"), "utf8"), text);
  const again = JSON.parse(second.stdout) as RunJson;
  assert.ok(again.github!.requests > 0);
  assert.ok(
    again.github!.notModified / again.github!.requests >= 0.9,
    `only ${again.github!.notModified} of ${again.github!.requests} requests were answered 304`,
  );
  assert.equal(
    github.requests.filter((r) => !r.notModified).length,
    again.github!.requests - again.github!.notModified,
  );
  github.assertNoViolations();
  assertNoCanary(first, dir);
  assertNoCanary(second, dir);
});

test("a new failing run on the released commit turns the gate red on the next update", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());
  assert.equal((await update(dir, github)).code, 0);
  github.addWorkflowRuns(REPO, [{ workflow: "ci.yml", conclusion: "failure", headSha: head }]);
  const result = await update(dir, github, ["--check"]);
  assert.equal(result.code, 1, "a required gate fails, so --check exits 1");
  const text = readFileSync(join(dir, "RELEASE.md"), "utf8");
  assert.match(text, /\| 🧪 Build & Unit Tests \| 🔴 FAIL \|/);
  // One of the two workflows' latest runs failed: the snapshot says so, whatever the pooled rate.
  assert.match(
    text,
    /\*\*CI Health Status:\*\* 🔴 FAILING \(latest run failed in 1 of 2 workflows; success rate 60% over 5 runs on `main`\)/,
  );
  github.assertNoViolations();
});

test("GitHub evidence without a token is a clear error, and nothing is written", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());
  const result = await runCliAsync(["update", "--api-url", github.url, "--repo", "octo-org/octo-app"], {
    cwd: dir,
    // gh, if installed, must not find a login either.
    env: { GH_CONFIG_DIR: makeTempDir() },
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    /gates are bound to GitHub evidence \(shipready\.yml:\d+\), but no GitHub token was found/,
  );
  assert.match(result.stderr, /Fix: Set GITHUB_TOKEN/);
  assert.ok(!result.stderr.includes("    at "), "no stack trace without --debug");
  assert.equal(readFileSync(join(dir, "RELEASE.md"), "utf8"), CHECKLIST);
  assert.equal(github.requests.length, 0);
});

test("a bad token names the problem without showing the token", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());
  const wrong = "ghp_WRONGwrongWRONGwrong0123456789abcd";
  const result = await update(dir, github, [], { GITHUB_TOKEN: wrong });
  assert.equal(result.code, 0, result.stderr);
  const gates = gatesOf(JSON.parse(result.stdout) as RunJson);
  assert.equal(gates["Build & Unit Tests"]!.outcome, "inconclusive");
  assert.match(gates["Build & Unit Tests"]!.collected![0]!.provenance.message!, /token/i);
  assert.ok(!result.stdout.includes(wrong) && !result.stderr.includes(wrong));
  // Local evidence still counts: the run goes on.
  assert.equal(gates["Load Testing"]!.outcome, "fail");
  github.assertNoViolations();
});

test("GitHub Enterprise Server: the API under /api/v3, links to the server", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head, { prefix: "/api/v3" });
  after(() => github.close());
  assert.ok(github.url.endsWith("/api/v3"));
  const result = await update(dir, github);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(gatesOf(JSON.parse(result.stdout) as RunJson)["Build & Unit Tests"]!.outcome, "pass");
  assert.ok(github.requests.every((r) => r.url.startsWith("/api/v3/")));
  github.assertNoViolations();
});

test("a secondary rate limit is waited out and the run still gets its answer", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());
  github.queueFaults({
    kind: "secondary-rate-limit",
    operationId: "actions/list-workflow-runs",
    retryAfterSeconds: 1,
  });
  const result = await update(dir, github);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(gatesOf(JSON.parse(result.stdout) as RunJson)["Build & Unit Tests"]!.outcome, "pass");
  assert.ok(github.requests.some((r) => r.status === 403 || r.status === 429));
  github.assertNoViolations();
});

test("--no-evidence scores the written statuses and asks nobody", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());
  const result = await runCliAsync(["score", "--json", "--no-evidence"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const gates = gatesOf(JSON.parse(result.stdout) as RunJson);
  assert.equal(gates["Build & Unit Tests"]!.outcome, "pending");
  assert.equal(gates["Security Audit"]!.outcome, "pass");
  assert.equal(github.requests.length, 0);
});

test("with only local evidence and no token, the CI snapshot is left as it is, with a remark", async () => {
  const { dir } = makeProject();
  writeFileSync(
    join(dir, "shipready.yml"),
    `checklist: RELEASE.md\ngates:\n  - gate: Load Testing\n    evidence:\n      - command: { run: "true" }\n`,
  );
  const result = await runCliAsync(["update", "--json", "--now", NOW], {
    cwd: dir,
    env: { GH_CONFIG_DIR: makeTempDir() },
  });
  assert.equal(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout) as RunJson;
  assert.ok(json.warnings.some((w) => w.code === "ci-snapshot-skipped"));
  const text = readFileSync(join(dir, "RELEASE.md"), "utf8");
  assert.ok(text.includes("Written by hand, long ago."));
  assert.match(text, /\| Load Testing \| 🟢 PASS \| 2026-11-22 09:00 UTC \|/);
});

test("--verbose shows each piece of evidence and the GitHub requests, without the token", async () => {
  const { dir, head } = makeProject();
  const github = await startGitHub(head);
  after(() => github.close());
  const args = ["score", "--verbose", "--api-url", github.url, "--repo", "octo-org/octo-app"];
  const env = { GITHUB_TOKEN: CANARY };
  const first = await runCliAsync(args, { cwd: dir, env });
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /Evidence:\n {2}Build & Unit Tests \(Core Gates\): pass\n {4}github-actions: pass · http/,
  );
  assert.match(first.stdout, /security alerts|security\/dependabot/);
  assert.match(first.stdout, /GitHub: \d+ requests, 0 answered 304 Not Modified \(0%\)\./);
  const second = await runCliAsync(args, { cwd: dir, env });
  assert.match(second.stdout, /GitHub: (\d+) requests, \1 answered 304 Not Modified \(100%\)\./);
  assertNoCanary(second, dir);
  github.assertNoViolations();
});
