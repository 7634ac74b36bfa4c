import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { git, initRepo } from "../helpers/git-repo.js";
import { isProcessRunning } from "../helpers/is-process-running.js";
import { runCli, startCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const CONFIG = `automation:
  workflows:
    - name: release_workflow
      steps: [prepare, deploy]
      timeout: 60
rollback:
  procedures:
    - name: service_rollback
      steps: [revert]
      timeout: 60
steps:
  prepare: "echo prepare {{version}} >> log.txt"
  deploy: "echo deploy {{version}} from {{previous}} on $SHIPREADY_ENV >> log.txt"
  revert: "echo revert to {{previous}} >> log.txt"
`;

/** A repository with shipready.yml, tagged v1.0.0, then one more commit tagged v1.1.0. */
function project(config = CONFIG): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "shipready.yml"), config);
  writeFileSync(join(dir, ".gitignore"), "log.txt\n.shipready/\n*.pid\n");
  initRepo(dir);
  git(dir, "tag", "v1.0.0");
  git(dir, "commit", "-q", "--allow-empty", "-m", "feat: two");
  git(dir, "tag", "v1.1.0");
  return dir;
}

function log(dir: string): string[] {
  return existsSync(join(dir, "log.txt"))
    ? readFileSync(join(dir, "log.txt"), "utf8").trim().split("\n")
    : [];
}

/** The last version of each record in the records file. */
function records(dir: string): { id: string; outcome: string; steps: { name: string; status: string }[] }[] {
  const file = join(dir, ".shipready", "deploys.jsonl");
  const last = new Map<string, { id: string; outcome: string; steps: { name: string; status: string }[] }>();
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const record = JSON.parse(line) as {
      id: string;
      outcome: string;
      steps: { name: string; status: string }[];
    };
    last.set(record.id, record);
  }
  return [...last.values()];
}

