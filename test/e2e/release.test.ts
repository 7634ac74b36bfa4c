import assert from "node:assert/strict";
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { CLI_COMMITTER, git } from "../helpers/git-repo.js";
import { runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-12-01T09:00:00Z";
const REPO = { owner: "octo-org", repo: "octo-app" };
// A planted secret: it must appear in no output, no file and no release.
const CANARY = "ghp_CANARYreleaseCANARY0123456789abcd";

const READY = `# Release

## Core Gates

| Gate | Status |
|------|--------|
| Build | 🟢 PASS |
| Security Audit | 🟢 PASS |
`;

const CONFIG = `checklist: RELEASE_CHECKLIST.md
categories:
  - { name: Core Gates, weight: 100, required: true }
github: { repo: octo-org/octo-app }
release:
  versionFiles:
    - package.json
    - VERSION
    - { path: config.py, pattern: 'app_version = "([^"]+)"' }
`;

interface Project {
  dir: string;
  remote: string;
}

/** A clone with a bare remote: a released v1.2.0, then a feature and a fix, all pushed. */
function makeProject(options: { checklist?: string; config?: string } = {}): Project {
  const root = makeTempDir();
  const remote = join(root, "remote.git");
  const dir = join(root, "work");
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  git(root, "init", "-q", "-b", "main", dir);
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), options.checklist ?? READY);
  writeFileSync(join(dir, "shipready.yml"), options.config ?? CONFIG);
  writeFileSync(join(dir, "package.json"), `{\n  "name": "octo-app",\n  "version": "1.2.0"\n}\n`);
  writeFileSync(join(dir, "VERSION"), "1.2.0\n");
  writeFileSync(join(dir, "config.py"), `app_name = "octo"\napp_version = "1.2.0"\n`);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "chore: first commit");
  git(dir, "tag", "-a", "v1.2.0", "-m", "Release 1.2.0");
  writeFileSync(join(dir, "export.txt"), "csv\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "feat(api): bulk export (#12)");
  writeFileSync(join(dir, "login.txt"), "fixed\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "fix: keep the session after login\n\nCloses #14");
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main", "v1.2.0");
  return { dir, remote };
}

async function startGitHub(): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ token: CANARY });
  github.addRepo(REPO);
  after(() => github.close());
  return github;
}

function release(
  dir: string,
  github: FakeGitHub | null,
  extra: string[] = [],
  env: Record<string, string> = {},
) {
  return runCliAsync(["release", "--now", NOW, ...(github ? ["--api-url", github.url] : []), ...extra], {
    cwd: dir,
    env: { ...CLI_COMMITTER, GITHUB_TOKEN: CANARY, ...env },
  });
}

function assertNoCanary(result: CliResult, dir: string): void {
  assert.ok(!result.stdout.includes(CANARY), "the token leaked to stdout");
  assert.ok(!result.stderr.includes(CANARY), "the token leaked to stderr");
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const path = join(dir, name);
    if (statSync(path).isFile())
      assert.ok(!readFileSync(path).includes(CANARY), `the token leaked into ${name}`);
  }
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const posts = (github: FakeGitHub) => github.requests.filter((r) => r.method !== "GET");

