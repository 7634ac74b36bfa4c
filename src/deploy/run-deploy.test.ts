import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ConfigError, LockedError, InputError } from "../errors.js";
import { git, initRepo } from "../../test/helpers/git-repo.js";
import { isProcessRunning } from "../../test/helpers/is-process-running.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import {
  FAIL,
  INCONCLUSIVE,
  PASS,
  fixedVerify,
  makeConfig,
  makeDeployPorts,
  makeStrategy,
} from "../../test/helpers/deploy-run.js";
import { promoteDeploy } from "./promote-deploy.js";
import { runDeploy } from "./run-deploy.js";
import type { DeployStrategy, StageSpec } from "./types.js";

const MINUTE = 60_000;

/** A repository whose first commit is tagged v1.0.0 and whose HEAD is a second commit tagged v1.1.0. */
function repo(): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "app.txt"), "one\n");
  initRepo(dir);
  git(dir, "tag", "v1.0.0");
  writeFileSync(join(dir, "app.txt"), "two\n");
  git(dir, "commit", "-qam", "feat: two");
  git(dir, "tag", "v1.1.0");
  return dir;
}

function lines(dir: string, file = "log.txt"): string[] {
  return existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim().split("\n") : [];
}

function postRelease(parts: Partial<StageSpec> = {}): StageSpec {
  return {
    name: "post_release",
    validation: true,
    rollback: true,
    monitoring: true,
    procedures: [],
    inconclusive: "rollback",
    ...parts,
  };
}

/** deploy -> verify, with a service_rollback of stop, revert, start: each step appends to log.txt. */
function strategyIn(dir: string, parts: Partial<DeployStrategy> = {}): DeployStrategy {
  return makeStrategy(dir, {
    workflows: [{ name: "release_workflow", steps: ["deploy", "verify"], timeoutMs: 30 * MINUTE }],
    procedures: [{ name: "service_rollback", steps: ["stop", "revert", "start"], timeoutMs: 5 * MINUTE }],
    stages: [postRelease()],
    metrics: [
      {
        name: "error_ratio",
        block: "validation",
        source: { kind: "command", run: "echo 0", timeoutMs: 1000 },
        judgement: { max: 0.01, share: 1 },
        windowMs: 1000,
        intervalMs: 100,
        initialDelayMs: 0,
        critical: true,
      },
    ],
    steps: {
      deploy: { kind: "command", run: "echo deploy {{version}} from {{previous}} >> log.txt" },
      stop: { kind: "command", run: "echo stop >> log.txt" },
      revert: {
        kind: "command",
        run: "echo revert to {{previous}} at $SHIPREADY_PREVIOUS_COMMIT >> log.txt",
      },
      start: { kind: "command", run: "echo start >> log.txt" },
    },
    ...parts,
  });
}

test("runs the release workflow's steps in order, with templates and SHIPREADY_* variables, and records each step", async () => {
  const dir = repo();
  const head = git(dir, "rev-parse", "HEAD");
  const strategy = strategyIn(dir, {
    environments: [{ name: "staging", public: false, vars: { REGION: "eu west" } }],
    steps: {
      deploy: {
        kind: "command",
        run: 'echo "deploy {{version}} {{commit}} {{env}} from {{previous}}" >> log.txt && echo "$SHIPREADY_ENV $SHIPREADY_VERSION $SHIPREADY_COMMIT $SHIPREADY_PREVIOUS_VERSION [$REGION]" >> log.txt',
      },
    },
  });
  const ports = makeDeployPorts(dir, strategy);
  const report = await runDeploy(
    { config: makeConfig(dir, strategy), environment: "staging", actor: "ada" },
    ports,
  );
  assert.equal(report.record.outcome, "succeeded");
  assert.deepEqual(lines(dir), [
    `deploy 1.1.0 ${head} staging from 1.0.0`,
    `staging 1.1.0 ${head} 1.0.0 [eu west]`,
  ]);
  assert.deepEqual(
    report.record.steps.map((s) => [s.name, s.status]),
    [
      ["deploy", "succeeded"],
      ["verify", "succeeded"],
    ],
  );
  assert.equal(report.record.commit, head);
  assert.deepEqual(report.record.previous, { version: "1.0.0", commit: git(dir, "rev-parse", "v1.0.0") });
  // Put at the start, after each step, and at the end.
  const puts = ports.records.puts.map((r) => [r.outcome, r.steps.length]);
  assert.deepEqual(puts[0], ["running", 0]);
  assert.deepEqual(puts.at(-1), ["succeeded", 2]);
  assert.ok(puts.some(([o, n]) => o === "running" && n === 1));
  assert.deepEqual(
    ports.events.told.map((t) => t.type),
    ["started", "succeeded"],
  );
  // The lock is given back.
  assert.equal(await ports.locks.holder("staging"), null);
});

