import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { isProcessRunning } from "../helpers/is-process-running.js";
import { runCliAsync, startCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-11-22T09:00:00Z";

const CHECKLIST = `# Release

## Core Gates

| Gate | Status | Last Run |
|------|--------|----------|
| Unit Tests | PASS | — |
| Coverage | PASS | — |
| Load Testing | PASS | — |
| Health | PASS | — |
| Metadata | PASS | — |
| Docs | PASS | — |
`;

interface RunJson {
  categories: {
    gates: { name: string; outcome: string; collected?: { provenance: { message?: string } }[] }[];
  }[];
}

function project(config: string): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(join(dir, "shipready.yml"), `checklist: RELEASE.md\n${config}`);
  return dir;
}

function outcomes(stdout: string): Record<string, { outcome: string; message: string }> {
  const json = JSON.parse(stdout) as RunJson;
  return Object.fromEntries(
    json.categories
      .flatMap((c) => c.gates)
      .map((g) => [g.name, { outcome: g.outcome, message: g.collected?.[0]?.provenance.message ?? "" }]),
  );
}

test("bad evidence makes its gate inconclusive with a message, and the run goes on", async () => {
  const dir = project(`gates:
  - gate: Unit Tests
    evidence:
      - junit: { files: "reports/*.xml" }
  - gate: Coverage
    evidence:
      - coverage: { files: lcov.info, minLines: 80 }
  - gate: Load Testing
    evidence:
      - command: { run: "sleep 30", timeout: 500ms }
  - gate: Health
    evidence:
      - http: { url: "http://127.0.0.1:9/health", samples: 2, interval: 10ms, maxLatency: 200ms }
  - gate: Metadata
    evidence:
      - http: { url: "http://169.254.169.254/latest/meta-data/", samples: 5 }
  - gate: Docs
    evidence:
      - file: { path: docs/index.md }
`);
  mkdirSync(join(dir, "reports"));
  writeFileSync(join(dir, "reports/junit.xml"), '<testsuite name="x" tests="2"><testcase name="a">');
  writeFileSync(join(dir, "lcov.info"), "SF:src/a.ts\nDA:1,1\nDA:2,0\n");
  const result = await runCliAsync(["update", "--json", "--now", NOW], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const gates = outcomes(result.stdout);
  assert.equal(gates["Unit Tests"]!.outcome, "inconclusive");
  assert.match(gates["Unit Tests"]!.message, /reports\/junit\.xml/);
  assert.equal(gates["Coverage"]!.outcome, "inconclusive");
  assert.match(gates["Coverage"]!.message, /lcov\.info/);
  assert.equal(gates["Load Testing"]!.outcome, "inconclusive");
  assert.match(gates["Load Testing"]!.message, /did not finish within .*500 ms/);
  assert.equal(gates["Health"]!.outcome, "inconclusive");
  assert.match(gates["Health"]!.message, /never answered|refused/);
  assert.equal(gates["Metadata"]!.outcome, "inconclusive");
  assert.match(gates["Metadata"]!.message, /169\.254\.169\.254/);
  assert.equal(gates["Docs"]!.outcome, "fail");
  assert.match(gates["Docs"]!.message, /docs\/index\.md/);
  // What was written matches what was collected.
  const text = readFileSync(join(dir, "RELEASE.md"), "utf8");
  assert.match(text, /\| Load Testing \| ⚪ INCONCLUSIVE \| 2026-11-22 09:00 UTC \|/);
  assert.match(text, /\| Docs \| 🔴 FAIL \|/);
});

test("an unknown evidence kind is a configuration error naming the line and the kinds there are", async () => {
  const dir = project(`gates:
  - gate: Unit Tests
    evidence:
      - jenkins: { job: build }
`);
  const result = await runCliAsync(["score"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /shipready\.yml:5: gates\[0\]\.evidence\[0\]\.jenkins: unknown key "jenkins"\. .*github-actions, github-checks, github-security, github-branch-protection, repo-kit, junit, coverage, command, http, file/,
  );
  assert.ok(!result.stderr.includes("    at "));
});

test("Ctrl+C while a command is collected stops it and what left its session, writes nothing and exits 130", async () => {
  // The escapee starts a session of its own (setsid) and ignores SIGTERM: only SIGKILL to it ends it.
  const dir = project(`gates:
  - gate: Load Testing
    evidence:
      - command: { run: "setsid sh -c 'trap \\"\\" TERM; echo $$ > escaped.txt; exec sleep 60' & echo $$ > pid.txt; sleep 60" }
`);
  const child = startCli(["update", "--now", NOW], { cwd: dir });
  const pidFiles = [join(dir, "pid.txt"), join(dir, "escaped.txt")];
  for (let i = 0; i < 200 && !pidFiles.every((f) => existsSync(f)); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(
    pidFiles.every((f) => existsSync(f)),
    "the command did not start",
  );
  const pids = pidFiles.map((f) => Number(readFileSync(f, "utf8").trim()));
  child.kill("SIGINT");
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(code, 130);
  assert.equal(readFileSync(join(dir, "RELEASE.md"), "utf8"), CHECKLIST);
  // Everything the command started was killed with it (a zombie left for init to reap counts as gone).
  for (const pid of pids) {
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      alive = isProcessRunning(pid);
      if (alive) await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(alive, false, `pid ${pid} outlived the interrupted run`);
  }
});

test("a task item bound to evidence gets its box ticked or cleared, nothing else on the line", async () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "RELEASE.md"),
    "# Release\n\n## Final Sign-Off\n\n- [ ] Docs published (see wiki)\n- [x] Changelog written\n- [x] Manual QA\n",
  );
  writeFileSync(
    join(dir, "shipready.yml"),
    `checklist: RELEASE.md
gates:
  - gate: Docs published (see wiki)
    evidence:
      - command: { run: "true" }
  - gate: Changelog written
    evidence:
      - file: { path: CHANGELOG.md }
`,
  );
  const result = await runCliAsync(["update", "--now", NOW], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(join(dir, "RELEASE.md"), "utf8");
  assert.ok(
    text.endsWith("- [x] Docs published (see wiki)\n- [ ] Changelog written\n- [x] Manual QA\n"),
    text,
  );
});
