/**
 * Fixture repositories for each way the changelog used to differ from release-please's (issue 15),
 * with the exact text release-please writes for the same commits.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { git } from "../helpers/git-repo.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const REPO = "https://github.com/octo-org/octo-app";

let n = 0;
/** Commits `message` (a file change each) at `date` (author and committer). */
function commit(dir: string, message: string, date: string): string {
  n++;
  writeFileSync(join(dir, `f${n}.txt`), String(n));
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--cleanup=verbatim", "-m", message, "--date", date);
  return git(dir, "rev-parse", "HEAD");
}

function repo(): string {
  const dir = makeTempDir();
  git(dir, "init", "-q", "-b", "main");
  git(dir, "remote", "add", "origin", "https://github.com/octo-org/octo-app.git");
  commit(dir, "chore: start", "2026-01-01T10:00:00Z");
  git(dir, "tag", "v1.0.0");
  return dir;
}

const link = (sha: string) => `([${sha.slice(0, 7)}](${REPO}/commit/${sha}))`;
const issue = (id: number) => `[#${id}](${REPO}/issues/${id})`;

test("a release's section as release-please writes it: squash links, refs, order, hidden breaking types, dates", () => {
  const dir = repo();
  const zebra = commit(dir, "feat: zebra mode (#2862)", "2026-02-01T10:00:00Z");
  const api = commit(dir, "feat(api): add export (#2863)\n\nFixes #17\n", "2026-02-02T10:00:00Z");
  const alpha = commit(dir, "feat:  alpha with two spaces, see #99", "2026-02-03T10:00:00Z");
  const refactor = commit(
    dir,
    "refactor!: rename the config keys (#2870)\n\nBREAKING CHANGE: keys are camelCase now (#2870)\n",
    "2026-02-04T10:00:00Z",
  );
  const build = commit(dir, "build(deps)!: require node 22", "2026-02-05T10:00:00Z");
  const many = commit(
    dir,
    "fix(parser): read CRLF (#2880)\n\nfix(cli): exit 2 on bad flags\n\nchore: tidy\n",
    "2026-02-06T10:00:00Z",
  );
  const nested = commit(
    dir,
    "chore: update googleapis (#2890)\n\nBEGIN_NESTED_COMMIT\nfeat(storage): add buckets\nEND_NESTED_COMMIT\nBEGIN_NESTED_COMMIT\nfix(storage): retry uploads\nEND_NESTED_COMMIT\n",
    "2026-02-07T10:00:00Z",
  );
  const deps = commit(
    dir,
    "chore(deps): update dependencies\n\nfeat(deps): update dependency yargs to v18\n",
    "2026-02-08T10:00:00Z",
  );
  commit(dir, "Update README", "2026-02-09T10:00:00Z");
  git(dir, "tag", "v2.0.0");
  commit(dir, "fix: after the release", "2026-03-01T10:00:00Z");

  const result = runCli(["changelog", "--from", "v1.0.0", "--to", "v2.0.0"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    [
      // The release's own day, from its commit, not today's.
      `## [2.0.0](${REPO}/compare/v1.0.0...v2.0.0) (2026-02-09)`,
      "",
      "",
      "### ⚠ BREAKING CHANGES",
      "",
      "* **deps:** require node 22",
      `* keys are camelCase now ([#2870](${REPO}/issues/2870))`,
      "",
      "### Features",
      "",
      `* alpha with two spaces, see ${issue(99)} ${link(alpha)}`,
      `* **api:** add export (${issue(2863)}) ${link(api)}, refs ${issue(17)}`,
      `* **deps:** update dependency yargs to v18 ${link(deps)}`,
      `* **storage:** add buckets ${link(nested)}`,
      `* zebra mode (${issue(2862)}) ${link(zebra)}`,
      "",
      "",
      "### Bug Fixes",
      "",
      `* **cli:** exit 2 on bad flags ${link(many)}`,
      `* **parser:** read CRLF (${issue(2880)}) ${link(many)}`,
      `* **storage:** retry uploads ${link(nested)}`,
      "",
      "",
      "### Code Refactoring",
      "",
      `* rename the config keys (${issue(2870)}) ${link(refactor)}`,
      "",
      "",
      "### Build System",
      "",
      `* **deps:** require node 22 ${link(build)}`,
      "",
    ].join("\n"),
  );
  // `feat:  two spaces` is a feature, and breaking changes of hidden types still break.
  const version = runCli(["version", "--from", "v1.0.0", "--to", "v2.0.0"], { cwd: dir });
  assert.equal(version.stdout, "2.0.0\n");
});

test("conventional-changelog's layout when the config asks for it", () => {
  const dir = repo();
  writeFileSync(join(dir, "shipready.yml"), "release:\n  changelog:\n    format: conventional-changelog\n");
  const feat = commit(dir, "feat: add x\n\nCloses #5\n", "2026-02-01T10:00:00Z");
  const fix = commit(dir, "fix: y", "2026-02-02T10:00:00Z");
  git(dir, "tag", "v1.1.0");
  const result = runCli(["changelog", "--from", "v1.0.0", "--to", "v1.1.0"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    [
      `## [1.1.0](${REPO}/compare/v1.0.0...v1.1.0) (2026-02-02)`,
      "",
      "### Features",
      "",
      `* add x ${link(feat)}, closes ${issue(5)}`,
      "",
      "### Bug Fixes",
      "",
      `* y ${link(fix)}`,
      "",
    ].join("\n"),
  );
});

test("changelog --regenerate writes one section per release tag, newest first; --dry-run prints it", () => {
  const dir = repo();
  const a = commit(dir, "feat: first feature", "2026-02-01T10:00:00Z");
  git(dir, "tag", "v1.1.0");
  const b = commit(dir, "fix: a fix\n\nFixes #3\n", "2026-03-01T10:00:00Z");
  commit(dir, "chore(main): release 1.1.1", "2026-03-02T10:00:00Z");
  git(dir, "tag", "v1.1.1");
  commit(dir, "fix: not released yet", "2026-04-01T10:00:00Z");
  const expected = [
    "# Changelog",
    "",
    `## [1.1.1](${REPO}/compare/v1.1.0...v1.1.1) (2026-03-02)`,
    "",
    "",
    "### Bug Fixes",
    "",
    `* a fix ${link(b)}, refs ${issue(3)}`,
    "",
    `## [1.1.0](${REPO}/compare/v1.0.0...v1.1.0) (2026-02-01)`,
    "",
    "",
    "### Features",
    "",
    `* first feature ${link(a)}`,
    "",
    "## 1.0.0 (2026-01-01)",
    "",
  ].join("\n");
  const dry = runCli(["changelog", "--regenerate", "--dry-run"], { cwd: dir });
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(dry.stdout, expected);
  assert.match(dry.stderr, /3 release sections \(dry run: nothing written\)/);
  assert.throws(() => readFileSync(join(dir, "CHANGELOG.md")));

  const written = runCli(["changelog", "--regenerate"], { cwd: dir });
  assert.equal(written.code, 0, written.stderr);
  assert.equal(readFileSync(join(dir, "CHANGELOG.md"), "utf8"), expected);

  const misuse = runCli(["changelog", "--regenerate", "--from", "v1.0.0"], { cwd: dir });
  assert.equal(misuse.code, 2);
  assert.match(misuse.stderr, /--regenerate writes every release's section/);
});
