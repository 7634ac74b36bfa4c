import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { startFakeSlack, type FakeSlack } from "../helpers/fake-slack.js";
import { git, initRepo } from "../helpers/git-repo.js";
import { runCliAsync } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// `shipready deploy` and `shipready rollback` as a user runs them, with a GitHub token in the
// environment and Slack in notify:: the deploy listeners are wired to the commands, so GitHub gets
// the deployment and its statuses and the incident issue, and Slack gets the messages.

const REPO = { owner: "octo-org", repo: "octo-app" };
const TOKEN = "ghp_deployWIRINGtoken0123456789abcdef";

// validate is left out of the release workflow (it would check the commit's readiness); the error
// ratio is what ratio.txt says, against a max of 0.01: 0.5 fails the verification at its first sample.
const CONFIG = `strategy:
  stages:
    - name: post_release
      validation: true
      rollback: true
      monitoring: false
      procedures: [service_rollback]
rollback:
  triggers:
    - name: validation_failure
      action: rollback
      timeout: 60
    - name: manual_trigger
      action: rollback
      timeout: 60
  procedures:
    - name: service_rollback
      steps: [revert]
      timeout: 60
validation:
  metrics:
    - name: error_ratio
      threshold: 0.99
      window: 6
automation:
  workflows:
    - name: release_workflow
      steps: [deploy, verify]
      timeout: 300
steps:
  deploy: "echo deployed {{version}} >> deployed.txt"
  revert: "echo reverted to {{previous}} >> reverted.txt"
sources:
  error_ratio:
    command: { run: "cat ratio.txt" }
    max: 0.01
environments:
  production:
    url: "https://app.example.com"
notify:
  slack: { webhook: "\${SLACK_WEBHOOK_URL}" }
`;

let github: FakeGitHub;
let slack: FakeSlack;

before(async () => {
  github = await startFakeGitHub({ token: TOKEN });
  github.addRepo(REPO);
  slack = await startFakeSlack();
});

after(async () => {
  await Promise.all([github.close(), slack.close()]);
  github.assertNoViolations();
});

