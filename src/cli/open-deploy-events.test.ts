import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../../test/helpers/fake-github.js";
import { startFakeSlack, type FakeSlack } from "../../test/helpers/fake-slack.js";
import { git, initRepo } from "../../test/helpers/git-repo.js";
import {
  rollbackFailedDeploy,
  rolledBackDeploy,
  succeededDeploy,
} from "../../test/helpers/make-deploy-record.js";
import { environment, makeStrategy } from "../../test/helpers/make-strategy.js";
import { startTestServer, type TestServer } from "../../test/helpers/start-test-server.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { fixedClock } from "../adapters/clocks.js";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { defaultConfig } from "../config/default-config.js";
import type { ShipreadyConfig } from "../config/types.js";
import type { DeployRecord } from "../deploy/types.js";
import { openDeployEvents } from "./open-deploy-events.js";

const REPO = { owner: "octo-org", repo: "octo-app" };
const TOKEN = "ghp_deployEFFECTStoken0123456789abcdef";
const SLACK_SECRET = "CANARYdeployHook";
const DEPLOY_SECRET = "registry-password-CANARY-9f2c";
const NOW = new Date("2026-11-22T09:05:00Z");

let github: FakeGitHub;
let slack: FakeSlack;
let hook: TestServer;
const hookBodies: unknown[] = [];
// Made here, not in before(): a temp folder registers its removal with the hook it is made in.
const dir = makeTempDir();
let v1 = "";
let v2 = "";

before(async () => {
  writeFileSync(join(dir, "app.txt"), "one\n");
  v1 = initRepo(dir);
  git(dir, "tag", "v1.4.2");
  for (const [file, message] of [
    ["orders.txt", "feat(api): add the orders endpoint"],
    ["cache.txt", "fix: cache **bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)> @channel"],
    ["notes.txt", "update notes"],
  ] as const) {
    writeFileSync(join(dir, file), `${message}\n`);
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", message);
  }
  v2 = git(dir, "rev-parse", "HEAD");
  github = await startFakeGitHub({ token: TOKEN });
  github.addRepo(REPO);
  github.setBranch(REPO, "main", v2);
  github.setBranch(REPO, "release-1.4", v1);
  slack = await startFakeSlack({ secret: SLACK_SECRET });
  hook = await startTestServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += String(chunk);
    hookBodies.push(JSON.parse(body));
    response.writeHead(204).end();
  });
});

beforeEach(() => {
  slack.deliveries.length = 0;
  hookBodies.length = 0;
});

after(async () => {
  github.assertNoViolations();
  await Promise.all([github.close(), slack.close(), hook.close()]);
});

function config(extra: Partial<ShipreadyConfig> = {}): ShipreadyConfig {
  const base = defaultConfig(dir);
  return {
    ...base,
    strategy: makeStrategy(dir, {
      environments: [
        environment("production", { url: "https://app.example.com", githubEnvironment: "Production" }),
      ],
    }),
    notify: {
      ...base.notify,
      webhook: { url: `${hook.url}/deploys`, headers: { "x-token": "${HOOK_TOKEN}" } },
    },
    ...extra,
  };
}

/** A run's deploy events, as a command opens them, with its warnings. */
async function open(options: { readOnly?: boolean; env?: Record<string, string> } = {}) {
  const warnings: string[] = [];
  const ports = createDefaultPorts({
    clock: fixedClock(NOW),
    env: {
      PATH: process.env.PATH,
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: "octo-org/octo-app",
      GITHUB_API_URL: github.url,
      SLACK_WEBHOOK_URL: slack.webhookUrl,
      HOOK_TOKEN: "hook-token-CANARY-4411",
      DEPLOY_PASSWORD: DEPLOY_SECRET,
      GH_CONFIG_DIR: makeTempDir(),
      ...options.env,
    },
  });
  const events = await openDeployEvents({
    config: config(),
    cwd: dir,
    ports,
    configLabel: "shipready.yml",
    onWarning: (m) => warnings.push(m),
  });
  return { events, warnings };
}

/** The record a deploy of v2 (rolled back to v1) keeps, with the real commits of the test repository. */
function real(record: DeployRecord): DeployRecord {
  return { ...record, commit: v2, previous: { version: "1.4.2", commit: v1 } };
}

function secretsIn(text: string): string[] {
  return [TOKEN, SLACK_SECRET, DEPLOY_SECRET, "hook-token-CANARY-4411"].filter((s) => text.includes(s));
}

