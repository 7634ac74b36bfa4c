import assert from "node:assert/strict";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { CLI_COMMITTER, git } from "../helpers/git-repo.js";
import { runCli, runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-12-01T09:00:00Z";
const LATER = "2026-12-02T09:00:00Z";
const LATER2 = "2026-12-03T09:00:00Z";
const REPO = { owner: "octo-org", repo: "octo-app" };
// A planted secret: it must appear in no output and no file.
const CANARY = "ghp_CANARYcommitCANARY0123456789abcdef";

const CHECKLIST = `# Release

## Core Gates

| Gate | Status |
|------|--------|
| Build | 🟢 PASS |
| Security Audit | 🟡 PENDING |
`;

const CONFIG = `checklist: RELEASE_CHECKLIST.md
categories:
  - { name: Core Gates, weight: 100 }
`;

const HISTORY = ".shipready/history.jsonl";

interface Project {
  root: string;
  dir: string;
  remote: string;
}

/** A clone with a bare remote, the checklist committed and pushed. */
function makeProject(config = CONFIG): Project {
  const root = makeTempDir();
  const remote = join(root, "remote.git");
  const dir = join(root, "work");
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  git(root, "init", "-q", "-b", "main", dir);
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), CHECKLIST);
  writeFileSync(join(dir, "shipready.yml"), config);
  writeFileSync(join(dir, ".gitignore"), ".shipready/cache/\n");
  writeFileSync(join(dir, "app.txt"), "v1\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "chore: first commit");
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "-u", "origin", "main");
  return { root, dir, remote };
}

/** A second clone of the remote, as another engineer or another job has. */
function otherClone(project: Project): string {
  const other = join(project.root, `other-${readdirSync(project.root).length}`);
  git(project.root, "clone", "-q", project.remote, other);
  return other;
}

function update(dir: string, extra: string[] = [], env: Record<string, string> = {}): CliResult {
  return runCli(["update", "--now", NOW, ...extra], { cwd: dir, env: { ...CLI_COMMITTER, ...env } });
}

const head = (dir: string, rev = "HEAD") => git(dir, "rev-parse", rev);
const subject = (dir: string, rev = "HEAD") => git(dir, "log", "-1", "--format=%s", rev);
const changedIn = (dir: string, rev = "HEAD") =>
  git(dir, "show", "--name-only", "--format=", rev).split("\n").filter(Boolean).sort();

function assertNotMidRebase(dir: string): void {
  assert.ok(!existsSync(join(dir, ".git", "rebase-merge")), "left mid-rebase");
  assert.ok(!existsSync(join(dir, ".git", "rebase-apply")), "left mid-rebase");
  assert.equal(git(dir, "status", "--porcelain", "--untracked-files=no"), "", "the working tree is clean");
}