test("a --version and a value with spaces and quotes reach the command as one word", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    steps: { deploy: { kind: "command", run: "printf '%s|' {{version}} > words.txt" } },
  });
  const ports = makeDeployPorts(dir, strategy);
  await runDeploy({ config: makeConfig(dir, strategy), version: "2 'x'; rm -rf /", actor: null }, ports);
  assert.equal(readFileSync(join(dir, "words.txt"), "utf8"), "2 'x'; rm -rf /|");
});

test("secrets in the environment and in the environment's vars never reach the record or the plan lines", async () => {
  const dir = repo();
  const token = "tok-8f3a9c2e71b54d06a1";
  const key = "key-0b7d6e5f4a3c2b1a99";
  const strategy = strategyIn(dir, {
    environments: [{ name: "production", public: false, vars: { API_SECRET: key } }],
    steps: {
      deploy: { kind: "command", run: `echo token=$DEPLOY_TOKEN key=$API_SECRET; echo ${key}; exit 1` },
    },
  });
  const ports = makeDeployPorts(dir, strategy, {}, { DEPLOY_TOKEN: token });
  const shown: string[] = [];
  const { record } = await runDeploy(
    { config: makeConfig(dir, strategy), actor: null, progress: { onStepStart: (s) => shown.push(s.runs) } },
    ports,
  );
  assert.equal(record.outcome, "failed");
  assert.equal(record.steps[0]!.tail?.length, 2);
  const everything = JSON.stringify([ports.records.puts, shown]);
  assert.ok(!everything.includes(token), "the token leaked");
  assert.ok(!everything.includes(key), "the environment's secret leaked");
});

test("a metric source that cannot be read stops the deploy before anything runs", async () => {
  const dir = repo();
  const strategy = strategyIn(dir);
  const ports = makeDeployPorts(dir, strategy, {
    checkSource: async () => "Prometheus rejected the query: parse error at char 5",
  });
  await assert.rejects(
    runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.exitCode === 2 &&
      error.problems.some((p) => p.includes("error_ratio: Prometheus rejected the query")),
  );
  assert.deepEqual(lines(dir), []);
  assert.equal(ports.records.puts.length, 0);
});

test("a step named by a procedure runs the procedure's steps, each looked up as <procedure>.<step> first", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    workflows: [
      { name: "release_workflow", steps: ["data_migration", "deploy", "verify"], timeoutMs: 30 * MINUTE },
    ],
    procedures: [{ name: "data_migration", steps: ["backup", "migrate"], timeoutMs: MINUTE }],
    steps: {
      backup: { kind: "command", run: "echo plain backup >> log.txt" },
      "data_migration.backup": { kind: "command", run: "echo qualified backup >> log.txt" },
      migrate: { kind: "command", run: "echo migrate >> log.txt" },
      deploy: { kind: "command", run: "echo deploy >> log.txt" },
    },
  });
  const ports = makeDeployPorts(dir, strategy);
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.deepEqual(lines(dir), ["qualified backup", "migrate", "deploy"]);
  assert.deepEqual(
    record.steps.map((s) => s.name),
    ["data_migration.backup", "data_migration.migrate", "deploy", "verify"],
  );
});

test("a step past its timeout is stopped with everything it started, and the deploy fails there", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    steps: {
      deploy: {
        kind: "command",
        run: "sleep 30 & echo $! > grandchild.pid; echo started >> log.txt; wait",
        timeoutMs: 400,
      },
    },
  });
  const ports = makeDeployPorts(dir, strategy);
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(record.outcome, "failed");
  assert.equal(record.steps.length, 1);
  assert.equal(record.steps[0]!.status, "timed-out");
  const grandchild = Number(readFileSync(join(dir, "grandchild.pid"), "utf8"));
  assert.equal(isProcessRunning(grandchild), false, "the step's grandchild outlived its timeout");
  assert.deepEqual(
    ports.events.told.map((t) => t.type),
    ["started", "failed"],
  );
});