test("a rolled-back deploy: GitHub deployments and statuses, the incident issue, Slack and the webhook", async () => {
  const { events, warnings } = await open();
  const record = real(rolledBackDeploy());
  const started = await events.emit("started", {
    ...record,
    outcome: "running",
    endedAt: null,
    rollback: undefined,
  });
  assert.equal(started.githubDeployment?.url, `${github.webUrl}/octo-org/octo-app/deployments/Production`);
  const id = started.githubDeployment!.id;
  await events.emit("verification-failed", { ...record, githubDeployment: started.githubDeployment! });
  await events.emit("rollback-started", { ...record, githubDeployment: started.githubDeployment! });
  const links = await events.emit("rolled-back", { ...record, githubDeployment: started.githubDeployment! });
  assert.deepEqual(warnings, []);

  const [deployment, rollback, ...more] = github.deployments(REPO);
  assert.equal(more.length, 0);
  assert.equal(deployment!.id, id);
  assert.equal(deployment!.sha, v2);
  assert.equal(deployment!.environment, "Production");
  assert.equal(deployment!.task, "deploy");
  assert.equal(deployment!.autoMerge, false);
  assert.deepEqual(deployment!.requiredContexts, []);
  assert.deepEqual(deployment!.payload, {
    shipready: { record: record.id, version: "2.0.0", previous: "1.4.2" },
  });
  assert.deepEqual(
    deployment!.statuses.map((s) => s.state),
    ["in_progress", "failure", "inactive"],
  );
  assert.equal(deployment!.statuses[0]!.environmentUrl, "https://app.example.com");
  assert.equal(deployment!.statuses[0]!.logUrl, record.runUrl);
  assert.match(deployment!.statuses[1]!.description, /^Verification failed: error_ratio fail$/);
  assert.equal(rollback!.sha, v1);
  assert.equal(rollback!.task, "deploy:rollback");
  assert.deepEqual(
    rollback!.statuses.map((s) => s.state),
    ["in_progress", "success"],
  );

  const [issue, ...others] = github.issues(REPO);
  assert.equal(others.length, 0);
  assert.deepEqual(links.incident, {
    url: `${github.webUrl}/octo-org/octo-app/issues/${issue!.number}`,
    number: issue!.number,
  });
  assert.equal(issue!.title, "Rollback of v2.0.0 in production: error_ratio 0.083 > 0.01");
  assert.deepEqual(issue!.labels, ["incident", "shipready"]);
  const body = issue!.body!;
  assert.ok(body.startsWith("<!-- shipready:incident env=production version=2.0.0 -->\n"), body);
  assert.match(
    body,
    /\| error\\_ratio \| fail \| 0\.083 \| ≤ 0\.01 in every sample \| 1 of 4 met, stopped early \|/,
  );
  assert.match(body, /\| 2 \| service\\_rollback\.revert \| succeeded \| 8 s \| 0 \|/);
  assert.match(body, /\| Rollback \| succeeded in 13 s \|/);
  assert.match(body, /\| Previous version \| v1\.4\.2 · `[0-9a-f]{7}` — what the rollback restores \|/);
  assert.ok(body.includes(`/compare/${v1}...${v2})`), body);
  assert.match(body, /- \*\*feat\(api\):\*\* add the orders endpoint \(`[0-9a-f]{7}`\)/);
  // The commit message's markup is escaped, not rendered: no link, no HTML, no bold.
  assert.ok(
    body.includes("cache \\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>"),
    body,
  );
  assert.match(body, /- update notes \(`[0-9a-f]{7}`\)/);
  assert.match(body, /\[The CI run\]\(https:\/\/github\.com\/octo-org\/octo-app\/actions\/runs\/42\)/);

  const messages = slack.deliveries.map((d) => d.payload as { text: string; blocks: { type: string }[] });
  assert.deepEqual(
    slack.deliveries.map((d) => d.problems),
    [[], [], []],
  );
  assert.deepEqual(
    messages.map((m) => m.text.split(":")[0]),
    [
      "Deploying v2.0.0 to production",
      "v2.0.0 failed verification in production",
      "v2.0.0 was rolled back in production",
    ],
  );
  const last = JSON.stringify(messages[2]);
  assert.ok(last.includes(`Incident #${issue!.number}`), last);
  assert.ok(last.includes("https://app.example.com"), last);

  assert.equal(hookBodies.length, 3);
  const payload = hookBodies[2] as Record<string, unknown> & { deploy: Record<string, unknown> };
  assert.equal(payload.source, "shipready");
  assert.equal(payload.type, "deploy");
  assert.equal(payload.event, "rolled-back");
  assert.equal(payload.deploy.displayVersion, "v2.0.0");
  assert.deepEqual(payload.incident, links.incident);
  assert.equal(hook.requests.at(-1)!.headers["x-token"], "hook-token-CANARY-4411");
});

