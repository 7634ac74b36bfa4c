import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { bundleAction } from "../../scripts/bundle-action.js";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeSlack } from "../helpers/fake-slack.js";
import { git, initRepo } from "../helpers/git-repo.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { makeTempDir } from "../helpers/temp-dir.js";
import {
  actionYml,
  runActionBundle,
  type ActionRun,
  type ActionRunOptions,
} from "../helpers/run-action-bundle.js";

const REPO = { owner: "octo-org", repo: "octo-app" };
const TOKEN = "ghp_CANARYactionCANARY0123456789abcdef";
const WEBHOOK_SECRET = "CANARYwebhookCANARYsecret";
const MARKER = "<!-- shipready:readiness -->";
const SHA_2 = "2".repeat(40);

const CHECKLIST = `# Release

## Core Gates

| Gate | Status |
|------|--------|
| Build | 🟢 PASS |
| Docs | 🟡 PENDING |
| Security Audit | 🟡 PENDING |
`;

const slack = await startFakeSlack({ secret: WEBHOOK_SECRET });
after(() => slack.close());

/** A repository with the checklist; Docs is bound to evidence (a file that exists), so an update passes it. */
function makeWorkspace(checklist = CHECKLIST): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), checklist);
  writeFileSync(
    join(dir, "shipready.yml"),
    [
      "checklist: RELEASE_CHECKLIST.md",
      "categories:",
      "  - { name: Core Gates, weight: 100, required: true }",
      "gates:",
      "  - gate: Docs",
      "    evidence:",
      "      - file: { path: shipready.yml }",
      "",
    ].join("\n"),
  );
  initRepo(dir);
  return dir;
}

async function startGitHub(options: { readOnly?: boolean } = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ token: TOKEN });
  github.addRepo({ ...REPO, ...options });
  after(() => github.close());
  return github;
}

/** Runs the bundle as the runner does, with the token of the fake GitHub as the github-token input. */
function runAction(
  workspace: string,
  options: Omit<ActionRunOptions, "apiUrl"> & { github?: FakeGitHub } = {},
): Promise<ActionRun> {
  const { github, ...rest } = options;
  return runActionBundle(workspace, {
    ...rest,
    inputs: { "github-token": TOKEN, ...options.inputs },
    ...(github ? { apiUrl: github.url } : {}),
  });
}

/** The workflow commands the runner would act on: the lines that start with ::. */
function commandsOf(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("::"));
}

test("action.yml runs the committed bundle on node24, and the bundle is what the sources build", async () => {
  assert.equal(actionYml.runs.using, "node24");
  assert.equal(actionYml.runs.main, "action/index.js");
  for (const output of [
    "score",
    "band",
    "ready",
    "blockers",
    "blocker-list",
    "preflight",
    "preflight-blockers",
  ]) {
    assert.ok(output in actionYml.outputs, `action.yml declares the output ${output}`);
  }
  // Against the committed bundle, since npm run build has just rewritten the one on disk.
  let committed: string;
  try {
    committed = execFileSync("git", ["show", "HEAD:action/index.js"], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    // Not a git checkout (an unpacked package): the file on disk is all there is.
    committed = readFileSync(join(repoRoot, "action", "index.js"), "utf8");
  }
  const fresh = await bundleAction({ write: false });
  assert.ok(committed === fresh, "action/index.js is stale: run npm run build and commit action/index.js");
});

test("update mode rewrites the checklist, writes outputs and the job summary, and shows the trend on the next run", async () => {
  const dir = makeWorkspace();
  const first = await runAction(dir);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /::notice title=shipready::SQLite is not available here/);
  const checklist = readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8");
  assert.match(checklist, /<!-- READINESS_SCORE_START -->/);
  assert.match(checklist, /\| Docs \| 🟢 PASS \|/, "the gate bound to evidence was rewritten");
  assert.deepEqual(
    { ...first.outputs, "blocker-list": JSON.parse(first.outputs["blocker-list"]!) as unknown },
    {
      score: "66.7",
      band: "Not Ready",
      ready: "false",
      blockers: "1",
      "blocker-list": [
        {
          gate: "Security Audit",
          category: "Core Gates",
          line: 9,
          outcome: "pending",
          reason: "not done yet; a required gate must pass or be waived",
        },
      ],
      preflight: "pass",
      "preflight-blockers": "[]",
    },
  );
  assert.match(first.summary, /## 🔴 Release readiness: 66\.7%, Not Ready/);
  assert.match(
    first.summary,
    /❌ \*\*Not ready\*\*: 66\.7% is below the threshold of 90%; 1 required gate blocks/,
  );
  assert.match(first.summary, /\| Core Gates \(required\) \| 66\.7% \| 2\/3 \| 100 \|/);
  assert.match(first.summary, /\| Security Audit \| Core Gates \| 9 \| 🟡 pending \| not done yet/);
  assert.match(
    first.summary,
    /### Changed in this run \(1\)\n\n.*\n.*\n\| Docs \| Core Gates \| 🟡 pending \| 🟢 pass \|/,
  );
  assert.match(first.summary, /no earlier run in history/);
  assert.ok(readFileSync(join(dir, ".shipready", "history.jsonl"), "utf8").includes('"score":66.7'));

  // Someone signs off the audit; the next run shows the change against the recorded one.
  writeFileSync(
    join(dir, "RELEASE_CHECKLIST.md"),
    readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8").replace(
      "| Security Audit | 🟡 PENDING |",
      "| Security Audit | 🟢 PASS |",
    ),
  );
  const second = await runAction(dir, { env: { SOURCE_DATE_EPOCH: "1764666000" } });
  assert.equal(second.code, 0, second.stdout);
  assert.equal(second.outputs.ready, "true");
  assert.equal(second.outputs.blockers, "0");
  assert.deepEqual(JSON.parse(second.outputs["blocker-list"]!), []);
  assert.match(second.summary, /✅ \*\*Ready\*\*: 100% meets the threshold of 90%/);
  assert.match(
    second.summary,
    /\*\*Trend:\*\* ↑ \+33\.3 points since the last recorded run \(66\.7% on 2025-12-01\)/,
  );
  assert.match(second.summary, /No gate changed status in this run/);
  assert.deepEqual(
    commandsOf(second.stdout).filter((c) => c.startsWith("::error")),
    [],
  );
});

