import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { seedDashboard } from "../helpers/repo-paths.js";
import { cliPath, runCli, type CliResult } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const GATES = "# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n";

/** A user error: exit 2, one message that says what and how to fix, no stack trace. */
function assertUserError(result: CliResult, what: RegExp): void {
  assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  assert.match(result.stderr, what);
  assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace without --debug");
  assert.equal(result.stdout, "");
}

test("a missing file, a folder, a binary file and a non-UTF-8 file are refused with exit 2", () => {
  const dir = makeTempDir();
  mkdirSync(join(dir, "folder.md"));
  writeFileSync(join(dir, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  writeFileSync(
    join(dir, "latin1.md"),
    Buffer.concat([Buffer.from("# R\n\n- [x] caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
  );
  // Files reads any text; the advice about checklists is added where the checklist is read.
  assertUserError(
    runCli(["score", "nope.md"], { cwd: dir }),
    /nope\.md does not exist\n {2}Fix: Check the path, or run `shipready init` to create a checklist\./,
  );
  assertUserError(
    runCli(["score", "folder.md"], { cwd: dir }),
    /folder\.md is a folder, not a file\n {2}Fix: Name the markdown file inside it\./,
  );
  assertUserError(
    runCli(["score", "binary.md"], { cwd: dir }),
    /binary\.md is a binary file, not text\n {2}Fix: Name the markdown file to read\./,
  );
  assertUserError(
    runCli(["score", "latin1.md"], { cwd: dir }),
    /latin1\.md is not valid UTF-8 \(first bad byte at line 3, column 10\)\n {2}Fix: Re-save the file as UTF-8/,
  );
});

test("--debug adds the stack trace", () => {
  const dir = makeTempDir();
  const result = runCli(["score", "nope.md", "--debug"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^\s+at /m);
});

test("unbalanced and duplicated markers are refused, each with its line, and update writes nothing", () => {
  const dir = makeTempDir();
  const unbalanced = join(dir, "unbalanced.md");
  const text = `# R\n\n<!-- READINESS_SCORE_START -->\nold\n\n${GATES.slice(4)}`;
  writeFileSync(unbalanced, text);
  const result = runCli(["update", unbalanced, "--now", "2026-11-22T09:00:00Z"], { cwd: dir });
  assertUserError(
    result,
    /unbalanced\.md:3: <!-- READINESS_SCORE_START --> at line 3 has no matching <!-- READINESS_SCORE_END -->/,
  );
  assert.equal(readFileSync(unbalanced, "utf8"), text);

  const duplicated = join(dir, "duplicated.md");
  const block = "<!-- CI_SNAPSHOT_START -->\n<!-- CI_SNAPSHOT_END -->\n\n";
  writeFileSync(duplicated, `${GATES}\n${block}${block}`);
  assertUserError(
    runCli(["score", duplicated], { cwd: dir }),
    /duplicated\.md:\d+: the CI_SNAPSHOT markers appear more than once \(lines 9, 10, 12, 13\)/,
  );
});

test("markers shown inside a code fence are text, not markers", () => {
  const dir = makeTempDir();
  const file = join(dir, "fenced.md");
  writeFileSync(file, `${GATES}\n\`\`\`markdown\n<!-- READINESS_SCORE_START -->\n\`\`\`\n`);
  assert.equal(runCli(["score", file], { cwd: dir }).code, 0);
});

test("a checklist with no gates exits 3, saying which shapes are read and how to fix it", () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "empty.md"),
    "# Notes\n\nJust prose. `- [ ] not a gate` in code.\n\n<!-- - [ ] nor in a comment -->\n",
  );
  const result = runCli(["score", "empty.md"], { cwd: dir });
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /empty\.md has no gates: nothing in it has a shape shipready reads as one/);
  assert.match(result.stderr, /- a table with a status column/);
  assert.match(result.stderr, /Fix: If this is the checklist, give its gates one of those shapes/);
  assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace without --debug");
});

test("an unknown status word is a warning naming it and its line, counted as inconclusive", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), `${GATES}| Deploy | DEFERRED |\n`);
  const result = runCli(["score", "c.md", "--json"], { cwd: dir });
  assert.equal(result.code, 0);
  const json = JSON.parse(result.stdout);
  assert.deepEqual(
    json.warnings.map((w: { line: number }) => w.line),
    [8],
  );
  assert.match(json.warnings[0].message, /"deferred", which shipready does not know/);
  assert.equal(json.categories[0].gates[1].outcome, "inconclusive");
  assert.equal(json.coverage, 50);
  assert.equal(json.score, 50);
});

test("an invalid shipready.yml reports every problem at once with file:line, and nothing runs", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), GATES);
  writeFileSync(
    join(dir, "shipready.yml"),
    "threshold: 190\ncategories:\n  - { name: Core, heading: Core, weight: heavy }\nwaiver: []\n",
  );
  const result = runCli(["update", "c.md"], { cwd: dir });
  assertUserError(result, /shipready\.yml has 3 problems/);
  assert.match(result.stderr, /shipready\.yml:1: threshold/);
  assert.match(result.stderr, /shipready\.yml:3: categories\[0\]\.weight/);
  assert.match(result.stderr, /shipready\.yml:4: .*waiver.*waivers/);
  assert.equal(readFileSync(join(dir, "c.md"), "utf8"), GATES);
});

