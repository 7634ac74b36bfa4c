import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { XMLValidator } from "fast-xml-parser";
import { runCli, type CliResult } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";
import { writeTestFile } from "../helpers/write-test-file.js";

const NOW = "2026-11-22T09:00:00Z";

function checklist(docs: "PASS" | "PENDING"): string {
  return `# Release\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n| Tests | PASS |\n| Docs | ${docs} |\n| Audit | PASS |\n`;
}

function project(config = ""): string {
  const dir = makeTempDir();
  writeTestFile(dir, "RELEASE_CHECKLIST.md", checklist("PENDING"));
  writeTestFile(dir, "shipready.yml", config);
  return dir;
}

function assertWellFormed(svg: string): void {
  assert.equal(XMLValidator.validate(svg), true, svg);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
}

function assertUserError(result: CliResult, what: RegExp): void {
  assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  assert.match(result.stderr, what);
  assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace without --debug");
}

test("badge writes the SVG to .shipready/badge.svg and says how to embed it; a second run changes nothing", () => {
  const dir = project();
  const first = runCli(["badge"], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(
    first.stdout,
    "Wrote .shipready/badge.svg (75%, In Progress).\nShow it in the README with:\n  ![Release readiness](.shipready/badge.svg)\n",
  );
  const file = join(dir, ".shipready", "badge.svg");
  const svg = readFileSync(file, "utf8");
  assertWellFormed(svg);
  assert.match(svg, /<title>readiness: 75%, In Progress<\/title>/);
  assert.match(svg, /fill="#fe7d37"/);
  const written = statSync(file).mtimeMs;

  const second = runCli(["badge"], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /^\.shipready\/badge\.svg is up to date \(75%, In Progress\)\./);
  assert.equal(readFileSync(file, "utf8"), svg);
  assert.equal(statSync(file).mtimeMs, written, "unchanged bytes are not rewritten");
});

test("badge --out - prints the SVG and writes nothing; --out and --label choose the file and the text", () => {
  const dir = project("badge:\n  label: release\n");
  const printed = runCli(["badge", "RELEASE_CHECKLIST.md", "--out", "-", "--no-evidence"], { cwd: dir });
  assert.equal(printed.code, 0, printed.stderr);
  assertWellFormed(printed.stdout);
  assert.match(printed.stdout, /aria-label="release: 75%, In Progress"/);
  assert.equal(existsSync(join(dir, ".shipready")), false);

  const named = runCli(["badge", "--out", "docs/ready.svg", "--label", "ship <it> & go", "--json"], {
    cwd: dir,
  });
  assert.equal(named.code, 0, named.stderr);
  assert.deepEqual(JSON.parse(named.stdout), {
    file: "docs/ready.svg",
    written: true,
    changed: true,
    markdown: "![Release readiness](docs/ready.svg)",
    score: 75,
    band: "In Progress",
    ready: false,
  });
  const svg = readFileSync(join(dir, "docs", "ready.svg"), "utf8");
  assertWellFormed(svg);
  assert.match(svg, /<title>ship &lt;it&gt; &amp; go: 75%, In Progress<\/title>/);
});

test("a band's configured colour is drawn, and badge.file is relative to shipready.yml", () => {
  const dir = makeTempDir();
  writeTestFile(dir, "docs/RELEASE_CHECKLIST.md", checklist("PENDING"));
  writeTestFile(
    dir,
    "shipready.yml",
    'checklist: docs/RELEASE_CHECKLIST.md\nbands:\n  - { name: Fine, min: 50, color: "#123abc" }\n  - { name: Poor, min: 0 }\nbadge:\n  file: out/badge.svg\n',
  );
  writeTestFile(dir, "docs/.keep", "");
  const result = runCli(["badge"], { cwd: join(dir, "docs") });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^Wrote \.\.\/out\/badge\.svg \(75%, Fine\)\./);
  assert.match(readFileSync(join(dir, "out", "badge.svg"), "utf8"), /fill="#123abc"/);
});

test("update with badge.update keeps the badge current, byte for byte, and not on --dry-run", () => {
  const dir = project("badge:\n  update: true\n");
  const file = join(dir, ".shipready", "badge.svg");
  const update = (...extra: string[]) =>
    runCli(["update", "--now", NOW, "--no-history", ...extra], { cwd: dir });

  const dry = update("--dry-run");
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /\(dry run: \.shipready\/badge\.svg would change\)/);
  assert.equal(existsSync(file), false);

  const first = update("--json");
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(JSON.parse(first.stdout).badge, {
    file: ".shipready/badge.svg",
    written: true,
    changed: true,
  });
  const svg = readFileSync(file, "utf8");
  assertWellFormed(svg);
  assert.match(svg, /75%/);
  const standalone = runCli(["badge", "--out", "-"], { cwd: dir });
  assert.equal(standalone.stdout, svg, "badge and update draw the same badge");

  const checklistBefore = readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8");
  const second = update();
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\.shipready\/badge\.svg is up to date\./);
  assert.equal(readFileSync(file, "utf8"), svg);
  assert.equal(readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8"), checklistBefore);

  const text = readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8").replace(
    "| Docs | PENDING |",
    "| Docs | PASS |",
  );
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), text);
  const third = update();
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stdout, /Updated \.shipready\/badge\.svg\./);
  const now = readFileSync(file, "utf8");
  assert.match(now, /<title>readiness: 100%, Release Ready<\/title>/);
  assert.match(now, /fill="#4c1"/);
});

test("update without badge.update leaves the badge alone and says nothing of it", () => {
  const dir = project();
  const result = runCli(["update", "--now", NOW, "--no-history", "--json"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.equal("badge" in JSON.parse(result.stdout), false);
  assert.equal(existsSync(join(dir, ".shipready", "badge.svg")), false);
});

test("bad input: an --out under a file, a bad band colour, an empty --label, --json with --out -", () => {
  const dir = project();
  writeTestFile(dir, "blocker", "a file, not a folder\n");
  assertUserError(
    runCli(["badge", "--out", "blocker/badge.svg"], { cwd: dir }),
    /cannot write .*blocker\/badge\.svg: a folder on its path is a file\n {2}Fix: Choose a path whose folders are folders/,
  );
  assertUserError(runCli(["badge", "--label", " "], { cwd: dir }), /--label is empty/);
  assertUserError(
    runCli(["badge", "--out", "-", "--json"], { cwd: dir }),
    /--json and --out - both print to stdout/,
  );

  const colored = project(
    "bands:\n  - { name: Good, min: 50 }\n  - name: Bad\n    min: 0\n    color: purpleish\n",
  );
  assertUserError(
    runCli(["badge"], { cwd: colored }),
    /shipready\.yml:5: bands\[1\]\.color: expected a colour name \(brightgreen, .*\) or a hex colour, got "purpleish"\./,
  );
  assert.equal(existsSync(join(colored, ".shipready")), false);

  // The checklist is written before the badge: the message says so, rather than seem to have failed whole.
  const blocked = project("badge:\n  update: true\n  file: blocker/badge.svg\n");
  writeTestFile(blocked, "blocker", "a file\n");
  const result = runCli(["update", "--now", NOW, "--no-history"], { cwd: blocked });
  assertUserError(
    result,
    /RELEASE_CHECKLIST\.md was updated, but the badge \(badge\.file in shipready\.yml\) was not: cannot write .*: a folder on its path is a file/,
  );
  assert.match(readFileSync(join(blocked, "RELEASE_CHECKLIST.md"), "utf8"), /READINESS_SCORE_START/);
});