test("deploy runs the release workflow's steps, prints each, records the deploy and exits 0", () => {
  const dir = project();
  const result = runCli(["deploy"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(log(dir), ["prepare 1.1.0", "deploy 1.1.0 from 1.0.0 on production"]);
  assert.match(result.stdout, /Deploy 1\.1\.0 \([0-9a-f]{7}\) to production, replacing 1\.0\.0/);
  assert.match(result.stdout, /\[done\] prepare/);
  assert.match(result.stdout, /Deployed 1\.1\.0 .* to production/);
  const [record] = records(dir);
  assert.equal(record!.outcome, "succeeded");
  assert.deepEqual(
    record!.steps.map((s) => s.status),
    ["succeeded", "succeeded"],
  );
});

test("what a deploy could not tell is a warning, marked as one, and the deploy still goes out", () => {
  const dir = project();
  const result = runCli(["deploy"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^shipready: warning: no GitHub deployment or incident issue: /m);
  assert.deepEqual(log(dir), ["prepare 1.1.0", "deploy 1.1.0 from 1.0.0 on production"]);
});

test("rollback --to the version live already says so, runs nothing and exits 0", () => {
  const dir = project();
  assert.equal(runCli(["deploy"], { cwd: dir }).code, 0);
  const result = runCli(["rollback", "--to", "v1.1.0"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^1\.1\.0 [0-9a-f]{7} is already live in production: nothing was rolled back\.$/m,
  );
  assert.deepEqual(log(dir), ["prepare 1.1.0", "deploy 1.1.0 from 1.0.0 on production"]);
  assert.equal(records(dir).length, 1);
});

test("--dry-run prints every step with the command it would run, runs nothing, writes nothing", () => {
  const dir = project();
  const result = runCli(["deploy", "--dry-run", "--version", "2.0.0", "--env", "staging"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /prepare: echo prepare 2\.0\.0 >> log\.txt/);
  assert.match(result.stdout, /service_rollback\.revert: echo revert to 1\.0\.0 >> log\.txt/);
  assert.match(result.stdout, /Nothing was run\./);
  assert.deepEqual(log(dir), []);
  assert.equal(existsSync(join(dir, ".shipready")), false);
});

test("an invalid strategy exits 2 naming the line, and runs nothing", () => {
  const dir = project(CONFIG.replace("steps: [prepare, deploy]", "steps: [prepare, deploy, migrate]"));
  const result = runCli(["deploy"], { cwd: dir });
  assert.equal(result.code, 2, result.stdout);
  assert.match(result.stderr, /shipready\.yml:\d+/);
  assert.match(result.stderr, /migrate/);
  assert.deepEqual(log(dir), []);
});

test("a deploy of an environment another deploy holds exits 75 naming the holder", () => {
  const dir = project();
  const holder = {
    pid: process.pid,
    host: hostname(),
    recordId: "production-1-abc",
    startedAt: new Date().toISOString(),
    command: "deploy",
  };
  const locks = join(dir, ".shipready", "locks");
  mkdirSync(locks, { recursive: true });
  writeFileSync(join(locks, "production.lock"), JSON.stringify(holder));
  const result = runCli(["deploy"], { cwd: dir });
  assert.equal(result.code, 75);
  assert.deepEqual(log(dir), []);
  assert.match(result.stderr, /production is locked by another deploy: production-1-abc, process \d+/);
});

test("Ctrl+C during a step stops its processes, records the deploy as interrupted there, and exits 130; --resume finishes it", async () => {
  const dir = project(CONFIG.replace(/deploy: ".*"/, `deploy: "sleep 30 & echo $! > sleeper.pid; wait"`));
  const child = startCli(["deploy"], { cwd: dir });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const pidFile = join(dir, "sleeper.pid");
  for (let i = 0; i < 400 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(existsSync(pidFile), "the deploy step did not start");
  const sleeper = Number(readFileSync(pidFile, "utf8").trim());
  child.kill("SIGINT");
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  assert.equal(code, 130);
  assert.equal(isProcessRunning(sleeper), false, "the step's process outlived the interruption");
  const [record] = records(dir);
  assert.equal(record!.outcome, "interrupted");
  assert.deepEqual(
    record!.steps.map((s) => [s.name, s.status]),
    [
      ["prepare", "succeeded"],
      ["deploy", "interrupted"],
    ],
  );
  assert.match(out, /Interrupted during deploy/);
  assert.equal(
    existsSync(join(dir, ".shipready", "locks", "production.lock")),
    false,
    "the lock was given back",
  );

  writeFileSync(join(dir, "shipready.yml"), CONFIG);
  const resumed = runCli(["deploy", "--resume"], { cwd: dir });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual(log(dir), ["prepare 1.1.0", "deploy 1.1.0 from 1.0.0 on production"]);
  const after = records(dir);
  assert.equal(after.length, 1);
  assert.equal(after[0]!.outcome, "succeeded");
});

test("rollback runs the procedure to --to, records it, and exits 0; promote with nothing waiting exits 2", () => {
  const dir = project();
  const result = runCli(["rollback", "--to", "1.0.0", "--reason", "errors"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(log(dir), ["revert to 1.0.0"]);
  assert.match(result.stdout, /Rolled back: production is on 1\.0\.0/);
  const promote = runCli(["promote"], { cwd: dir });
  assert.equal(promote.code, 2);
  assert.match(promote.stderr, /no deploy of production is running/);
});

test("verify --watch: a failed monitoring window fires monitoring_failure and rolls back; --no-rollback only reports", () => {
  const config = `${CONFIG}monitoring:
  metrics:
    - name: error_ratio
      interval: 1
sources:
  error_ratio:
    command: { run: "cat ratio.txt" }
    max: 0.01
`;
  const dir = project(config);
  writeFileSync(join(dir, "ratio.txt"), "0.5\n");
  const reported = runCli(["verify", "--watch", "3s", "--no-rollback"], { cwd: dir });
  assert.equal(reported.code, 1, reported.stderr);
  assert.deepEqual(log(dir), [], "--no-rollback runs no step");

  const watched = runCli(["verify", "--watch", "3s"], { cwd: dir });
  assert.equal(watched.code, 1, watched.stderr);
  assert.match(watched.stdout, /monitoring_failure fired: rolling back production/);
  assert.deepEqual(log(dir), ["revert to 1.0.0"]);
  const file = join(dir, ".shipready", "deploys.jsonl");
  const rollback = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as { kind: string; outcome: string; rollback?: { trigger: string; reason: string } },
    )
    .filter((r) => r.kind === "rollback")
    .at(-1);
  assert.equal(rollback?.outcome, "succeeded");
  assert.equal(rollback?.rollback?.trigger, "monitoring_failure");
  assert.match(rollback?.rollback?.reason ?? "", /error_ratio/);
});
