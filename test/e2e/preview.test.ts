import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { git } from "../helpers/git-repo.js";
import { runCliAsync } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const NOW = "2026-12-01T09:00:00Z";
const REPO = { owner: "octo-org", repo: "octo-app" };
const CANARY = "ghp_CANARYpreviewCANARY0123456789abcd";
const MARKER = "<!-- shipready:release-preview -->";

const CHECKLIST = `# Release

## Core Gates

| Gate | Status |
|------|--------|
| Build | 🟢 PASS |
| Security Audit | 🟡 PENDING |
`;

/** A repository released as v1.2.0, with history recorded on main, and a feature branch on top. */
function makeBranch(): string {
  const dir = makeTempDir();
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), CHECKLIST);
  writeFileSync(
    join(dir, "shipready.yml"),
    "checklist: RELEASE_CHECKLIST.md\ncategories:\n  - { name: Core Gates, weight: 100, required: true }\ngithub: { repo: octo-org/octo-app }\n",
  );
  mkdirSync(join(dir, ".shipready"));
  const recorded = {
    v: 1,
    at: "2026-11-30T09:00:00.000Z",
    checklist: "RELEASE_CHECKLIST.md",
    commit: "a".repeat(40),
    score: 25,
    band: "Not Ready",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 2,
    categories: [],
    origin: "update",
  };
  writeFileSync(join(dir, ".shipready", "history.jsonl"), `${JSON.stringify(recorded)}\n`);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "chore: first commit");
  git(dir, "tag", "-a", "v1.2.0", "-m", "Release 1.2.0");
  git(dir, "switch", "-q", "-c", "feature");
  writeFileSync(join(dir, "export.txt"), "csv\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "feat(api): bulk export <script>alert(1)</script>");
  return dir;
}

async function startGitHub(options: { readOnly?: boolean } = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ token: CANARY });
  github.addRepo({ ...REPO, ...options });
  after(() => github.close());
  return github;
}

function preview(dir: string, github: FakeGitHub, extra: string[], env: Record<string, string> = {}) {
  return runCliAsync(["preview", "--now", NOW, "--api-url", github.url, ...extra], {
    cwd: dir,
    env: { GITHUB_TOKEN: CANARY, ...env },
  });
}

test("preview shows the next version, the readiness change and the changelog entry, in the job summary too", async () => {
  const dir = makeBranch();
  const github = await startGitHub();
  const summary = join(makeTempDir(), "summary.md");
  writeFileSync(summary, "# Earlier step\n");
  const result = await preview(dir, github, [], { GITHUB_STEP_SUMMARY: summary });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Merging this releases 1\.3\.0 \(minor, from v1\.2\.0\)/);
  assert.match(result.stdout, /\| This branch \| 50% \| 🔴 Not Ready \| ❌ not ready \(threshold 90%\) \|/);
  assert.match(
    result.stdout,
    /\| Last recorded at aaaaaaa \(2026-11-30\) \| 25% \| Not Ready \| not ready \|/,
  );
  assert.match(result.stdout, /\*\*Change:\*\* \+25 points/);
  assert.match(result.stdout, /\*\*api:\*\* bulk export &lt;script&gt;/, "commit text lands escaped");
  assert.match(result.stdout, /\*\*Blockers \(1\):\*\*\n- Security Audit \(Core Gates\): pending/);
  assert.doesNotMatch(result.stdout, /<img|<script/);
  const written = readFileSync(summary, "utf8");
  assert.ok(written.startsWith("# Earlier step\n"), "the job summary is appended to");
  assert.ok(written.includes(result.stdout));
  assert.equal(github.requests.length, 0, "no GitHub request without --comment");
});

test("--comment creates one comment, edits it in place afterwards, and a lost answer does not double it", async () => {
  const dir = makeBranch();
  const github = await startGitHub();
  github.addComment(REPO, 7, { body: "A human's review" });

  const first = await preview(dir, github, ["--comment", "--pr", "7"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /created the comment/);
  let comments = github.comments(REPO, 7);
  assert.equal(comments.length, 2);
  assert.ok(comments[1]!.body.startsWith(MARKER));

  const same = await preview(dir, github, ["--comment", "--pr", "7"]);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stderr, /the comment is up to date/);

  writeFileSync(join(dir, "fix.txt"), "x\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "fix: keep the session");
  const changed = await preview(dir, github, ["--comment", "--pr", "7"]);
  assert.equal(changed.code, 0, changed.stderr);
  assert.match(changed.stderr, /updated the comment/);
  comments = github.comments(REPO, 7);
  assert.equal(comments.length, 2, "edited, not posted again");
  assert.match(comments[1]!.body, /keep the session/);

  // On another pull request, GitHub writes the comment but the answer never arrives.
  github.queueFaults({ operationId: "issues/create-comment", kind: "apply-then-drop" });
  const lost = await preview(dir, github, ["--comment", "--pr", "8"]);
  assert.equal(lost.code, 0, lost.stderr);
  assert.equal(github.comments(REPO, 8).length, 1);
  github.assertNoViolations();
  for (const out of [first, same, changed, lost]) {
    assert.ok(!out.stdout.includes(CANARY) && !out.stderr.includes(CANARY), "the token leaked");
  }
  assert.ok(!github.comments(REPO, 8)[0]!.body.includes(CANARY));
});

test("a pull request from a fork skips the comment with a notice; the job summary is still written", async () => {
  const dir = makeBranch();
  const github = await startGitHub();
  const folder = makeTempDir();
  const event = join(folder, "event.json");
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: {
        number: 9,
        head: { repo: { fork: true, full_name: "someone/octo-app" } },
        base: { repo: { full_name: "octo-org/octo-app" } },
      },
    }),
  );
  const summary = join(folder, "summary.md");
  const result = await preview(dir, github, ["--comment"], {
    GITHUB_EVENT_PATH: event,
    GITHUB_STEP_SUMMARY: summary,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /comment on #9 was skipped: a pull request from a fork gets a read-only token/);
  assert.match(readFileSync(summary, "utf8"), /Merging this releases 1\.3\.0/);
  assert.equal(github.comments(REPO, 9).length, 0);
});

test("a token that may not write skips the comment with the reason; bad --comment input is exit 2", async () => {
  const dir = makeBranch();
  const github = await startGitHub({ readOnly: true });
  const refused = await preview(dir, github, ["--comment", "--pr", "3"]);
  assert.equal(refused.code, 0, refused.stderr);
  assert.match(refused.stderr, /comment on #3 was skipped: The token may not create a comment on #3/);

  const none = await preview(dir, github, ["--comment"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--comment needs a pull request/);

  const badEvent = await preview(dir, github, ["--comment"], {
    GITHUB_EVENT_PATH: join(dir, "missing.json"),
  });
  assert.equal(badEvent.code, 2);
  assert.match(badEvent.stderr, /GITHUB_EVENT_PATH names .*missing\.json/);
});