test("release bumps every version file, prepends the changelog, commits, tags, pushes and creates the GitHub Release", async () => {
  const { dir, remote } = makeProject();
  const github = await startGitHub();
  const before = git(dir, "rev-parse", "HEAD");

  const result = await release(dir, github);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Release 1\.3\.0 \(v1\.2\.0 -> v1\.3\.0\)/);
  for (const name of ["readiness", "version-files", "changelog", "commit", "tag", "push", "github-release"]) {
    assert.match(result.stdout, new RegExp(`\\[done\\] ${name}:`), name);
  }

  assert.equal(read(dir, "package.json"), `{\n  "name": "octo-app",\n  "version": "1.3.0"\n}\n`);
  assert.equal(read(dir, "VERSION"), "1.3.0\n");
  assert.equal(read(dir, "config.py"), `app_name = "octo"\napp_version = "1.3.0"\n`);
  const changelog = read(dir, "CHANGELOG.md");
  assert.match(changelog, /^# Changelog\n\n## 1\.3\.0 \(2026-12-01\)\n/);
  assert.match(changelog, /### Features\n\n\* \*\*api:\*\* bulk export \(#12\)/);
  assert.match(changelog, /### Bug Fixes\n\n\* keep the session after login/);

  const head = git(dir, "rev-parse", "HEAD");
  assert.equal(git(dir, "rev-parse", "HEAD^"), before, "one release commit on top of the checked commit");
  assert.equal(git(dir, "log", "-1", "--format=%s"), "chore(release): 1.3.0");
  assert.deepEqual(git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").sort(), [
    "CHANGELOG.md",
    "VERSION",
    "config.py",
    "package.json",
  ]);
  assert.equal(git(dir, "cat-file", "-t", "v1.3.0"), "tag", "an annotated tag");
  assert.equal(git(dir, "rev-parse", "v1.3.0^{commit}"), head);
  assert.match(
    git(dir, "tag", "-l", "--format=%(contents)", "v1.3.0"),
    /Readiness: ready, 100% Release Ready/,
  );
  assert.equal(git(remote, "rev-parse", "main"), head);
  assert.equal(git(remote, "rev-parse", "v1.3.0^{commit}"), head);

  const [made, ...more] = github.releases(REPO);
  assert.equal(more.length, 0);
  assert.equal(made!.tagName, "v1.3.0");
  assert.equal(made!.prerelease, false);
  assert.equal(made!.targetCommitish, head);
  assert.match(made!.body ?? "", /### Features[\s\S]*bulk export[\s\S]*Readiness: ready/);
  assert.doesNotMatch(made!.body ?? "", /^## 1\.3\.0/m, "the notes leave out the changelog's heading");
  github.assertNoViolations();
  assertNoCanary(result, dir);

  // Run again: every step is found done, nothing is doubled.
  github.resetRequests();
  const again = await release(dir, github);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /\[done\] (version-files|changelog|commit|tag|push|github-release)/);
  assert.match(again.stdout, /\[already done\] github-release/);
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(github.releases(REPO).length, 1);
  assert.equal(posts(github).length, 0);
  assert.equal(read(dir, "CHANGELOG.md"), changelog);
});

test("a commit that is not ready is refused with its blockers, and nothing is written; --force records why", async () => {
  const checklist = READY.replace("| Security Audit | 🟢 PASS |", "| Security Audit | 🟡 PENDING |");
  const { dir, remote } = makeProject({ checklist });
  const github = await startGitHub();
  const head = git(dir, "rev-parse", "HEAD");

  const refused = await release(dir, github);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stdout, /\[REFUSED\] readiness: not ready: 50% Not Ready/);
  assert.match(refused.stdout, /Security Audit \(Core Gates, line 8\)/);
  assert.match(refused.stdout, /--force "<reason>"/);
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(git(dir, "status", "--porcelain"), "");
  assert.equal(git(dir, "tag", "-l", "v1.3.0"), "");
  assert.equal(existsSync(join(dir, "CHANGELOG.md")), false);
  assert.equal(github.releases(REPO).length, 0);

  const forced = await release(dir, github, ["--force", "security review signed off on paper by @ciso"]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /Readiness was overridden: security review signed off/);
  assert.match(
    git(dir, "tag", "-l", "--format=%(contents)", "v1.3.0"),
    /NOT ready, 50% Not Ready[\s\S]*Released anyway: security review signed off on paper by @ciso/,
  );
  assert.match(
    github.releases(REPO)[0]!.body ?? "",
    /Released anyway: security review[\s\S]*- Security Audit \(Core Gates\): pending/,
  );
  assert.equal(git(remote, "rev-parse", "v1.3.0^{commit}"), git(dir, "rev-parse", "HEAD"));
});

test("--dry-run lists every step with what it reads and changes, and changes nothing", async () => {
  const { dir } = makeProject();
  const github = await startGitHub();
  const head = git(dir, "rev-parse", "HEAD");

  const result = await release(dir, github, ["--dry-run"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Dry run of the release 1\.3\.0/);
  assert.match(
    result.stdout,
    /\[would do\] version-files: package\.json: 1\.2\.0 -> 1\.3\.0; VERSION: 1\.2\.0 -> 1\.3\.0; config\.py: 1\.2\.0 -> 1\.3\.0/,
  );
  assert.match(
    result.stdout,
    /\[would do\] changelog: CHANGELOG\.md: create it with the 1\.3\.0 section\n {6}reads: CHANGELOG\.md\n {6}changes: CHANGELOG\.md/,
  );
  assert.match(
    result.stdout,
    /\[would do\] commit: commit package\.json, VERSION, config\.py, CHANGELOG\.md as "chore\(release\): 1\.3\.0" on main/,
  );
  assert.match(result.stdout, /\[would do\] tag: .*v1\.3\.0/);
  assert.match(result.stdout, /\[would do\] push: push refs\/heads\/main and refs\/tags\/v1\.3\.0 to origin/);
  assert.match(
    result.stdout,
    /\[would do\] github-release: create the GitHub Release v1\.3\.0 on octo-org\/octo-app/,
  );
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(git(dir, "status", "--porcelain"), "");
  assert.equal(git(dir, "tag", "-l", "v1.3.0"), "");
  assert.equal(posts(github).length, 0);
});

test("a push refused half-way resumes at the push on the next run, without a second commit or tag", async () => {
  const { dir, remote } = makeProject();
  const github = await startGitHub();
  const hook = join(remote, "hooks", "pre-receive");
  writeFileSync(hook, "#!/bin/sh\necho 'main is frozen for the audit' >&2\nexit 1\n");
  chmodSync(hook, 0o755);

  const first = await release(dir, github);
  assert.equal(first.code, 4, first.stdout);
  assert.match(first.stderr, /push to origin failed/);
  assert.match(first.stderr, /The release is partly done: .*tag \(tagged [0-9a-f]{7} as v1\.3\.0\)/);
  assert.match(first.stdout, /\[done\] tag: tagged/);
  const head = git(dir, "rev-parse", "HEAD");
  assert.equal(github.releases(REPO).length, 0, "no GitHub Release for a tag GitHub does not have");

  rmSync(hook);
  const second = await release(dir, github);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\[already done\] commit/);
  assert.match(second.stdout, /\[already done\] tag/);
  assert.match(second.stdout, /\[done\] push: pushed main and v1\.3\.0 to origin/);
  assert.match(second.stdout, /\[done\] github-release/);
  assert.match(second.stdout, /readiness: ready: .* at [0-9a-f]{7}/);
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
  assert.equal(git(dir, "rev-list", "--count", "v1.2.0..HEAD"), "3");
  assert.equal(git(remote, "rev-parse", "v1.3.0^{commit}"), head);
  assert.equal(github.releases(REPO).length, 1);
});

test("a commit refused by a hook leaves the written files, and the next run commits them without writing twice", async () => {
  const { dir } = makeProject();
  const github = await startGitHub();
  const hook = join(dir, ".git", "hooks", "pre-commit");
  writeFileSync(hook, "#!/bin/sh\necho 'lint failed' >&2\nexit 1\n");
  chmodSync(hook, 0o755);

  const first = await release(dir, github);
  assert.equal(first.code, 4, first.stdout);
  assert.match(first.stderr, /git could not commit the release files/);
  assert.match(first.stderr, /lint failed/);
  assert.equal(read(dir, "VERSION"), "1.3.0\n", "the files were written before the commit");
  const changelog = read(dir, "CHANGELOG.md");

  rmSync(hook);
  const second = await release(dir, github);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\[already done\] version-files/);
  assert.match(second.stdout, /\[already done\] changelog/);
  assert.match(second.stdout, /\[done\] commit: committed package\.json, VERSION, config\.py, CHANGELOG\.md/);
  assert.equal(read(dir, "CHANGELOG.md"), changelog, "the section is not added twice");
  assert.equal(git(dir, "status", "--porcelain"), "");
  assert.equal(github.releases(REPO).length, 1);
});