test("check mode that is not ready fails the step with an error at each blocker's line, and writes nothing to the repository", async () => {
  const dir = makeWorkspace();
  const result = await runAction(dir, { inputs: { mode: "check" } });
  assert.equal(result.code, 1, result.stdout);
  const errors = commandsOf(result.stdout).filter((c) => c.startsWith("::error"));
  assert.deepEqual(errors, [
    "::error file=RELEASE_CHECKLIST.md,line=9,title=Release blocker%3A Security Audit::Security Audit (Core Gates) is pending: not done yet; a required gate must pass or be waived",
  ]);
  assert.equal(readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8"), CHECKLIST);
  assert.equal(git(dir, "status", "--porcelain"), "", "check mode leaves the repository as it was");
  assert.equal(result.outputs.ready, "false");
  assert.match(result.summary, /Release readiness: 66\.7%/, "the summary is written before the step fails");
  assert.match(
    result.summary,
    /\| Docs \| Core Gates \| 🟡 pending \| 🟢 pass \|/,
    "check shows what evidence says",
  );

  const enforced = await runAction(makeWorkspace(), { inputs: { "fail-on-not-ready": "true" } });
  assert.equal(enforced.code, 1, "fail-on-not-ready fails an update that is not ready");
  const score = await runAction(makeWorkspace(), { inputs: { mode: "score" } });
  assert.equal(score.code, 0, "score never fails for the verdict");
});

test("bad inputs stop the step with exit 2 and an error naming the input and its values", async () => {
  const dir = makeWorkspace();
  const cases: [Record<string, string>, RegExp][] = [
    [{ mode: "chek" }, /input "mode" is "chek"; it must be update, check or score/],
    [{ threshold: "ninety" }, /input "threshold" is "ninety"; it must be a number from 0 to 100/],
    [{ threshold: "150" }, /input "threshold" is "150"/],
    [{ commit: "yes" }, /input "commit" is "yes", which is not a boolean/],
    [{ mode: "check", notify: "true" }, /input "notify" works with mode: update only/],
  ];
  for (const [inputs, message] of cases) {
    const result = await runAction(dir, { inputs });
    assert.equal(result.code, 2, JSON.stringify(inputs));
    const [error] = commandsOf(result.stdout).filter((c) => c.startsWith("::error"));
    assert.match(error ?? "", /^::error title=shipready::/);
    assert.match(error!, message);
    assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /, "no stack trace");
    assert.equal(result.outputFile, "");
  }
  assert.equal(git(dir, "status", "--porcelain"), "", "nothing was written");
});