test("without a timeout of its own a step gets what is left of its workflow's", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    workflows: [{ name: "release_workflow", steps: ["deploy", "verify"], timeoutMs: 300 }],
    steps: { deploy: { kind: "command", run: "sleep 20" } },
  });
  const { record } = await runDeploy(
    { config: makeConfig(dir, strategy), actor: null },
    makeDeployPorts(dir, strategy),
  );
  assert.equal(record.steps[0]!.status, "timed-out");
  assert.match(record.steps[0]!.detail ?? "", /timeout of release_workflow/);
});

test("a failed verification rolls back at once: kill switch first, then the procedure's steps in order, {{previous}} the target", async () => {
  const dir = repo();
  const flags = join(dir, "flags.json");
  writeFileSync(
    flags,
    '{\n  "flags": {\n    "new-checkout": {\n      "state": "ENABLED",\n      "variants": { "on": true, "off": false },\n      "defaultVariant": "on"\n    }\n  }\n}\n',
  );
  const strategy = strategyIn(dir, {
    procedures: [
      { name: "service_rollback", steps: ["stop", "revert", "kill_switch", "start"], timeoutMs: 5 * MINUTE },
    ],
  });
  strategy.steps.kill_switch = {
    kind: "flag",
    flag: { kind: "flagd", file: flags, flag: "new-checkout", variant: "off" },
  };
  strategy.steps.stop = {
    kind: "command",
    run: 'grep -q \'"defaultVariant": "off"\' flags.json && echo stop after the flag >> log.txt',
  };
  const verify = fixedVerify(FAIL);
  const ports = makeDeployPorts(dir, strategy, { verify });
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(record.outcome, "rolled-back");
  assert.deepEqual(
    record.steps.map((s) => [s.name, s.status]),
    [
      ["deploy", "succeeded"],
      ["verify", "failed"],
      ["service_rollback.kill_switch", "succeeded"],
      ["service_rollback.stop", "succeeded"],
      ["service_rollback.revert", "succeeded"],
      ["service_rollback.start", "succeeded"],
    ],
  );
  assert.deepEqual(lines(dir), [
    "deploy 1.1.0 from 1.0.0",
    "stop after the flag",
    `revert to 1.0.0 at ${git(dir, "rev-parse", "v1.0.0")}`,
    "start",
  ]);
  assert.match(readFileSync(flags, "utf8"), /"defaultVariant": "off"\n/);
  assert.equal(record.rollback?.trigger, "validation_failure");
  assert.equal(record.rollback?.outcome, "succeeded");
  assert.match(record.rollback?.reason ?? "", /error_ratio failed/);
  assert.deepEqual(
    record.metrics.map((m) => m.name),
    ["error_ratio"],
  );
  assert.deepEqual(
    ports.events.told.map((t) => t.type),
    ["started", "verification-failed", "rollback-started", "rolled-back"],
  );
  // The verification was asked for the validation metrics, with the stage's policy.
  assert.deepEqual(
    verify.asked[0]!.metrics.map((m) => m.name),
    ["error_ratio"],
  );
  assert.equal(verify.asked[0]!.inconclusive, "rollback");
});

test("a rollback stops at its first failed step, records the rest as not run, and ends rollback-failed", async () => {
  const dir = repo();
  const strategy = strategyIn(dir);
  strategy.steps.revert = { kind: "command", run: "echo cannot revert >&2; exit 3" };
  const ports = makeDeployPorts(dir, strategy, { verify: fixedVerify(FAIL) });
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(record.outcome, "rollback-failed");
  assert.equal(record.rollback?.outcome, "failed");
  assert.equal(record.rollback?.failedStep, "service_rollback.revert");
  const revert = record.steps.find((s) => s.name === "service_rollback.revert")!;
  assert.equal(revert.exitCode, 3);
  assert.deepEqual(revert.tail, ["cannot revert"]);
  const start = record.steps.find((s) => s.name === "service_rollback.start")!;
  assert.equal(start.status, "skipped");
  assert.match(start.detail ?? "", /not run: the rollback stopped at service_rollback.revert/);
  assert.deepEqual(lines(dir), ["deploy 1.1.0 from 1.0.0", "stop"]);
  assert.equal(ports.events.told.at(-1)!.type, "rollback-failed");
});