test("update --commit commits the checklist and the history record with a conventional message", () => {
  const { dir, remote } = makeProject();
  const before = head(dir);
  const result = update(dir, ["--commit"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(head(dir, "HEAD^"), before);
  assert.equal(subject(dir), "chore(readiness): update RELEASE_CHECKLIST.md to 50% Not Ready [skip ci]");
  assert.deepEqual(changedIn(dir), [HISTORY, "RELEASE_CHECKLIST.md"]);
  assert.match(
    result.stdout,
    new RegExp(`Committed RELEASE_CHECKLIST\\.md, \\${HISTORY} as ${head(dir).slice(0, 12)} on main\\.`),
  );
  assert.equal(head(remote, "main"), before, "nothing pushed without --push");

  // A run on the readiness commit is a new run of a new commit, which history records: the second
  // run leaves history out to see an update that changes nothing.
  const again = update(dir, ["--commit", "--no-history", "--json"]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout).commit, {
    skipped: "nothing to commit: RELEASE_CHECKLIST.md is as HEAD has it",
  });
  const text = update(dir, ["--commit", "--no-history"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Nothing to commit: RELEASE_CHECKLIST\.md is as HEAD has it\./);
  assert.equal(git(dir, "rev-list", "--count", "HEAD"), "2", "no empty commit");

  // A later run that found the same: the checklist's time moves, history records nothing new.
  const same = update(dir, ["--commit", "--now", LATER, "--json"]);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(JSON.parse(same.stdout).history.added, 0);
  assert.deepEqual(
    changedIn(dir),
    ["RELEASE_CHECKLIST.md"],
    "no history record for a run that found nothing new",
  );

  const recorded = update(dir, ["--commit", "--now", LATER2, "--record", "always"]);
  assert.equal(recorded.code, 0, recorded.stderr);
  assert.deepEqual(changedIn(dir), [HISTORY, "RELEASE_CHECKLIST.md"], "--record always records every run");
});

test("--commit leaves other staged work out of the commit, and --no-history commits the checklist alone", () => {
  const { dir } = makeProject(
    `${CONFIG}commit: { message: "docs: readiness {score} ({band})", skipCi: false }\n`,
  );
  writeFileSync(join(dir, "app.txt"), "v2\n");
  git(dir, "add", "app.txt");
  const result = update(dir, ["--commit", "--no-history"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(subject(dir), "docs: readiness 50% (Not Ready)");
  assert.deepEqual(changedIn(dir), ["RELEASE_CHECKLIST.md"]);
  assert.equal(git(dir, "diff", "--cached", "--name-only"), "app.txt", "the staged change is still staged");
});

test("with badge.update on, the badge the update wrote is committed too", () => {
  const { dir } = makeProject(`${CONFIG}badge: { update: true }\n`);
  const result = update(dir, ["--commit"]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(changedIn(dir), [".shipready/badge.svg", HISTORY, "RELEASE_CHECKLIST.md"]);
});

test("--push pushes to the remote; in Actions it says that GITHUB_TOKEN's push starts no workflow", () => {
  const { dir, remote } = makeProject();
  const result = update(dir, ["--commit", "--push", "--json"], { GITHUB_ACTIONS: "true" });
  assert.equal(result.code, 0, result.stderr);
  const commit = JSON.parse(result.stdout).commit;
  assert.deepEqual(commit, {
    sha: head(dir),
    files: ["RELEASE_CHECKLIST.md", HISTORY],
    branch: "main",
    via: "git",
    pushed: true,
    attempts: 1,
  });
  assert.equal(head(remote, "main"), head(dir));
  const notices = result.stderr.match(/will not start other workflows/g) ?? [];
  assert.equal(notices.length, 1, result.stderr);
  assert.match(result.stderr, /GitHub App or PAT token/);

  const quiet = update(dir, ["--commit", "--push", "--no-history"], { GITHUB_ACTIONS: "true" });
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /workflows/, "no notice when nothing was pushed");
});

test("a push refused because another clone pushed meanwhile is rebased and retried: both commits reach the remote", () => {
  const project = makeProject();
  const other = otherClone(project);
  writeFileSync(join(other, "app.txt"), "v2\n");
  git(other, "commit", "-q", "-am", "feat: version 2");
  git(other, "push", "-q", "origin", "main");
  const theirs = head(other);

  const result = update(project.dir, ["--commit", "--push", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  const commit = JSON.parse(result.stdout).commit;
  assert.equal(commit.attempts, 2);
  assert.equal(commit.pushed, true);
  assert.equal(head(project.remote, "main"), head(project.dir));
  assert.equal(commit.sha, head(project.dir), "the sha reported is the rebased commit's");
  assert.equal(head(project.remote, "main^"), theirs, "the readiness commit sits on top of theirs");
  assert.match(subject(project.remote, "main"), /^chore\(readiness\): update RELEASE_CHECKLIST\.md/);
  assertNotMidRebase(project.dir);

  const text = update(otherClone(project), ["--commit", "--push", "--now", LATER]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Pushed to main\./);
});

test("a rebase that conflicts (both updated the checklist) is undone: exit 2, a clear message, the commit kept here", () => {
  const project = makeProject();
  const other = otherClone(project);
  const first = update(other, ["--commit", "--push", "--now", LATER]);
  assert.equal(first.code, 0, first.stderr);
  const remoteHead = head(project.remote, "main");

  const result = update(project.dir, ["--commit", "--push"]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /origin\/main changed .*RELEASE_CHECKLIST\.md.* too/);
  assert.match(
    result.stderr,
    /the rebase was undone and the readiness commit [0-9a-f]{12} stays here, unpushed/,
  );
  assert.match(result.stderr, /run the job again/);
  assertNotMidRebase(project.dir);
  assert.equal(head(project.remote, "main"), remoteHead, "the remote is as the other clone left it");
  assert.match(subject(project.dir), /^chore\(readiness\)/);
});

// Two jobs in the same minute write the same checklist (its "Last Updated" shows minutes) but
// different history records.
const SAME_MINUTE = "2026-12-01T09:00:30Z";

/** The history records a branch holds, as `shipready history` lists them from a fresh clone. */
function historyOn(project: Project): string[] {
  const clone = otherClone(project);
  const listed = runCli(["history", "--json"], { cwd: clone });
  assert.equal(listed.code, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as { records: { at: string }[] }).records.map((r) => r.at);
}

function historyLines(text: string): string[] {
  return text.split("\n").filter(Boolean);
}

test("two runs that both appended to history: the rebase keeps both records, and this run's badge", () => {
  const project = makeProject(`${CONFIG}badge: { update: true }\n`);
  const other = otherClone(project);
  const first = update(other, ["--commit", "--push", "--now", SAME_MINUTE]);
  assert.equal(first.code, 0, first.stderr);
  // Someone's own copy of the badge on the branch: the newer run's badge replaces it.
  writeFileSync(join(other, ".shipready/badge.svg"), "<svg/>\n");
  git(other, "commit", "-q", "-am", "chore: badge by hand");
  git(other, "push", "-q", "origin", "main");
  const theirs = head(other);

  const result = update(project.dir, ["--commit", "--push", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  const commit = JSON.parse(result.stdout).commit;
  assert.equal(commit.attempts, 2);
  assert.equal(head(project.remote, "main"), head(project.dir));
  assert.equal(head(project.remote, "main^"), theirs, "the readiness commit sits on top of theirs");
  assertNotMidRebase(project.dir);

  const text = git(project.dir, "show", `main:${HISTORY}`);
  assert.deepEqual(
    historyLines(text).map((line) => (JSON.parse(line) as { at: string }).at),
    ["2026-12-01T09:00:30.000Z", "2026-12-01T09:00:00.000Z"],
    "the branch's lines as they were, then this run's",
  );
  assert.deepEqual(historyOn(project), ["2026-12-01T09:00:00.000Z", "2026-12-01T09:00:30.000Z"]);
  assert.match(git(project.dir, "show", "main:.shipready/badge.svg"), /50%/, "this run's badge");
  assert.equal(
    readFileSync(join(project.dir, HISTORY), "utf8"),
    `${text}\n`,
    "the checkout has the merged file",
  );
});

test("a record the other side appended too is not written twice", () => {
  const project = makeProject();
  const other = otherClone(project);
  // The very record this run makes (same commit, same time), then one more.
  assert.equal(update(other, ["--commit"]).code, 0);
  assert.equal(update(other, ["--commit", "--now", SAME_MINUTE, "--record", "always"]).code, 0);
  git(other, "push", "-q", "origin", "main");

  const result = update(project.dir, ["--commit", "--push"]);
  assert.equal(result.code, 0, result.stderr);
  assertNotMidRebase(project.dir);
  const lines = historyLines(git(project.remote, "show", `main:${HISTORY}`));
  assert.equal(lines.length, 2, lines.join("\n"));
  assert.equal(new Set(lines).size, 2);
  assert.deepEqual(historyOn(project), ["2026-12-01T09:00:00.000Z", "2026-12-01T09:00:30.000Z"]);
});

test("a checklist edited by hand on the branch meanwhile still refuses: exit 2, the rebase undone, nothing lost here", () => {
  const project = makeProject();
  const other = otherClone(project);
  const edited = CHECKLIST.replace("# Release\n\n", "# Release\n\nOwner: the release team.\n\n");
  writeFileSync(join(other, "RELEASE_CHECKLIST.md"), edited);
  git(other, "commit", "-q", "-am", "docs: name the owner");
  git(other, "push", "-q", "origin", "main");
  const remoteHead = head(project.remote, "main");

  const result = update(project.dir, ["--commit", "--push"]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /origin\/main changed RELEASE_CHECKLIST\.md too/);
  assert.match(result.stderr, /the rebase was undone/);
  assertNotMidRebase(project.dir);
  assert.equal(head(project.remote, "main"), remoteHead);
  assert.deepEqual(
    changedIn(project.dir),
    [HISTORY, "RELEASE_CHECKLIST.md"],
    "the readiness commit is kept here",
  );
  assert.equal(historyLines(git(project.dir, "show", `HEAD:${HISTORY}`)).length, 1);
});

test("a remote that refuses the push (a pre-receive hook) is reported as no permission, exit 2", () => {
  const project = makeProject();
  const hook = join(project.remote, "hooks", "pre-receive");
  writeFileSync(hook, "#!/bin/sh\necho 'main is protected: only the release team may push' >&2\nexit 1\n");
  chmodSync(hook, 0o755);
  const result = update(project.dir, ["--commit", "--push"]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /origin refused the push to main/);
  assert.match(result.stderr, /no permission to push to this branch, or a rule forbids it/);
  assert.match(result.stderr, /stays here, unpushed/);
  assert.match(subject(project.dir), /^chore\(readiness\)/);
});

test("bad input: not a repository, a detached HEAD, --push alone, --commit with --dry-run, no remote", () => {
  const plain = makeTempDir();
  writeFileSync(join(plain, "RELEASE_CHECKLIST.md"), CHECKLIST);
  writeFileSync(join(plain, "shipready.yml"), CONFIG);
  const outside = update(plain, ["--commit"]);
  assert.equal(outside.code, 2, outside.stderr);
  assert.match(outside.stderr, /is not in a git repository, so --commit has nowhere to commit/);
  assert.equal(readFileSync(join(plain, "RELEASE_CHECKLIST.md"), "utf8"), CHECKLIST, "nothing was written");

  const { dir } = makeProject();
  git(dir, "checkout", "-q", "--detach");
  const detached = update(dir, ["--commit"]);
  assert.equal(detached.code, 2, detached.stderr);
  assert.match(detached.stderr, /HEAD is detached/);
  assert.match(detached.stderr, /Pass --branch <name>/);
  assert.equal(readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8"), CHECKLIST, "nothing was written");

  const unpushed = update(dir, ["--commit", "--branch", "main"]);
  assert.equal(unpushed.code, 2, unpushed.stderr);
  assert.match(unpushed.stderr, /Add --push/);

  const elsewhere = makeProject();
  const wrong = update(elsewhere.dir, ["--commit", "--branch", "release"]);
  assert.equal(wrong.code, 2, wrong.stderr);
  assert.match(wrong.stderr, /HEAD is on main, not on release/);

  const alone = update(elsewhere.dir, ["--push"]);
  assert.equal(alone.code, 2, alone.stderr);
  assert.match(alone.stderr, /--push works with --commit only/);

  const dry = update(elsewhere.dir, ["--commit", "--dry-run"]);
  assert.equal(dry.code, 2, dry.stderr);
  assert.match(dry.stderr, /--commit and --dry-run/);

  git(elsewhere.dir, "remote", "remove", "origin");
  const noRemote = update(elsewhere.dir, ["--commit", "--push"]);
  assert.equal(noRemote.code, 2, noRemote.stderr);
  assert.match(noRemote.stderr, /There is no git remote "origin"/);
});

test("a detached HEAD with --branch and --push commits on it and pushes to that branch", () => {
  const { dir, remote } = makeProject();
  git(dir, "checkout", "-q", "--detach");
  const result = update(dir, ["--commit", "--branch", "main", "--push"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(head(remote, "main"), head(dir));
  assert.match(subject(remote, "main"), /^chore\(readiness\)/);
});

// ---- commit.via: api --------------------------------------------------------------------------

const API_CONFIG = `${CONFIG}github: { repo: octo-org/octo-app }
commit: { via: api }
`;

async function startGitHub(options: { readOnly?: boolean } = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ token: CANARY });
  github.addRepo({ ...REPO, ...options });
  after(() => github.close());
  return github;
}

/** The fake holds the branch as the checkout's remote would: the same files. */
function seedFrom(github: FakeGitHub, dir: string): string {
  const files: Record<string, string> = {};
  for (const name of git(dir, "ls-files").split("\n")) files[name] = readFileSync(join(dir, name), "utf8");
  return github.seedCommit(REPO, { files, branch: "main", message: "chore: first commit" });
}

function updateViaApi(dir: string, github: FakeGitHub, extra: string[] = []) {
  return runCliAsync(["update", "--now", NOW, "--api-url", github.url, ...extra], {
    cwd: dir,
    env: { ...CLI_COMMITTER, GITHUB_TOKEN: CANARY },
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

test("commit.via: api makes a commit GitHub signs on the branch's head there, and moves the branch", async () => {
  const { dir } = makeProject(API_CONFIG);
  const github = await startGitHub();
  const seeded = seedFrom(github, dir);
  const localHead = head(dir);

  const result = await updateViaApi(dir, github, ["--commit", "--push", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  github.assertNoViolations();
  const commit = JSON.parse(result.stdout).commit;
  assert.equal(commit.via, "api");
  assert.equal(commit.pushed, true);
  assert.equal(commit.attempts, 1);
  assert.equal(commit.verified, true);
  assert.deepEqual(commit.files, ["RELEASE_CHECKLIST.md", HISTORY]);
  assert.equal(github.branchHead(REPO, "main"), commit.sha);
  const made = github.commit(REPO, commit.sha)!;
  assert.ok(made.verified, "signed by GitHub");
  assert.deepEqual(made.parents, [seeded]);
  assert.equal(made.message, "chore(readiness): update RELEASE_CHECKLIST.md to 50% Not Ready [skip ci]");
  const files = github.files(REPO, "main");
  assert.equal(files["RELEASE_CHECKLIST.md"], readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8"));
  assert.equal(files[HISTORY], readFileSync(join(dir, HISTORY), "utf8"));
  assert.equal(files["app.txt"], "v1\n", "the other files are kept");
  assert.equal(head(dir), localHead, "nothing committed locally");
  assert.match(result.stderr, /this checkout is now behind main there/);
  assertNoCanary(result, dir);
});

test("commit.via: api: a 422 not-a-fast-forward is met by making the commit again on the new head", async () => {
  const { dir } = makeProject(API_CONFIG);
  const github = await startGitHub();
  seedFrom(github, dir);
  github.queueFaults({
    operationId: "git/update-ref",
    kind: "answer",
    status: 422,
    body: {
      message: "Update is not a fast forward",
      documentation_url: "https://docs.github.com/rest/git/refs#update-a-reference",
      status: "422",
    },
  });
  const result = await updateViaApi(dir, github, ["--commit", "--push"]);
  assert.equal(result.code, 0, result.stderr);
  github.assertNoViolations();
  assert.match(result.stdout, /through GitHub's API \(signed by GitHub\)/);
  assert.match(result.stdout, /made again on its new head \(2 tries\)/);
  const updates = github.requests.filter((r) => r.operationId === "git/update-ref");
  assert.deepEqual(
    updates.map((r) => r.status),
    [422, 200],
  );
  assertNoCanary(result, dir);
});

test("commit.via: api with a token that may not write: a PermissionError naming contents: write, exit 2", async () => {
  const { dir } = makeProject(API_CONFIG);
  const github = await startGitHub({ readOnly: true });
  seedFrom(github, dir);
  const before = github.branchHead(REPO, "main");
  const result = await updateViaApi(dir, github, ["--commit", "--push"]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /The token may not create a blob of octo-org\/octo-app/);
  assert.match(result.stderr, /contents: write/);
  assert.equal(github.branchHead(REPO, "main"), before);
  assertNoCanary(result, dir);

  const unpushed = await updateViaApi(dir, github, ["--commit"]);
  assert.equal(unpushed.code, 2, unpushed.stderr);
  assert.match(unpushed.stderr, /commit\.via is api/);
  assert.match(unpushed.stderr, /Add --push/);
});

/** What `shipready history` lists from the files a branch on the fake holds. */
function historyOnGitHub(github: FakeGitHub): string[] {
  const dir = makeTempDir();
  for (const [name, text] of Object.entries(github.files(REPO, "main"))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const listed = runCli(["history", "--json"], { cwd: dir });
  assert.equal(listed.code, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as { records: { at: string }[] }).records.map((r) => r.at);
}

const atOf = (line: string) => (JSON.parse(line) as { at: string }).at;

test("commit.via: api: a record another run committed on GitHub meanwhile is kept beside this run's, and this run's badge wins", async () => {
  const project = makeProject(`${API_CONFIG}badge: { update: true }\n`);
  const github = await startGitHub();
  seedFrom(github, project.dir);
  const other = otherClone(project);
  const first = await updateViaApi(other, github, ["--commit", "--push", "--now", SAME_MINUTE]);
  assert.equal(first.code, 0, first.stderr);
  github.seedCommit(REPO, {
    files: { ...github.files(REPO, "main"), ".shipready/badge.svg": "<svg/>\n" },
    branch: "main",
    message: "chore: badge by hand",
  });
  const theirs = github.branchHead(REPO, "main")!;

  const result = await updateViaApi(project.dir, github, ["--commit", "--push", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  github.assertNoViolations();
  const commit = JSON.parse(result.stdout).commit;
  assert.equal(github.branchHead(REPO, "main"), commit.sha);
  assert.deepEqual(github.commit(REPO, commit.sha)!.parents, [theirs]);
  const files = github.files(REPO, "main");
  assert.deepEqual(historyLines(files[HISTORY]!).map(atOf), [
    "2026-12-01T09:00:30.000Z",
    "2026-12-01T09:00:00.000Z",
  ]);
  assert.deepEqual(historyOnGitHub(github), ["2026-12-01T09:00:00.000Z", "2026-12-01T09:00:30.000Z"]);
  assert.match(files[".shipready/badge.svg"]!, /50%/, "this run's badge");
  assert.match(result.stderr, /keeping the records \.shipready\/history\.jsonl gained there meanwhile/);
  assertNoCanary(result, project.dir);
});

test("commit.via: api: a checklist edited on GitHub meanwhile is not overwritten: exit 2, nothing committed there", async () => {
  const project = makeProject(API_CONFIG);
  const github = await startGitHub();
  seedFrom(github, project.dir);
  const edited = CHECKLIST.replace("# Release\n\n", "# Release\n\nOwner: the release team.\n\n");
  github.seedCommit(REPO, {
    files: { ...github.files(REPO, "main"), "RELEASE_CHECKLIST.md": edited },
    branch: "main",
    message: "docs: name the owner",
  });
  const before = github.branchHead(REPO, "main");

  const result = await updateViaApi(project.dir, github, ["--commit", "--push"]);
  assert.equal(result.code, 2, result.stderr);
  github.assertNoViolations();
  assert.match(result.stderr, /RELEASE_CHECKLIST\.md changed on GitHub meanwhile/);
  assert.match(result.stderr, /nothing was committed there/);
  assert.match(result.stderr, /git pull\), then run update --commit --push again/);
  assert.equal(github.branchHead(REPO, "main"), before);
  assert.equal(github.files(REPO, "main")["RELEASE_CHECKLIST.md"], edited, "their edit stands");
  assert.match(readFileSync(join(project.dir, "RELEASE_CHECKLIST.md"), "utf8"), /READINESS_SCORE_START/);
  assert.equal(
    historyLines(readFileSync(join(project.dir, HISTORY), "utf8")).length,
    1,
    "the record is kept here",
  );
  assertNoCanary(result, project.dir);
});

test("commit.via: api: a record already committed on GitHub is not written twice", async () => {
  const project = makeProject(API_CONFIG);
  const github = await startGitHub();
  seedFrom(github, project.dir);
  // The very record this run makes (same commit, same time), then one more.
  assert.equal((await updateViaApi(otherClone(project), github, ["--commit", "--push"])).code, 0);
  const second = await updateViaApi(otherClone(project), github, [
    "--commit",
    "--push",
    "--now",
    SAME_MINUTE,
  ]);
  assert.equal(second.code, 0, second.stderr);

  const result = await updateViaApi(project.dir, github, ["--commit", "--push"]);
  assert.equal(result.code, 0, result.stderr);
  github.assertNoViolations();
  assert.match(result.stderr, /main on GitHub already has this run's/);
  const lines = historyLines(github.files(REPO, "main")[HISTORY]!);
  assert.deepEqual(lines.map(atOf), ["2026-12-01T09:00:00.000Z", "2026-12-01T09:00:30.000Z"]);
  assert.deepEqual(historyOnGitHub(github), ["2026-12-01T09:00:00.000Z", "2026-12-01T09:00:30.000Z"]);
});
