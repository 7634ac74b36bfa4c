import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const KIT = [
  ".github/ISSUE_TEMPLATE/bug_report.yml",
  ".github/ISSUE_TEMPLATE/feature_request.yml",
  ".github/pull_request_template.md",
  ".github/CODEOWNERS",
  ".github/labeler.yml",
  ".github/workflows/labeler.yml",
  ".github/workflows/stale.yml",
  ".github/dependabot.yml",
  ".github/workflows/dependabot-auto-merge.yml",
];

/** Commits `files` in `dir` as the given author. */
function commitAs(dir: string, author: { name: string; email: string }, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  execFileSync("git", ["add", "-A"], { cwd: dir, env });
  execFileSync("git", ["commit", "-q", "-m", "feat: work"], { cwd: dir, env });
}

const ALICE = { name: "Alice Liddell", email: "101+alice@users.noreply.github.com" };
const BOB = { name: "Bob Example", email: "bob@example.com" };

test("init --kit writes the kit, with CODEOWNERS suggested from the real history", () => {
  const dir = makeTempDir();
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  commitAs(dir, ALICE, { "package.json": "{}\n", "src/a.ts": "a\n" });
  commitAs(dir, BOB, { "src/b.ts": "b\n", "docs/guide.md": "# Guide\n" });
  commitAs(dir, BOB, { "src/c.ts": "c\n" });
  commitAs(dir, ALICE, { Dockerfile: "FROM scratch\n" });

  const result = runCli(["init", "--kit"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^Created \.github\/ISSUE_TEMPLATE\/bug_report\.yml, .* and \.github\/workflows\/dependabot-auto-merge\.yml\.\n/,
  );
  assert.match(result.stdout, /fill in the GitHub handles of 1 author named in its comments/);
  assert.match(result.stdout, /auto-merge waits for the checks the branch requires/);
  for (const path of KIT) assert.ok(existsSync(join(dir, path)), path);

  const codeowners = readFileSync(join(dir, ".github/CODEOWNERS"), "utf8");
  assert.match(codeowners, /from the last 4 commits/);
  assert.match(
    codeowners,
    /\n# \*: fill in the handle of Bob Example <bob@example\.com> \(2 commits\)\n\* @alice\n/,
  );
  assert.match(
    codeowners,
    /\n# \/docs\/: fill in the handle of Bob Example <bob@example\.com> \(1 commits\)\n# \/docs\/ @handle\n/,
  );
  assert.match(codeowners, /\n\/src\/ @alice\n/);
  const dependabot = readFileSync(join(dir, ".github/dependabot.yml"), "utf8");
  assert.deepEqual(
    [...dependabot.matchAll(/package-ecosystem: (\S+)/g)].map((m) => m[1]),
    ["github-actions", "npm", "docker"],
  );
  assert.match(readFileSync(join(dir, ".github/labeler.yml"), "utf8"), /"area: src":/);
  assert.match(
    readFileSync(join(dir, ".github/pull_request_template.md"), "utf8"),
    /- \[ \] Release readiness holds/,
  );
});

test("init --kit keeps what exists, wherever GitHub reads it from, and says so; a second run writes nothing", () => {
  const dir = makeTempDir();
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "docs/CODEOWNERS"), "* @team-lead\n");
  mkdirSync(join(dir, ".github"));
  writeFileSync(join(dir, ".github/labeler.yml"), "mine: []\n");
  // No git repository at all: the CODEOWNERS suggestion would be empty, and it is not needed here.
  const first = runCli(["init", "--kit"], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /\nKept docs\/CODEOWNERS \(in place of \.github\/CODEOWNERS\)\.\n/);
  assert.match(first.stdout, /\nKept \.github\/labeler\.yml, which already existed\.\n/);
  assert.equal(readFileSync(join(dir, "docs/CODEOWNERS"), "utf8"), "* @team-lead\n");
  assert.equal(readFileSync(join(dir, ".github/labeler.yml"), "utf8"), "mine: []\n");
  assert.ok(!existsSync(join(dir, ".github/CODEOWNERS")));

  const form = readFileSync(join(dir, KIT[0]!), "utf8");
  writeFileSync(join(dir, KIT[0]!), `${form}# edited\n`);
  const second = runCli(["init", "--kit", "--force"], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /--kit never overwrites, even with --force/);
  assert.match(second.stdout, /Nothing to write: the repository has every file of the kit\./);
  assert.equal(readFileSync(join(dir, KIT[0]!), "utf8"), `${form}# edited\n`);
});

test("init --kit with --github is a usage error that writes nothing", () => {
  const dir = makeTempDir();
  const result = runCli(["init", "--kit", "--github"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--github and --kit write different files/);
  assert.ok(!existsSync(join(dir, ".github")));
});

test("repo-kit evidence over the kit init --kit wrote passes in a real update", () => {
  const dir = makeTempDir();
  assert.equal(runCli(["init", "--kit"], { cwd: dir }).code, 0);
  writeFileSync(
    join(dir, "shipready.yml"),
    "checklist: RELEASE.md\ngates:\n  - gate: Repository kit\n    evidence:\n      - repo-kit: {}\n",
  );
  writeFileSync(
    join(dir, "RELEASE.md"),
    "# Release\n\n## Core Gates\n\n| Gate | Status |\n| --- | --- |\n| Repository kit | PENDING |\n",
  );
  const result = runCli(["update"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(readFileSync(join(dir, "RELEASE.md"), "utf8"), /\| Repository kit \| 🟢 PASS \|/);
});