/** A repository with shipready.yml at v1.0.0, then one more commit: the one deployed. */
function project(ratio: string): { dir: string; head: string; base: string } {
  const dir = makeTempDir();
  writeFileSync(join(dir, "ratio.txt"), `${ratio}\n`);
  writeFileSync(join(dir, "shipready.yml"), CONFIG);
  writeFileSync(join(dir, ".gitignore"), "*.txt\n.shipready/\n");
  const base = initRepo(dir);
  git(dir, "tag", "v1.0.0");
  writeFileSync(join(dir, "orders.js"), "export {};\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "feat(api): add the orders endpoint");
  return { dir, head: git(dir, "rev-parse", "HEAD"), base };
}

function lines(dir: string, file: string): string[] {
  const path = join(dir, file);
  return existsSync(path) ? readFileSync(path, "utf8").trim().split("\n") : [];
}

function gitHubEnv(repo = REPO): Record<string, string> {
  return {
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: `${repo.owner}/${repo.repo}`,
    GITHUB_API_URL: github.url,
    SLACK_WEBHOOK_URL: slack.webhookUrl,
    GH_CONFIG_DIR: makeTempDir(),
  };
}

function slackTexts(since: number): string[] {
  return slack.deliveries.slice(since).map((d) => (d.payload as { text: string }).text);
}

test("a deploy that fails verification tells GitHub (deployment, statuses, incident issue) and Slack; a second one updates the same issue", async () => {
  const { dir, head, base } = project("0.5");
  // GitHub has both commits, as it has every pushed one: a deployment names a commit GitHub has.
  github.setBranch(REPO, "main", head);
  github.setBranch(REPO, "release-1.0", base);
  const slackBefore = slack.deliveries.length;

  const result = await runCliAsync(["deploy", "--version", "v2.0.0"], { cwd: dir, env: gitHubEnv() });
  assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
  assert.deepEqual(lines(dir, "deployed.txt"), ["deployed v2.0.0"]);
  assert.deepEqual(lines(dir, "reverted.txt"), ["reverted to 1.0.0"]);
  assert.equal(result.stderr, "", "a listener failed");
  assert.ok(!`${result.stdout}${result.stderr}`.includes(TOKEN), "the token was printed");

  const [deployment, rollback, ...more] = github.deployments(REPO);
  assert.equal(more.length, 0);
  assert.equal(deployment!.sha, head);
  assert.equal(deployment!.task, "deploy");
  assert.equal(deployment!.environment, "production");
  assert.deepEqual(
    deployment!.statuses.map((s) => s.state),
    ["in_progress", "failure", "inactive"],
  );
  assert.equal(deployment!.statuses[0]!.environmentUrl, "https://app.example.com");
  assert.match(deployment!.statuses[1]!.description, /error_ratio/);
  assert.equal(rollback!.task, "deploy:rollback");
  assert.equal(rollback!.sha, base);
  assert.deepEqual(
    rollback!.statuses.map((s) => s.state),
    ["in_progress", "success"],
  );

  const [issue, ...others] = github.issues(REPO);
  assert.equal(others.length, 0);
  assert.ok(issue!.labels.includes("incident"), issue!.labels.join(", "));
  assert.equal(issue!.state, "open");
  assert.match(issue!.title, /v2\.0\.0 in production.*error_ratio/);
  assert.match(issue!.body!, /\| error\\_ratio \| fail \| 0\.5 \|/);
  assert.match(issue!.body!, /service\\_rollback\.revert \| succeeded/);
  assert.match(issue!.body!, /feat\(api\):\*\* add the orders endpoint/);

  assert.deepEqual(
    slack.deliveries.slice(slackBefore).map((d) => d.problems),
    slack.deliveries.slice(slackBefore).map(() => []),
  );
  const texts = slackTexts(slackBefore);
  assert.match(texts[0]!, /^Deploying v2\.0\.0 to production/);
  assert.ok(
    texts.some((t) => /^v2\.0\.0 was rolled back in production/.test(t)),
    texts.join("\n"),
  );

  const again = await runCliAsync(["deploy", "--version", "v2.0.0"], { cwd: dir, env: gitHubEnv() });
  assert.equal(again.code, 1, `${again.stdout}\n${again.stderr}`);
  assert.equal(again.stderr, "", "a listener failed");
  const issues = github.issues(REPO);
  assert.equal(issues.length, 1, "a second incident issue was opened");
  assert.notEqual(issues[0]!.body, issue!.body);
  const comments = github.comments(REPO, issue!.number);
  assert.equal(comments.length, 1);
  assert.match(comments[0]!.body, /v2\.0\.0 to production again and rolled it back/);
  assert.equal(github.deployments(REPO).length, 4);
});

test("a manual rollback of a deploy that passed tells GitHub the rollback's deployment, opens the incident and tells Slack", async () => {
  const repo = { owner: "octo-org", repo: "octo-rollback" };
  github.addRepo(repo);
  const { dir, head, base } = project("0.001");
  github.setBranch(repo, "main", head);
  github.setBranch(repo, "release-1.0", base);
  const deployed = await runCliAsync(["deploy", "--version", "v2.0.0"], { cwd: dir, env: gitHubEnv(repo) });
  assert.equal(deployed.code, 0, `${deployed.stdout}\n${deployed.stderr}`);
  assert.equal(deployed.stderr, "", "a listener failed");
  const [deployment] = github.deployments(repo);
  assert.equal(deployment!.sha, head);
  assert.deepEqual(
    deployment!.statuses.map((s) => s.state),
    ["in_progress", "success"],
  );
  assert.deepEqual(github.issues(repo), []);

  const slackBefore = slack.deliveries.length;
  const result = await runCliAsync(["rollback", "--reason", "error budget burning"], {
    cwd: dir,
    env: gitHubEnv(repo),
  });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.equal(result.stderr, "", "a listener failed");
  assert.deepEqual(lines(dir, "reverted.txt"), ["reverted to 1.0.0"]);
  const [undone, rollback, ...more] = github.deployments(repo);
  assert.equal(more.length, 0);
  // The deploy rolled back is no longer what runs there.
  assert.deepEqual(
    undone!.statuses.map((s) => s.state),
    ["in_progress", "success", "inactive"],
  );
  assert.equal(rollback!.sha, base);
  assert.equal(rollback!.task, "deploy:rollback");
  assert.deepEqual(
    rollback!.statuses.map((s) => s.state),
    ["in_progress", "success"],
  );
  const [issue, ...others] = github.issues(repo);
  assert.equal(others.length, 0);
  assert.ok(issue!.labels.includes("incident"), issue!.labels.join(", "));
  assert.match(issue!.body!, /error budget burning/);
  assert.match(issue!.body!, /manual\\_trigger/);
  assert.deepEqual(slackTexts(slackBefore), [
    "Rolling back v2.0.0 in production",
    "v2.0.0 was rolled back in production",
  ]);
});

test("without a GitHub token a deploy makes no GitHub request and prints no warning about it", async () => {
  const { dir } = project("0.5");
  const before = github.requests.length;
  const env = gitHubEnv();
  delete (env as Record<string, string | undefined>).GITHUB_TOKEN;
  const result = await runCliAsync(["deploy", "--version", "v2.0.0"], { cwd: dir, env });
  assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
  assert.deepEqual(lines(dir, "reverted.txt"), ["reverted to 1.0.0"]);
  assert.equal(github.requests.length, before);
  assert.equal(result.stderr, "");
});