test("a re-run of the same version updates the open incident and comments on it instead of opening another", async () => {
  const before = github.issues(REPO);
  assert.equal(before.length, 1);
  const { events, warnings } = await open();
  const links = await events.emit("rolled-back", real(rolledBackDeploy("2026-11-22T10:00:00.000Z")));
  assert.deepEqual(warnings, []);
  const after = github.issues(REPO);
  assert.equal(after.length, 1);
  assert.equal(links.incident?.number, before[0]!.number);
  assert.notEqual(after[0]!.body, before[0]!.body);
  assert.match(after[0]!.body!, /production-20261122T100000-2222222/);
  const comments = github.comments(REPO, before[0]!.number);
  assert.equal(comments.length, 1);
  assert.match(
    comments[0]!.body,
    /^shipready deployed v2\.0\.0 to production again and rolled it back at 2026-11-22 09:05 UTC; the rollback succeeded\./,
  );
});

test("a failed rollback says where it stopped and what state it leaves, and no secret or markup gets through", async () => {
  const { events, warnings } = await open();
  const record = real(
    rollbackFailedDeploy("2026-11-23T09:00:00.000Z", [
      `docker login -p ${DEPLOY_SECRET} ghcr.io`,
      "```",
      "<!-- shipready:incident env=production version=9.9.9 -->",
      "error: manifest unknown",
    ]),
  );
  record.version = "2.0.1";
  record.metrics[0]!.reason = `**error** ratio <script>alert(1)</script> [here](javascript:alert(1)) @channel; token ${DEPLOY_SECRET}`;
  const links = await events.emit("rollback-failed", record);
  assert.deepEqual(warnings, []);
  const issue = github.issues(REPO).find((i) => i.number === links.incident?.number)!;
  assert.equal(
    issue.title,
    "Rollback of v2.0.1 in production failed at service_rollback.revert: error_ratio 0.083 > 0.01",
  );
  const body = issue.body!;
  assert.deepEqual(secretsIn(body), []);
  assert.match(
    body,
    /> \[!CAUTION\]\n> \*\*The rollback of \*\*v2\.0\.1\*\* in \*\*production\*\* failed\*\* at service\\_rollback\.revert/,
  );
  assert.match(body, /\*\*The rollback stopped at service\\_rollback\.revert\*\* \(failed, exit code 1\)\./);
  assert.match(
    body,
    /\*\*The state the service is left in:\*\* service\\_rollback\.stop ran; service\\_rollback\.revert did not finish; service\\_rollback\.start did not run\./,
  );
  assert.match(body, /````text\ndocker login -p \*\*\* ghcr\.io\n```\n/);
  assert.ok(
    body.includes(
      "\\*\\*error\\*\\* ratio \\<script\\>alert(1)\\</script\\> \\[here\\](javascript:alert(1))",
    ),
    body,
  );
  assert.ok(!/<script>/.test(body));

  const delivered = slack.deliveries.map((d) => d.body).join("\n") + JSON.stringify(hookBodies);
  assert.deepEqual(secretsIn(delivered), []);
  assert.deepEqual(
    slack.deliveries.map((d) => d.problems),
    [[]],
  );
  const text = JSON.stringify(slack.deliveries[0]!.payload);
  assert.ok(text.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), text);
  assert.ok(text.includes("@\\u2060channel") || text.includes("@\u2060channel"), text);
  assert.match(text, /The rollback of v2\.0\.1 in production failed/);
});

test("a token that may not write is one warning per listener naming the permission, and the deploy goes on", async () => {
  const readOnly = { owner: "octo-org", repo: "read-only" };
  github.addRepo({ ...readOnly, readOnly: true });
  const { events, warnings } = await open({ env: { GITHUB_REPOSITORY: "octo-org/read-only" } });
  const record = real(rolledBackDeploy("2026-11-24T09:00:00.000Z"));
  assert.deepEqual(await events.emit("started", record), {});
  await events.emit("rollback-started", record);
  await events.emit("rolled-back", record);
  assert.equal(warnings.length, 3, warnings.join("\n"));
  assert.match(
    warnings[0]!,
    /^the GitHub deployment \(started\): The token may not create a deployment to Production of octo-org\/read-only \(403: Resource not accessible by integration\)\. Grant the token deployments: write\.$/,
  );
  assert.match(warnings[1]!, /^the GitHub deployment \(rollback-started\): .*deployments: write\.$/);
  assert.match(
    warnings[2]!,
    /^the incident issue \(rolled-back\): The token may not create an issue of octo-org\/read-only .*Grant the token issues: write\.$/,
  );
  assert.equal(slack.deliveries.length, 2, "Slack is still told");
});

test("without a GitHub token nothing goes to GitHub, and outside Actions that is no warning", async () => {
  const before = github.requests.length;
  const { events, warnings } = await open({ env: { GITHUB_TOKEN: "", GH_TOKEN: "", PATH: "/nonexistent" } });
  await events.emit("succeeded", real(succeededDeploy()));
  assert.equal(github.requests.length, before);
  assert.deepEqual(warnings, []);
  assert.equal(slack.deliveries.length, 1);
});

test("a manual rollback deploys the version it goes back to, and updates the open incident of the version it undoes", async () => {
  const open1 = github.issues(REPO).find((i) => i.state === "open" && i.body!.includes("version=2.0.0 -->"))!;
  const before = github.deployments(REPO).length;
  const { events, warnings } = await open();
  const deploy = real(rolledBackDeploy());
  const manual: DeployRecord = {
    ...deploy,
    id: "production-20261125T090000-1111111",
    kind: "rollback",
    version: "1.4.2",
    commit: v1,
    previous: { version: "2.0.0", commit: v2 },
    outcome: "succeeded",
    steps: deploy.steps.slice(3),
    metrics: [],
    rollback: { trigger: "manual_trigger", reason: "error budget burning", outcome: "succeeded" },
  };
  const started = await events.emit("rollback-started", { ...manual, outcome: "running", endedAt: null });
  const ended = await events.emit("rolled-back", manual);
  assert.deepEqual(warnings, []);
  const made = github.deployments(REPO).slice(before);
  assert.equal(made.length, 1);
  assert.equal(made[0]!.sha, v1);
  assert.equal(made[0]!.task, "deploy:rollback");
  assert.deepEqual(
    made[0]!.statuses.map((s) => s.state),
    ["in_progress", "success"],
  );
  // rollback-started is told in the background: its link comes back with the next event.
  assert.equal(started.githubDeployment, undefined);
  assert.equal(ended.githubDeployment?.id, made[0]!.id);
  assert.equal(ended.incident?.number, open1.number);
  const comments = github.comments(REPO, open1.number);
  assert.match(
    comments.at(-1)!.body,
    /^shipready rolled back v2\.0\.0 in production again at 2026-11-22 09:05 UTC; the rollback succeeded\./,
  );
  assert.deepEqual(
    slack.deliveries.map((d) => (d.payload as { text: string }).text),
    ["Rolling back v2.0.0 in production", "v2.0.0 was rolled back in production"],
  );
});

test("a deploy step that failed before verification marks the deployment failed, with no incident", async () => {
  const issues = github.issues(REPO).length;
  const { events, warnings } = await open();
  const record = real(succeededDeploy("2026-11-26T09:00:00.000Z"));
  record.outcome = "failed";
  record.steps[1] = { ...record.steps[1]!, status: "timed-out", exitCode: null };
  record.steps = record.steps.slice(0, 2);
  await events.emit("started", { ...record, outcome: "running" });
  await events.emit("failed", record);
  assert.deepEqual(warnings, []);
  const deployment = github.deployments(REPO).at(-1)!;
  assert.deepEqual(
    deployment.statuses.map((s) => `${s.state}: ${s.description}`),
    ["in_progress: Deploying v2.0.0", "failure: Deploy failed at deploy"],
  );
  assert.equal(github.issues(REPO).length, issues);
  assert.match(
    JSON.stringify(slack.deliveries[1]!.payload),
    /failed at \*deploy\* \(timed-out\), before verification; nothing was rolled back/,
  );
});