test("rollback_workflow runs when the stage names no procedures; a stage's procedures come before it", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    workflows: [
      { name: "release_workflow", steps: ["deploy", "verify"], timeoutMs: 30 * MINUTE },
      { name: "rollback_workflow", steps: ["revert"], timeoutMs: 30 * MINUTE },
    ],
    procedures: [
      { name: "service_rollback", steps: ["stop", "start"], timeoutMs: MINUTE },
      { name: "config_rollback", steps: ["revert"], timeoutMs: MINUTE },
    ],
  });
  const ports = makeDeployPorts(dir, strategy, { verify: fixedVerify(FAIL) });
  const first = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.deepEqual(
    first.record.steps.slice(2).map((s) => s.name),
    ["rollback_workflow.revert"],
  );

  strategy.stages = [postRelease({ procedures: ["config_rollback", "service_rollback"] })];
  const second = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.deepEqual(
    second.record.steps.slice(2).map((s) => s.name),
    ["config_rollback.revert", "service_rollback.stop", "service_rollback.start"],
  );
});

test("an inconclusive verification rolls back, fails, or passes with a warning, as the stage says", async () => {
  for (const [policy, outcome] of [
    ["rollback", "rolled-back"],
    ["fail", "inconclusive"],
    ["pass-with-warning", "succeeded"],
  ] as const) {
    const dir = repo();
    const strategy = strategyIn(dir, { stages: [postRelease({ inconclusive: policy })] });
    const ports = makeDeployPorts(dir, strategy, { verify: fixedVerify(INCONCLUSIVE) });
    const report = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
    assert.equal(report.record.outcome, outcome, policy);
    if (policy === "pass-with-warning") assert.match(report.warnings.join("\n"), /inconclusive/);
  }
});

test("a verification cut short by the workflow's timeout is inconclusive, and the stage rolls back on that", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    workflows: [{ name: "release_workflow", steps: ["deploy", "verify"], timeoutMs: 1500 }],
  });
  const slow = fixedVerify(async (request) => {
    await new Promise((resolve) => request.signal?.addEventListener("abort", resolve, { once: true }));
    throw request.signal?.reason;
  });
  const { record } = await runDeploy(
    { config: makeConfig(dir, strategy), actor: null },
    makeDeployPorts(dir, strategy, { verify: slow }),
  );
  assert.equal(record.steps[1]!.status, "timed-out");
  assert.equal(record.outcome, "rolled-back");
  assert.match(
    record.rollback?.reason ?? "",
    /inconclusive: the verification did not finish: the timeout of release_workflow passed/,
  );
});

test("a trigger whose action is notify tells, records the failure, and rolls nothing back", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    triggers: [{ name: "validation_failure", action: "notify", timeoutMs: MINUTE }],
  });
  const ports = makeDeployPorts(dir, strategy, { verify: fixedVerify(FAIL) });
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(record.outcome, "failed");
  assert.equal(record.rollback, undefined);
  assert.deepEqual(lines(dir), ["deploy 1.1.0 from 1.0.0"]);
  assert.deepEqual(
    ports.events.told.map((t) => t.type),
    ["started", "verification-failed"],
  );
});

test("a second deploy of an environment is refused while the first holds its lock, naming the holder", async () => {
  const dir = repo();
  const strategy = strategyIn(dir);
  const ports = makeDeployPorts(dir, strategy);
  const held = await ports.locks.acquire("production", {
    pid: process.pid,
    host: hostname(),
    recordId: "production-20260101T000000000Z-abcdef0",
    startedAt: new Date().toISOString(),
    command: "deploy",
  });
  assert.ok(held.acquired);
  await assert.rejects(
    runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports),
    (error: unknown) =>
      error instanceof LockedError &&
      error.exitCode === 75 &&
      error.message.includes("production-20260101T000000000Z-abcdef0") &&
      error.message.includes(`process ${process.pid}`),
  );
  assert.deepEqual(lines(dir), [], "nothing ran");
  assert.equal(ports.records.puts.length, 0);
  await held.release();
});

test("a lock left by a deploy whose process is gone is taken over, with a warning", async () => {
  const dir = repo();
  const strategy = strategyIn(dir);
  const gone = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  const deadPid = Number(gone.stdout.trim());
  const ports = makeDeployPorts(dir, strategy);
  const stale = await ports.locks.acquire("production", {
    pid: deadPid,
    host: hostname(),
    recordId: "production-20250101T000000000Z-0000000",
    startedAt: "2025-01-01T00:00:00.000Z",
    command: "deploy",
  });
  assert.ok(stale.acquired);
  const report = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(report.record.outcome, "succeeded");
  assert.equal(report.tookOverFrom?.pid, deadPid);
  assert.match(
    report.warnings.join("\n"),
    new RegExp(`took over the lock of production.*process ${deadPid}`),
  );
});

