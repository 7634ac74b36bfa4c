import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { git } from "../helpers/git-repo.js";
import { makeHistory } from "../helpers/make-history.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-11-22T09:00:00Z";

/** Commits `message` (a file change each), dated a minute after the previous one. */
function commit(dir: string, message: string, n: number): string {
  writeFileSync(join(dir, `f${n}.txt`), String(n));
  git(dir, "add", "-A");
  const date = `2026-01-01T00:${String(n).padStart(2, "0")}:00Z`;
  git(dir, "-c", `user.name=Dev ${n}`, "commit", "-q", "--cleanup=verbatim", "-m", message, "--date", date);
  return git(dir, "rev-parse", "HEAD");
}

/** A repository released as v1.3.2, then a feature, a fix, a breaking change, a merge, a revert, prose. */
function project(): { dir: string; shas: Record<string, string> } {
  const dir = makeTempDir();
  git(dir, "init", "-q", "-b", "main");
  git(dir, "remote", "add", "origin", "git@github.com:octo-org/octo-app.git");
  commit(dir, "feat: first feature", 1);
  git(dir, "tag", "v1.2");
  commit(dir, "chore(release): 1.3.2", 2);
  git(dir, "tag", "v1.3.2");
  const shas: Record<string, string> = {};
  shas.feat = commit(dir, "feat(api): bulk export (#12)\n\nAdds /export.\n\nCloses #40\n", 3);
  shas.fix = commit(dir, "fix: do not crash on an empty <table>\n", 4);
  shas.docs = commit(dir, "docs: explain waivers\n", 5);
  shas.prose = commit(dir, "Update README\n", 6);
  git(dir, "checkout", "-q", "-b", "topic");
  shas.topic = commit(dir, "perf(parser): one pass over the rows\n", 7);
  git(dir, "checkout", "-q", "main");
  git(dir, "merge", "-q", "--no-ff", "-m", "Merge pull request #41 from octo-org/topic", "topic");
  shas.breaking = commit(
    dir,
    "feat(cli)!: drop --legacy\n\nBREAKING CHANGE: --legacy is gone; use --check instead.\n",
    8,
  );
  git(dir, "revert", "--no-edit", shas.docs);
  shas.revert = git(dir, "rev-parse", "HEAD");
  return { dir, shas };
}