test("bad flags are usage errors with exit 2", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), GATES);
  assertUserError(
    runCli(["score", "c.md", "--threshold", "abc"], { cwd: dir }),
    /--threshold "abc" is not valid/,
  );
  assertUserError(
    runCli(["update", "c.md", "--now", "yesterday"], { cwd: dir }),
    /--now "yesterday" is not an ISO 8601 time/,
  );
  assertUserError(
    runCli(["update", "c.md"], { cwd: dir, env: { SOURCE_DATE_EPOCH: "soon" } }),
    /SOURCE_DATE_EPOCH "soon"/,
  );
  assert.equal(runCli(["score", "--frobnicate"], { cwd: dir }).code, 2);
  assert.equal(runCli(["frobnicate"], { cwd: dir }).code, 2);
});

test("with no checklist named, the one in the folder is used; none or several is a clear error", () => {
  const dir = makeTempDir();
  assertUserError(runCli(["score"], { cwd: dir }), /no checklist named and none found/);
  copyFileSync(seedDashboard, join(dir, "v0.7.0-release-checklist.md"));
  assert.equal(JSON.parse(runCli(["score", "--json"], { cwd: dir }).stdout).score, 77.9);
  writeFileSync(join(dir, "other-checklist.md"), GATES);
  assertUserError(runCli(["score"], { cwd: dir }), /several checklists/);
});

test("a configured checklist, weights, required gates and waivers change the verdict as configured", () => {
  const dir = makeTempDir();
  copyFileSync(seedDashboard, join(dir, "v0.7.0-release-checklist.md"));
  writeFileSync(
    join(dir, "shipready.yml"),
    [
      "checklist: v0.7.0-release-checklist.md",
      "threshold: 75",
      "categories:",
      '  - { name: Core Gates, heading: "Core Readiness Gates", weight: 50, required: true }',
      '  - { name: Optional Gates, heading: "Optional / Post-Release Gates", weight: 20 }',
      '  - { name: Deployment Automation, heading: "Deployment & Release Automation", weight: 20 }',
      '  - { name: Final Sign-Off, heading: "Final Sign-Off", weight: 10 }',
      "waivers:",
      '  - { gate: Security Audit, reason: "external audit signed", approver: "@ciso", expires: 2099-12-31 }',
      '  - { gate: Load Testing, reason: "covered by the soak run", approver: "@qa-lead", expires: 2020-01-01 }',
      "",
    ].join("\n"),
  );
  const result = runCli(["check", "--json"], { cwd: dir });
  const json = JSON.parse(result.stdout);
  assert.equal(result.code, 0, result.stdout);
  assert.equal(json.ready, true);
  assert.deepEqual(json.blockers, []);
  const audit = json.categories[0].gates.find((g: { name: string }) => g.name === "Security Audit");
  assert.equal(audit.outcome, "waived");
  assert.equal(audit.waiver.approver, "@ciso");
  assert.equal(json.score, 84.2);
  const expired = json.warnings.find((w: { message: string }) => /expired on 2020-01-01/.test(w.message));
  assert.equal(expired.file, "shipready.yml");
  assert.equal(expired.line, 10);
});

test("a checklist beyond the size, line or gate limits is refused with its size and the setting to raise", () => {
  const dir = makeTempDir();
  const rows = Array.from(
    { length: 30_000 },
    (_, i) => `| Gate ${i} with a longer name to fill the line | PASS |`,
  );
  const big = `# R\n\n## Core\n\n| Gate | Status |\n|---|---|\n${rows.join("\n")}\n`;
  writeFileSync(join(dir, "c.md"), big);
  writeFileSync(join(dir, "shipready.yml"), "limits: { checklistMegabytes: 1 }\n");
  assertUserError(
    runCli(["update", "c.md"], { cwd: dir }),
    /c\.md is 1\.\d MB, beyond the limit of 1 MB for a checklist; nothing was read or written\n {2}Fix: .*raise limits\.checklistMegabytes/,
  );
  assert.equal(readFileSync(join(dir, "c.md"), "utf8"), big);

  writeFileSync(join(dir, "shipready.yml"), "limits: { lines: 100 }\n");
  assertUserError(
    runCli(["score", "c.md"], { cwd: dir }),
    /c\.md is 30007 lines, beyond the limit of 100 lines/,
  );

  writeFileSync(join(dir, "shipready.yml"), "limits: { gates: 10 }\n");
  assertUserError(
    runCli(["score", "c.md"], { cwd: dir }),
    /c\.md has 30000 gates, beyond the limit of 10; nothing was written\n {2}Fix: .*raise limits\.gates/,
  );
});

test("a read-only checklist is not replaced unless --force, which keeps its mode, owner and group", () => {
  const dir = makeTempDir();
  const file = join(dir, "c.md");
  writeFileSync(file, GATES);
  chmodSync(file, 0o444);
  if (process.getuid?.() === 0) chownSync(file, 4321, 4321);
  const refused = runCli(["update", "c.md"], { cwd: dir });
  assertUserError(
    refused,
    /c\.md is read-only, so it was not rewritten; nothing was written\n {2}Fix: .*--force/,
  );
  assert.equal(readFileSync(file, "utf8"), GATES);

  const forced = runCli(["update", "c.md", "--force"], { cwd: dir });
  assert.equal(forced.code, 0, forced.stderr);
  assert.notEqual(readFileSync(file, "utf8"), GATES);
  const after = statSync(file);
  assert.equal(after.mode & 0o777, 0o444);
  if (process.getuid?.() === 0) assert.deepEqual([after.uid, after.gid], [4321, 4321]);
});

test("a folder that cannot be written is said to be so, not to be locked by another run", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), GATES);
  chmodSync(dir, 0o555);
  // root writes anywhere: the run is made as another user to meet the permission a user meets.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const result = spawnSync(process.execPath, [cliPath, "update", "c.md"], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: "1" },
    encoding: "utf8",
    ...asUser,
  });
  chmodSync(dir, 0o755);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /is not writable \(EACCES\), so nothing can be written there/);
  assert.doesNotMatch(result.stderr, /locked by another/);
});
