import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { startFakeSlack, type FakeSlack } from "../helpers/fake-slack.js";
import { CLI_COMMITTER, git, initRepo } from "../helpers/git-repo.js";
import { runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { startTestServer } from "../helpers/start-test-server.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// Planted secrets: the webhook URL's last part and a webhook token must appear in no output, file or error.
const CANARY = "CANARYsecret";
const TOKEN_CANARY = "hooktoken_CANARY_0123456789";
const GITHUB_CANARY = "ghp_CANARYcanaryCANARYcanary0123456789";

const CHECKLIST = `# Release v1.2.0

<!-- READINESS_SCORE_START -->
<!-- READINESS_SCORE_END -->

## Core Gates

| Gate | Status |
|------|--------|
| Build & Test | PASS |
| Load Testing @here | PENDING |
`;

function configWith(notify: string): string {
  return `checklist: RELEASE.md
categories:
  - { name: Core Gates, weight: 100, required: true }
gates:
  - gate: Load Testing @here
    evidence:
      - command: { run: "test -f flag" }
${notify}`;
}

function makeProject(notify = ""): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(join(dir, "shipready.yml"), configWith(notify));
  initRepo(dir);
  return dir;
}

const slack = await startFakeSlack({ secret: CANARY });
after(() => slack.close());

function update(
  dir: string,
  now: string,
  env: Record<string, string>,
  extra: string[] = [],
): Promise<CliResult> {
  return runCliAsync(["update", "--notify", "--json", "--now", now, ...extra], {
    cwd: dir,
    env: { GH_CONFIG_DIR: makeTempDir(), ...env },
  });
}

function assertNoSecrets(result: CliResult, dir: string, secrets: string[] = [CANARY]): void {
  for (const secret of secrets) {
    assert.ok(!result.stdout.includes(secret), `${secret} leaked to stdout`);
    assert.ok(!result.stderr.includes(secret), `${secret} leaked to stderr`);
    for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      const path = join(dir, name);
      if (statSync(path).isFile())
        assert.ok(!readFileSync(path).includes(secret), `${secret} leaked into ${name}`);
    }
  }
}

function historyOf(dir: string): { score: number; band: string }[] {
  const file = join(dir, ".shipready/history.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { score: number; band: string });
}

interface NotifyJson {
  notify: {
    policy: string;
    sent: string[];
    skipped: { target: string; reason: string }[];
    failed: { target: string; message: string; fix: string }[];
  };
}

function deliveriesSince(fake: FakeSlack, before: number) {
  return fake.deliveries.slice(before);
}

test("below-threshold: a valid Block Kit message when not ready, none when ready", async () => {
  const dir = makeProject();
  const before = slack.deliveries.length;
  const first = await update(dir, "2026-11-21T09:00:00Z", { SLACK_WEBHOOK_URL: slack.webhookUrl });
  assert.equal(first.code, 0, first.stderr);
  const json = JSON.parse(first.stdout) as NotifyJson;
  assert.deepEqual(json.notify.sent, ["slack"]);
  assert.equal(json.notify.policy, "below-threshold");
  const [delivery] = deliveriesSince(slack, before);
  assert.ok(delivery);
  assert.deepEqual(delivery.problems, []);
  assert.equal(delivery.status, 200);
  const message = JSON.stringify(delivery.payload);
  assert.match(message, /Release readiness 50%: Not Ready/);
  assert.match(message, /\*Load Testing @\u2060here\* \(Core Gates\)/);
  assert.match(message, /no earlier run/);
  assert.match(message, /not ready: 50% is below the threshold of 90%/);
  assert.equal(historyOf(dir).length, 1);
  assert.ok(existsSync(join(dir, ".shipready/notified.json")));
  assertNoSecrets(first, dir);

  writeFileSync(join(dir, "flag"), "");
  const second = await update(dir, "2026-11-22T09:00:00Z", { SLACK_WEBHOOK_URL: slack.webhookUrl });
  assert.equal(second.code, 0, second.stderr);
  const skipped = (JSON.parse(second.stdout) as NotifyJson).notify;
  assert.deepEqual(skipped.sent, []);
  assert.match(skipped.skipped[0]!.reason, /^ready \(100%, threshold 90%\): policy below-threshold/);
  assert.equal(slack.deliveries.length, before + 1);
  assert.equal(historyOf(dir).length, 2);
});

test("on-change: sent once, not again for the same band the next day, then again when it changes", async () => {
  const dir = makeProject("notify:\n  policy: on-change\n");
  const env = { SLACK_WEBHOOK_URL: slack.webhookUrl };
  const before = slack.deliveries.length;
  assert.equal((await update(dir, "2026-11-20T09:00:00Z", env)).code, 0);
  const again = await update(dir, "2026-11-21T09:00:00Z", env);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(slack.deliveries.length, before + 1);
  assert.match(
    (JSON.parse(again.stdout) as NotifyJson).notify.skipped[0]!.reason,
    /band \(Not Ready\) and verdict \(not ready\) are as last sent on 2026-11-20/,
  );
  writeFileSync(join(dir, "flag"), "");
  const changed = await update(dir, "2026-11-22T09:00:00Z", env);
  assert.equal(changed.code, 0, changed.stderr);
  const sent = deliveriesSince(slack, before);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1]!.problems, []);
  const message = JSON.stringify(sent[1]!.payload);
  assert.match(message, /the band changed from Not Ready to Release Ready and it is now ready/);
  // The change since the last run, from history.
  assert.match(message, /↑ \+50 points from 50% \(was Not Ready\)/);
  const state = JSON.parse(readFileSync(join(dir, ".shipready/notified.json"), "utf8")) as {
    checklists: Record<string, Record<string, { band: string }>>;
  };
  assert.equal(state.checklists["RELEASE.md"]!.slack!.band, "Release Ready");
  assertNoSecrets(changed, dir);
});