test("changelog renders the range since the last tag like release-please, with links from the remote", () => {
  const { dir, shas } = project();
  const result = runCli(["changelog", "--now", NOW], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const link = (sha: string) => `([${sha.slice(0, 7)}](https://github.com/octo-org/octo-app/commit/${sha}))`;
  assert.equal(
    result.stdout,
    [
      "## [2.0.0](https://github.com/octo-org/octo-app/compare/v1.3.2...v2.0.0) (2026-11-22)",
      "",
      "",
      "### ⚠ BREAKING CHANGES",
      "",
      "* **cli:** --legacy is gone; use --check instead.",
      "",
      "### Features",
      "",
      `* **api:** bulk export ([#12](https://github.com/octo-org/octo-app/issues/12)) ${link(shas.feat!)}, refs [#40](https://github.com/octo-org/octo-app/issues/40)`,
      `* **cli:** drop --legacy ${link(shas.breaking!)}`,
      "",
      "",
      "### Bug Fixes",
      "",
      `* do not crash on an empty &lt;table&gt; ${link(shas.fix!)}`,
      "",
      "",
      "### Performance Improvements",
      "",
      `* **parser:** one pass over the rows ${link(shas.topic!)}`,
      "",
    ].join("\n"),
  );
  assert.match(
    result.stderr,
    /8 commits since v1\.3\.2 \(5 conventional, 2 not, 1 merge commit left out, 1 breaking\): a major release: 1\.3\.2 -> 2\.0\.0/,
  );
  assert.match(result.stderr, /v1\.2 fit the tag pattern v\{version\} but are not semantic versions/);
});

test("version prints the next version; --pre makes a pre-release; --json carries the plan", () => {
  const { dir } = project();
  assert.equal(runCli(["version"], { cwd: dir }).stdout, "2.0.0\n");
  assert.equal(runCli(["version", "--pre", "rc"], { cwd: dir }).stdout, "2.0.0-rc.0\n");
  const json = JSON.parse(runCli(["version", "--json", "--now", NOW], { cwd: dir }).stdout) as {
    range: { from: string; fromVersion: string };
    next: { bump: string; version: string; tag: string };
    counts: { commits: number; types: Record<string, number> };
  };
  assert.deepEqual(json.range, { from: "v1.3.2", to: "HEAD", fromVersion: "1.3.2" });
  assert.deepEqual(json.next, { bump: "major", version: "2.0.0", tag: "v2.0.0" });
  // git's own `Revert "..."` is not conventional to release-please: neither listed nor counted as a type.
  assert.deepEqual(json.counts.types, { feat: 2, fix: 1, docs: 1, perf: 1 });
  // A range from a release tag has a next version; the whole history of a released project has none.
  assert.equal(runCli(["version", "--from", "v1.3.2"], { cwd: dir }).stdout, "2.0.0\n");
  const all = runCli(["version", "--all"], { cwd: dir });
  assert.equal(all.stdout, "");
  assert.match(all.stderr, /10 commits in the whole history .*a major bump, but no next version/);
});

test("a repository without release tags gets its first release, 1.0.0, from the root commit", () => {
  const dir = makeTempDir();
  git(dir, "init", "-q", "-b", "main");
  commit(dir, "fix: one\n", 1);
  commit(dir, "Initial import\n", 2);
  const result = runCli(["version"], { cwd: dir });
  assert.equal(result.stdout, "1.0.0\n");
  assert.match(result.stderr, /2 commits in the whole history .*first release -> 1\.0\.0/);
});

test("on a generated history the next version and the counts match the generator's ground truth", async () => {
  const { repo, manifest } = await makeHistory({ commits: 3000, seed: 11 });
  const result = runCli(["version", "--json"], { cwd: repo });
  assert.equal(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout) as {
    range: { from: string };
    next: { version: string; bump: string };
    counts: { commits: number };
  };
  assert.equal(json.range.from, manifest.tail.fromTag);
  assert.equal(json.counts.commits, manifest.tail.commits);
  assert.equal(json.next.bump, manifest.tail.expectedBump);
  assert.equal(json.next.version, manifest.tail.expectedNextVersion);
});

test("outside a repository, and in a shallow clone, the message says what to do", () => {
  const plain = makeTempDir();
  const outside = runCli(["changelog"], { cwd: plain });
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /is not inside a git repository/);
  const { dir } = project();
  const shallow = join(makeTempDir(), "shallow");
  git(dir, "clone", "-q", "--depth", "2", `file://${dir}`, shallow);
  const result = runCli(["changelog"], { cwd: shallow });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /shallow/);
  assert.match(result.stderr, /fetch-depth: 0/);
  assert.ok(!result.stderr.includes("    at "));
});

test("lint-commits names each offending commit and what to change, and exits 1", () => {
  const { dir } = project();
  const result = runCli(["lint-commits"], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stdout,
    /✖ [0-9a-f]{7} "Update README"\n {4}the header "Update README" has no "type: " in front/,
  );
  assert.match(
    result.stdout,
    /1 of 6 messages do not follow the Conventional Commits convention in v1\.3\.2\.\.HEAD \(2 merge or revert commits written by git not checked\)\.\n$/,
  );
  const clean = runCli(["lint-commits", "--from", "HEAD~1"], { cwd: dir });
  assert.equal(clean.code, 0, clean.stdout);
});

test("lint-commits --message checks a pull request title, inside a repository or not", () => {
  const dir = makeTempDir();
  const bad = runCli(["lint-commits", "--message", "Feat: add export"], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /✖ "Feat: add export"\n {4}the type "Feat" must be lower case: "feat"\n/);
  const good = runCli(["lint-commits", "--message", "feat(api): add export", "--json"], { cwd: dir });
  assert.equal(good.code, 0);
  assert.deepEqual(JSON.parse(good.stdout), { range: null, checked: 1, skipped: 0, offending: [] });
});