test("on a pull request one comment is created, then edited in place; a create whose answer is lost leaves one", async () => {
  const github = await startGitHub();
  github.addComment(REPO, 7, { body: "A human's review" });
  const dir = makeWorkspace();
  const first = await runAction(dir, { github, pullRequest: { number: 7 } });
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /shipready: created the comment: /);
  const cacheNotices = commandsOf(first.stdout).filter((c) => c.includes("GitHub's answers are not cached"));
  assert.equal(cacheNotices.length, 1, "without SQLite, GitHub is asked without the cache, told once");
  let comments = github.comments(REPO, 7);
  assert.equal(comments.length, 2);
  const body = comments[1]!.body;
  assert.ok(body.startsWith(MARKER));
  assert.match(body, /Release readiness at 1111111: 66\.7%, Not Ready/);
  assert.match(body, /\*\*Blockers \(1\):\*\*\n- Security Audit \(Core Gates\): not done yet/);
  assert.match(body, /- Docs: 🟡 pending → 🟢 pass/);
  assert.match(body, /\[workflow run\]\(https:\/\/github\.com\/octo-org\/octo-app\/actions\/runs\/4242\)/);

  const second = await runAction(dir, { github, pullRequest: { number: 7 }, env: { GITHUB_SHA: SHA_2 } });
  assert.equal(second.code, 0, second.stdout);
  assert.match(second.stdout, /shipready: updated the comment: /);
  comments = github.comments(REPO, 7);
  assert.equal(comments.length, 2, "edited, not posted again");
  assert.match(comments[1]!.body, /at 2222222/);

  // GitHub writes the comment on another pull request, but its answer never arrives.
  github.queueFaults({ operationId: "issues/create-comment", kind: "apply-then-drop" });
  const lost = await runAction(makeWorkspace(), { github, pullRequest: { number: 8 } });
  assert.equal(lost.code, 0, lost.stdout + lost.stderr);
  assert.equal(github.comments(REPO, 8).length, 1);
  github.assertNoViolations();
});