test("a 429 with Retry-After is waited out and the message still goes", async () => {
  const dir = makeProject();
  const before = slack.deliveries.length;
  slack.queue({ status: 429, headers: { "retry-after": "1" }, body: "rate_limited" });
  const result = await update(dir, "2026-11-21T09:00:00Z", { SLACK_WEBHOOK_URL: slack.webhookUrl });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual((JSON.parse(result.stdout) as NotifyJson).notify.sent, ["slack"]);
  assert.deepEqual(
    deliveriesSince(slack, before).map((d) => d.status),
    [429, 200],
  );
});

test("a revoked webhook (404) is a warning: the update succeeds and keeps its history record", async () => {
  const dir = makeProject("notify:\n  policy: always\n");
  const revoked = `${slack.server.url}/services/T000/B000/revoked${CANARY}`;
  const result = await update(dir, "2026-11-21T09:00:00Z", { SLACK_WEBHOOK_URL: revoked }, ["--check"]);
  // --check still decides the exit code: 1 for not ready, whatever became of the notification.
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stderr,
    /shipready: warning: the notification was not sent: the Slack webhook answered 404 \(no_service\): the webhook was revoked/,
  );
  assert.match(result.stderr, /Fix: Create a new incoming webhook in Slack/);
  const json = JSON.parse(result.stdout) as NotifyJson & { warnings: { code: string }[] };
  assert.equal(json.notify.failed[0]!.target, "slack");
  assert.ok(json.warnings.some((w) => w.code === "notify-failed"));
  assert.equal(historyOf(dir).length, 1);
  assert.match(readFileSync(join(dir, "RELEASE.md"), "utf8"), /Load Testing @here \| 🔴 FAIL/);
  assert.ok(!existsSync(join(dir, ".shipready/notified.json")), "nothing was sent, so nothing is remembered");
  assertNoSecrets(result, dir);
});

test("--notify with no webhook is a usage error, before anything is written", async () => {
  const dir = makeProject();
  const result = await update(dir, "2026-11-21T09:00:00Z", {});
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /--notify was given, but no webhook is configured/);
  assert.match(result.stderr, /Fix: Create an incoming webhook in Slack/);
  assert.equal(readFileSync(join(dir, "RELEASE.md"), "utf8"), CHECKLIST);
  assert.equal(historyOf(dir).length, 0);

  writeFileSync(join(dir, "shipready.yml"), configWith('notify:\n  slack: { webhook: "${TEAM_HOOK}" }\n'));
  const unset = await update(dir, "2026-11-21T09:00:00Z", { SLACK_WEBHOOK_URL: slack.webhookUrl });
  assert.equal(unset.code, 2, unset.stderr);
  assert.match(
    unset.stderr,
    /--notify needs TEAM_HOOK \(named by notify\.slack\.webhook in shipready\.yml\), which is not set/,
  );
  assert.equal(historyOf(dir).length, 0);
});