test("an interruption stops the running step's processes and records the deploy as interrupted at that step", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    workflows: [{ name: "release_workflow", steps: ["prepare", "deploy", "verify"], timeoutMs: 30 * MINUTE }],
  });
  strategy.steps.prepare = { kind: "command", run: "echo prepare >> log.txt" };
  strategy.steps.deploy = { kind: "command", run: "sleep 30 & echo $! > sleeper.pid; wait" };
  const ports = makeDeployPorts(dir, strategy);
  const controller = new AbortController();
  const { record } = await runDeploy(
    {
      config: makeConfig(dir, strategy),
      actor: null,
      signal: controller.signal,
      progress: {
        onStepStart: (step) => {
          if (step.name === "deploy") setTimeout(() => controller.abort(new Error("interrupted")), 300);
        },
      },
    },
    ports,
  );
  assert.equal(record.outcome, "interrupted");
  assert.deepEqual(
    record.steps.map((s) => [s.name, s.status]),
    [
      ["prepare", "succeeded"],
      ["deploy", "interrupted"],
    ],
  );
  assert.equal(isProcessRunning(Number(readFileSync(join(dir, "sleeper.pid"), "utf8"))), false);
  assert.equal(ports.events.told.at(-1)!.type, "interrupted");
  assert.equal(ports.records.puts.at(-1)!.outcome, "interrupted");
  assert.equal(await ports.locks.holder("production"), null, "the lock is given back");

  // --resume goes on from the step that was running, with the same record, version and commit.
  strategy.steps.deploy = { kind: "command", run: "echo deploy {{version}} >> log.txt" };
  const resumed = await runDeploy({ config: makeConfig(dir, strategy), actor: null, resume: true }, ports);
  assert.equal(resumed.record.id, record.id);
  assert.equal(resumed.record.outcome, "succeeded");
  assert.deepEqual(lines(dir), ["prepare", "deploy 1.1.0"]);
  assert.deepEqual(
    resumed.record.steps.map((s) => [s.name, s.status]),
    [
      ["prepare", "succeeded"],
      ["deploy", "succeeded"],
      ["verify", "succeeded"],
    ],
  );
});

test("--resume refuses when HEAD moved, and when the last deploy has nothing left to resume", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, { steps: { deploy: { kind: "command", run: "exit 1" } } });
  const ports = makeDeployPorts(dir, strategy);
  const failed = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(failed.record.outcome, "failed");
  git(dir, "commit", "-q", "--allow-empty", "-m", "fix: three");
  await assert.rejects(
    runDeploy({ config: makeConfig(dir, strategy), actor: null, resume: true }, ports),
    (error: unknown) => error instanceof InputError && /HEAD has moved/.test(error.message),
  );
  strategy.steps.deploy = { kind: "command", run: "true" };
  const done = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(done.record.outcome, "succeeded");
  await assert.rejects(
    runDeploy({ config: makeConfig(dir, strategy), actor: null, resume: true }, ports),
    (error: unknown) =>
      error instanceof InputError && /cannot be resumed: it ended succeeded/.test(error.message),
  );
});

test("previous is the last version the records say was live, not the tag before", async () => {
  const dir = repo();
  const strategy = strategyIn(dir);
  const ports = makeDeployPorts(dir, strategy);
  await runDeploy({ config: makeConfig(dir, strategy), version: "1.0.5", actor: null }, ports);
  await runDeploy({ config: makeConfig(dir, strategy), version: "1.0.6", actor: null }, ports);
  assert.deepEqual(lines(dir), ["deploy 1.0.5 from 1.0.0", "deploy 1.0.6 from 1.0.5"]);
});

test("records are written as JSON evidence in the seed's folders under the evidence root", async () => {
  const dir = repo();
  const evidenceRoot = join(dir, "evidence");
  const strategy = strategyIn(dir, { evidenceRoot });
  const ports = makeDeployPorts(dir, strategy, { verify: fixedVerify(FAIL) });
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  const name = `${record.id}.json`;
  const workflow = JSON.parse(readFileSync(join(evidenceRoot, "automation", "workflows", name), "utf8"));
  assert.equal(workflow.outcome, "rolled-back");
  const rollback = JSON.parse(readFileSync(join(evidenceRoot, "rollback", "procedures", name), "utf8"));
  assert.equal(rollback.rollback.outcome, "succeeded");
  const metrics = JSON.parse(readFileSync(join(evidenceRoot, "validation", "metrics", name), "utf8"));
  assert.deepEqual(
    metrics.steps[0].metrics.map((m: { name: string }) => m.name),
    ["error_ratio"],
  );
});