test("a pull request from a fork, or a token that may not write, skips the comment with a notice; summary and outputs stay", async () => {
  const github = await startGitHub();
  const fork = await runAction(makeWorkspace(), {
    github,
    pullRequest: { number: 9, head: "someone/octo-app" },
  });
  assert.equal(fork.code, 0, fork.stdout);
  assert.match(
    fork.stdout,
    /::notice title=shipready::the readiness comment on #9 was skipped: a pull request from a fork/,
  );
  assert.equal(github.requests.length, 0, "nothing asked of GitHub for a fork's pull request");
  assert.match(fork.summary, /Release readiness: 66\.7%/);
  assert.equal(fork.outputs.score, "66.7");

  const readOnly = await startGitHub({ readOnly: true });
  const denied = await runAction(makeWorkspace(), { github: readOnly, pullRequest: { number: 10 } });
  assert.equal(denied.code, 0, denied.stdout);
  assert.match(denied.stdout, /::notice title=shipready::the readiness comment on #10 was skipped: /);
  assert.equal(readOnly.comments(REPO, 10).length, 0);
  assert.equal(denied.outputs.ready, "false");
  readOnly.assertNoViolations();
});

test("the token and the webhook appear nowhere but in the runner's add-mask commands", async () => {
  const github = await startGitHub();
  const dir = makeWorkspace();
  const result = await runAction(dir, {
    github,
    pullRequest: { number: 11 },
    inputs: { notify: "true", "slack-webhook": slack.webhookUrl },
  });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.ok(slack.deliveries.length > 0, "the notification went to the webhook");
  assert.ok(commandsOf(result.stdout).includes(`::add-mask::${slack.webhookUrl}`));
  assert.ok(commandsOf(result.stdout).includes(`::add-mask::${TOKEN}`));
  const unmasked = result.stdout
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
  const texts: [string, string][] = [
    ["stdout", unmasked],
    ["stderr", result.stderr],
    ["summary", result.summary],
    ["outputs", result.outputFile],
    ...github.comments(REPO, 11).map((c): [string, string] => ["comment", c.body]),
    ...filesIn(dir).map((file): [string, string] => [file, readFileSync(file, "latin1")]),
  ];
  for (const [where, text] of texts) {
    assert.ok(!text.includes(TOKEN), `the token leaked into ${where}`);
    assert.ok(!text.includes(WEBHOOK_SECRET), `the webhook leaked into ${where}`);
  }
});

test("a gate name holding workflow commands, %0A or a line break cannot start a command of its own", async () => {
  const sneaky = `# Release

## Core Gates

| Gate | Status |
|------|--------|
| Build ::error::owned %0A::warning::x %25 | 🟡 PENDING |

- [ ] Sign-off
  ::error file=x,line=1::injected
`;
  const dir = makeWorkspace(sneaky);
  const result = await runAction(dir, { inputs: { mode: "check" } });
  assert.equal(result.code, 1, result.stdout);
  // Read as the runner reads them: the name, the properties up to the first ::, then the message.
  const parsed = commandsOf(result.stdout).map((line) => {
    const match = /^::([\w-]+)(?: ([^]*?))?::([^]*)$/.exec(line);
    assert.ok(match, line);
    const props = Object.fromEntries(
      (match[2] ?? "")
        .split(",")
        .filter(Boolean)
        .map((p) => [p.slice(0, p.indexOf("=")), unescapeCommand(p.slice(p.indexOf("=") + 1))]),
    );
    return { name: match[1]!, props, message: unescapeCommand(match[3]!) };
  });
  assert.ok(parsed.every((c) => ["error", "warning", "notice", "add-mask"].includes(c.name)));
  const gates = (JSON.parse(result.outputs["blocker-list"]!) as { gate: string; line: number }[]).map(
    (b) => b,
  );
  assert.equal(gates.length, 2);
  assert.ok(gates[0]!.gate.startsWith("Build ::error::owned %0A"), gates[0]!.gate);
  const errors = parsed.filter((c) => c.name === "error");
  assert.deepEqual(
    errors.map((e) => e.props),
    gates.map((g) => ({
      file: "RELEASE_CHECKLIST.md",
      line: String(g.line),
      title: `Release blocker: ${g.gate}`,
    })),
    "each blocker is one error whose properties and message hold the whole name",
  );
  for (const [i, e] of errors.entries()) assert.ok(e.message.startsWith(`${gates[i]!.gate} (Core Gates)`));
  assert.ok(!parsed.some((c) => c.props.file === "x"), "no command from the continuation line");
  assert.ok(!result.summary.includes("<!--"), "no marker or HTML from a gate name in the summary");
});

test("commit: true commits the updated checklist and history and pushes them to the branch", async () => {
  const root = makeTempDir();
  const remote = join(root, "remote.git");
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  const dir = makeWorkspace();
  git(dir, "remote", "add", "origin", remote);
  git(dir, "push", "-q", "origin", "main");
  const before = git(dir, "rev-parse", "HEAD");
  const result = await runAction(dir, { inputs: { commit: "true" } });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const head = git(remote, "rev-parse", "main");
  assert.notEqual(head, before);
  assert.equal(git(remote, "rev-parse", "main^"), before);
  assert.deepEqual(git(remote, "show", "--name-only", "--format=", "main").split("\n").sort(), [
    ".shipready/history.jsonl",
    "RELEASE_CHECKLIST.md",
  ]);
  assert.equal(result.outputs.commit, head);
  assert.match(result.summary, /Committed .* and pushed\./);
  assert.equal(git(dir, "status", "--porcelain"), "");

  const detached = makeWorkspace();
  git(detached, "checkout", "-q", "--detach");
  const refused = await runAction(detached, { inputs: { commit: "true" } });
  assert.equal(refused.code, 2);
  assert.match(refused.stdout, /::error title=shipready::HEAD is detached/);
  assert.equal(
    readFileSync(join(detached, "RELEASE_CHECKLIST.md"), "utf8"),
    CHECKLIST,
    "checked before writing",
  );
});

function unescapeCommand(text: string): string {
  return text
    .replace(/%3A/g, ":")
    .replace(/%2C/g, ",")
    .replace(/%0D/g, "\r")
    .replace(/%0A/g, "\n")
    .replace(/%25/g, "%");
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

test("preflight: the pre-push hook's verdict is an output, and with preflight: true a blocking gate fails the step", async () => {
  const dir = makeWorkspace();
  writeFileSync(
    join(dir, "shipready.yml"),
    `${readFileSync(join(dir, "shipready.yml"), "utf8")}  - gate: Build\n    evidence:\n      - command: { run: "echo 2 tests failed; exit 1" }\n`,
  );
  git(dir, "commit", "-q", "-am", "chore: build gate");
  const reported = await runAction(dir, { inputs: { mode: "score" } });
  assert.equal(reported.code, 0, "without the input the verdict is only reported");
  assert.equal(reported.outputs.preflight, "fail");
  assert.deepEqual(JSON.parse(reported.outputs["preflight-blockers"]!), [
    {
      gate: "Build",
      category: "Core Gates",
      line: 7,
      outcome: "fail",
      kind: "command",
      source: "echo 2 tests failed; exit 1",
      message: "exited with code 1: 2 tests failed",
    },
  ]);
  assert.match(reported.stdout, /shipready: preflight: 1 gate would block a push/);

  const enforced = await runAction(dir, { inputs: { mode: "score", preflight: "true" } });
  assert.equal(enforced.code, 1, enforced.stdout);
  assert.ok(
    commandsOf(enforced.stdout).includes(
      "::error file=RELEASE_CHECKLIST.md,line=7,title=Preflight%3A Build::Build (Core Gates) is fail on command echo 2 tests failed; exit 1: exited with code 1: 2 tests failed",
    ),
    enforced.stdout,
  );
  assert.match(enforced.summary, /Release readiness/, "the summary is written before the step fails");

  const clean = await runAction(makeWorkspace(), { inputs: { mode: "score", preflight: "true" } });
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(clean.outputs.preflight, "pass");
});