test("--dry-run shows what would be sent and sends nothing", async () => {
  const dir = makeProject();
  const before = slack.deliveries.length;
  const result = await runCliAsync(["update", "--notify", "--dry-run", "--now", "2026-11-21T09:00:00Z"], {
    cwd: dir,
    env: { SLACK_WEBHOOK_URL: slack.webhookUrl },
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stderr,
    /\(dry run: would notify slack: not ready: 50% is below the threshold of 90%\)/,
  );
  assert.equal(slack.deliveries.length, before);
  assert.equal(historyOf(dir).length, 0);
  assertNoSecrets(result, dir);
});

test("the generic webhook gets the documented JSON with its headers", async () => {
  const received: {
    headers: Record<string, string | string[] | undefined>;
    body: Record<string, unknown>;
  }[] = [];
  const hook = await startTestServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    received.push({ headers: request.headers, body: JSON.parse(body) as Record<string, unknown> });
    response.writeHead(204).end();
  });
  after(() => hook.close());
  const dir = makeProject(
    'notify:\n  webhook:\n    url: "${RELEASE_HOOK}"\n    headers: { Authorization: "Bearer ${HOOK_TOKEN}" }\n',
  );
  const result = await update(dir, "2026-11-21T09:00:00Z", {
    RELEASE_HOOK: `${hook.url}/hooks/${CANARY}`,
    HOOK_TOKEN: TOKEN_CANARY,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual((JSON.parse(result.stdout) as NotifyJson).notify.sent, ["webhook"]);
  assert.equal(received.length, 1);
  assert.equal(received[0]!.headers.authorization, `Bearer ${TOKEN_CANARY}`);
  const body = received[0]!.body;
  assert.equal(body.source, "shipready");
  assert.equal(body.score, 50);
  assert.equal(body.band, "Not Ready");
  assert.equal(body.ready, false);
  assert.equal(body.blockerCount, 1);
  assertNoSecrets(result, dir, [CANARY, TOKEN_CANARY]);
});

test("with GitHub: the top three failing workflows link to their runs; buttons open the checklist and the CI runs", async () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "RELEASE.md"),
    `${CHECKLIST}\n<!-- CI_SNAPSHOT_START -->\n<!-- CI_SNAPSHOT_END -->\n`,
  );
  writeFileSync(join(dir, "shipready.yml"), configWith(""));
  initRepo(dir);
  const repo = { owner: "octo-org", repo: "octo-app" };
  const github = await startFakeGitHub({ token: GITHUB_CANARY });
  after(() => github.close());
  github.addRepo(repo);
  const names = ["Alpha <!channel>", "Beta", "Gamma", "Delta", "Epsilon"];
  names.forEach((name, i) => {
    github.addWorkflow(repo, { name, path: `.github/workflows/w${i}.yml` });
    github.addWorkflowRuns(repo, [
      ...Array.from({ length: i }, () => ({ workflow: `w${i}.yml`, conclusion: "success" })),
      { workflow: `w${i}.yml`, conclusion: "failure" },
    ]);
  });
  const before = slack.deliveries.length;
  const result = await update(
    dir,
    "2026-11-21T09:00:00Z",
    { SLACK_WEBHOOK_URL: slack.webhookUrl, GITHUB_TOKEN: GITHUB_CANARY },
    ["--api-url", github.url, "--repo", "octo-org/octo-app"],
  );
  assert.equal(result.code, 0, result.stderr);
  const [delivery] = deliveriesSince(slack, before);
  assert.ok(delivery);
  assert.deepEqual(delivery.problems, []);
  const payload = delivery.payload as {
    blocks: { type: string; text?: { text: string }; elements?: { url: string }[] }[];
  };
  const workflows = payload.blocks.find((b) => b.text?.text.startsWith("*Failing workflows"))!.text!.text;
  const lines = workflows.split("\n");
  assert.equal(lines[0], "*Failing workflows (5)*");
  assert.match(
    lines[1]!,
    /^• <http:\/\/127\.0\.0\.1:\d+\/octo-org\/octo-app\/actions\/runs\/\d+\|Alpha &lt;!channel&gt;>: last run failure, pass rate 0%$/,
  );
  assert.match(lines[2]!, /\|Beta>: last run failure, pass rate 50%$/);
  assert.match(lines[3]!, /\|Gamma>/);
  assert.equal(lines[4], "…and 2 more");
  const buttons = payload.blocks.find((b) => b.type === "actions")!.elements!.map((e) => e.url);
  assert.deepEqual(buttons, [
    `${github.webUrl}/octo-org/octo-app/blob/main/RELEASE.md`,
    `${github.webUrl}/octo-org/octo-app/actions`,
  ]);
  github.assertNoViolations();
  assertNoSecrets(result, dir, [CANARY, GITHUB_CANARY]);
});

test("update --commit --notify commits what was sent with the history, so on-change knows in a fresh clone", async () => {
  const dir = makeProject("notify:\n  policy: on-change\n");
  const hook = `${slack.server.url}/services/T000/B000/${CANARY}`;
  const result = await update(dir, "2026-11-21T09:00:00Z", { SLACK_WEBHOOK_URL: hook, ...CLI_COMMITTER }, [
    "--commit",
  ]);
  assert.equal(result.code, 0, result.stderr);
  const committed = git(dir, "show", "--name-only", "--format=", "HEAD").split("\n").sort();
  assert.deepEqual(committed, [".shipready/history.jsonl", ".shipready/notified.json", "RELEASE.md"]);
  assertNoSecrets(result, dir);
});