test("canary: weights step by step, a timed pause, an analysis, then all the traffic", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    canary: {
      setWeight: "echo weight {{weight}} >> log.txt",
      steps: [
        { kind: "setWeight", weight: 20 },
        { kind: "pause", durationMs: 50 },
        { kind: "analysis", metrics: ["error_ratio"], windowMs: 1000 },
        { kind: "setWeight", weight: 50 },
      ],
    },
  });
  const verify = fixedVerify(PASS);
  const ports = makeDeployPorts(dir, strategy, { verify });
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(record.outcome, "succeeded");
  assert.deepEqual(lines(dir), ["deploy 1.1.0 from 1.0.0", "weight 20", "weight 50", "weight 100"]);
  assert.deepEqual(
    record.steps.map((s) => s.name),
    [
      "deploy",
      "canary.1.setWeight 20",
      "canary.2.pause",
      "canary.3.analysis",
      "canary.4.setWeight 50",
      "canary.promote",
      "verify",
    ],
  );
  assert.equal(verify.asked[0]!.windowMs, 1000);
});

test("canary: a failed analysis aborts: weight 0, then the rollback", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    canary: {
      setWeight: "echo weight {{weight}} >> log.txt",
      steps: [
        { kind: "setWeight", weight: 20 },
        { kind: "analysis", metrics: [] },
        { kind: "setWeight", weight: 50 },
      ],
    },
  });
  const ports = makeDeployPorts(dir, strategy, { verify: fixedVerify(FAIL) });
  const { record } = await runDeploy({ config: makeConfig(dir, strategy), actor: null }, ports);
  assert.equal(record.outcome, "rolled-back");
  assert.deepEqual(lines(dir), [
    "deploy 1.1.0 from 1.0.0",
    "weight 20",
    "weight 0",
    "stop",
    `revert to 1.0.0 at ${git(dir, "rev-parse", "v1.0.0")}`,
    "start",
  ]);
  assert.match(record.rollback?.reason ?? "", /canary analysis failed/);
});

test("canary: a pause without a duration waits for shipready promote; --full skips the pauses after it", async () => {
  const dir = repo();
  const strategy = strategyIn(dir, {
    canary: {
      setWeight: "echo weight {{weight}} >> log.txt",
      steps: [
        { kind: "setWeight", weight: 10 },
        { kind: "pause" },
        { kind: "setWeight", weight: 30 },
        { kind: "pause" },
        { kind: "setWeight", weight: 60 },
        { kind: "pause" },
      ],
    },
  });
  const ports = makeDeployPorts(dir, strategy);
  const config = makeConfig(dir, strategy);
  let pauses = 0;
  const { record } = await runDeploy(
    {
      config,
      actor: null,
      progress: {
        onStepStart: (step) => {
          if (!step.name.endsWith("pause")) return;
          pauses++;
          // The first pause is promoted once, the second with --full, which skips the third.
          if (pauses > 2) return;
          const full = pauses === 2;
          setTimeout(() => void promoteDeploy({ config, actor: "grace", full }, ports), 100);
        },
      },
    },
    ports,
  );
  assert.equal(record.outcome, "succeeded");
  assert.equal(pauses, 3);
  assert.deepEqual(
    record.steps
      .filter((s) => s.name.endsWith("pause"))
      .map((s) => [s.status, s.detail?.replace(/after .*/, "")]),
    [
      ["succeeded", "promoted by grace "],
      ["succeeded", "promoted (full) by grace "],
      ["skipped", "skipped: promoted with --full"],
    ],
  );
  assert.deepEqual(lines(dir), [
    "deploy 1.1.0 from 1.0.0",
    "weight 10",
    "weight 30",
    "weight 60",
    "weight 100",
  ]);
});

test("promote with no deploy running says there is nothing to promote", async () => {
  const dir = repo();
  const strategy = strategyIn(dir);
  const ports = makeDeployPorts(dir, strategy);
  await assert.rejects(
    promoteDeploy({ config: makeConfig(dir, strategy), actor: null }, ports),
    /no deploy of production is running/,
  );
});