test("the API failing on release creation resumes there; a retried POST does not make a second release", async () => {
  const { dir } = makeProject();
  const github = await startGitHub();
  github.queueFaults({ operationId: "repos/create-release", kind: "forbidden" });

  const first = await release(dir, github);
  assert.equal(first.code, 4, first.stdout);
  assert.match(first.stderr, /The token may not create the release of v1\.3\.0 of octo-org\/octo-app/);
  assert.match(first.stderr, /contents: write/);
  assert.equal(github.releases(REPO).length, 0);
  assertNoCanary(first, dir);

  // The next try is written, but its answer is lost; the client's retry must find it, not double it.
  github.queueFaults({ operationId: "repos/create-release", kind: "apply-then-fail" });
  const second = await release(dir, github);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /\[already done\] push/);
  assert.match(second.stdout, /github-release: found the GitHub Release v1\.3\.0/);
  assert.equal(github.releases(REPO).length, 1);
  github.assertNoViolations();
});

test("pre-releases count up, are marked as such on GitHub, and leaving --pre promotes them", async () => {
  const { dir } = makeProject();
  const github = await startGitHub();
  const first = await release(dir, github, ["--pre", "rc"]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(read(dir, "VERSION"), "1.3.0-rc.0\n");
  assert.equal(github.releases(REPO)[0]!.tagName, "v1.3.0-rc.0");
  assert.equal(github.releases(REPO)[0]!.prerelease, true);

  // Run again on the same commit: the pre-release is there already, not a reason for rc.1.
  const again = await release(dir, github, ["--pre", "rc"]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Release 1\.3\.0-rc\.0/);
  assert.equal(github.releases(REPO).length, 1);

  writeFileSync(join(dir, "retry.txt"), "x\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "fix: retry the upload");
  const next = await release(dir, github, ["--pre", "rc"]);
  assert.equal(next.code, 0, next.stderr);
  assert.equal(read(dir, "VERSION"), "1.3.0-rc.1\n");

  const final = await release(dir, github);
  assert.equal(final.code, 0, final.stderr);
  assert.equal(read(dir, "VERSION"), "1.3.0\n");
  const tags = github.releases(REPO).map((r) => [r.tagName, r.prerelease]);
  assert.deepEqual(tags, [
    ["v1.3.0-rc.0", true],
    ["v1.3.0-rc.1", true],
    ["v1.3.0", false],
  ]);
  assert.match(
    read(dir, "CHANGELOG.md"),
    /^# Changelog\n\n## 1\.3\.0 \(2026-12-01\)[\s\S]*## 1\.3\.0-rc\.1[\s\S]*## 1\.3\.0-rc\.0/,
  );
});

test("the first release, with no tag yet, starts from the root commit and needs no remote", async () => {
  const dir = makeTempDir();
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), READY);
  writeFileSync(join(dir, "VERSION"), "0.0.0\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "feat: the first feature");
  const result = await release(dir, null);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /first release: v1\.0\.0/);
  assert.match(result.stdout, /\[skipped\] push: there is no remote "origin"/);
  assert.match(result.stdout, /\[skipped\] github-release/);
  assert.equal(read(dir, "VERSION"), "1.0.0\n");
  assert.equal(git(dir, "rev-parse", "v1.0.0^{commit}"), git(dir, "rev-parse", "HEAD"));
});

test("nothing to release when no commit since the last release asks for one", async () => {
  const { dir } = makeProject();
  git(dir, "tag", "-a", "v1.2.1", "-m", "Release 1.2.1");
  writeFileSync(join(dir, "notes.txt"), "x\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "docs: explain the export");
  const result = await release(dir, null);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /The 1 commits since v1\.2\.1 hold no feature, fix, performance change or breaking change/,
  );
});

test("bad input is refused before anything is written", async (t) => {
  const github = await startGitHub();

  await t.test("not a git repository", async () => {
    const result = await release(makeTempDir(), github);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not inside a git repository/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  });

  await t.test("a dirty working tree names the files", async () => {
    const { dir } = makeProject();
    writeFileSync(join(dir, "login.txt"), "changed by hand\n");
    const result = await release(dir, github);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /changes that are not committed: login\.txt/);
    assert.match(result.stderr, /git stash/);
    assert.equal(read(dir, "VERSION"), "1.2.0\n");
  });

  await t.test("a detached HEAD", async () => {
    const { dir } = makeProject();
    git(dir, "checkout", "-q", "--detach");
    const result = await release(dir, github);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /HEAD is detached/);
    assert.match(result.stderr, /git switch main/);
  });

  await t.test("a version file whose pattern matches nothing leaves every file as it was", async () => {
    const { dir } = makeProject({
      config: CONFIG.replace("app_version", "APP_VERSION"),
    });
    const result = await release(dir, github);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /config\.py has no text matching the version pattern APP_VERSION/);
    assert.match(result.stderr, /Nothing was written/);
    assert.equal(read(dir, "package.json").includes('"1.2.0"'), true);
    assert.equal(existsSync(join(dir, "CHANGELOG.md")), false);
    assert.equal(git(dir, "log", "-1", "--format=%s"), "fix: keep the session after login");
  });

  await t.test("a release tag that exists at another commit", async () => {
    const { dir } = makeProject();
    // Made on a branch that main does not hold, so main's last release is still v1.2.0.
    git(dir, "switch", "-q", "-c", "hotfix", "v1.2.0");
    writeFileSync(join(dir, "hotfix.txt"), "x\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "feat: hotfix line");
    git(dir, "tag", "-a", "v1.3.0", "-m", "made by hand");
    git(dir, "switch", "-q", "main");
    const result = await release(dir, github);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /The tag v1\.3\.0 already exists at [0-9a-f]{12}, not at HEAD/);
    assert.match(result.stderr, /git tag -d v1\.3\.0/);
  });

  await t.test("no token for the GitHub Release stops the release before the first write", async () => {
    const { dir } = makeProject();
    const result = await runCliAsync(["release", "--api-url", github.url], {
      cwd: dir,
      env: { ...CLI_COMMITTER, PATH: "/usr/bin:/bin" },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no GitHub token was found/);
    assert.equal(read(dir, "VERSION"), "1.2.0\n");
    assert.equal(git(dir, "tag", "-l", "v1.3.0"), "");
  });

  await t.test("a shallow clone says how to fetch the tags", async () => {
    const { dir } = makeProject();
    const shallow = join(makeTempDir(), "shallow");
    git(dir, "clone", "-q", "--depth", "1", `file://${dir}`, shallow);
    const result = await release(shallow, github);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /shallow/);
    assert.match(result.stderr, /fetch-depth: 0/);
  });

  await t.test("--force without a reason", async () => {
    const { dir } = makeProject();
    const result = await release(dir, github, ["--force", " "]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--force needs a reason/);
  });
});
