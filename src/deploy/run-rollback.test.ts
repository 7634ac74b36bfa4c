import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { UsageError } from "../errors.js";
import { git, initRepo } from "../../test/helpers/git-repo.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { makeConfig, makeDeployPorts, makeStrategy } from "../../test/helpers/deploy-run.js";
import { planDeployRun, planRollbackRun } from "./plan-deploy-run.js";
import { runDeploy } from "./run-deploy.js";
import { runRollback } from "./run-rollback.js";
import type { RunReport } from "./run-types.js";

function setup() {
  const dir = makeTempDir();
  writeFileSync(join(dir, "app.txt"), "one\n");
  initRepo(dir);
  git(dir, "tag", "v1.0.0");
  const strategy = makeStrategy(dir, {
    workflows: [{ name: "release_workflow", steps: ["deploy"], timeoutMs: 60_000 }],
    procedures: [{ name: "service_rollback", steps: ["stop", "revert"], timeoutMs: 60_000 }],
    triggers: [{ name: "manual_trigger", action: "rollback", timeoutMs: 60_000 }],
    steps: {
      deploy: { kind: "command", run: "echo deploy {{version}} >> log.txt" },
      stop: { kind: "command", run: "echo stop {{version}} >> log.txt" },
      revert: { kind: "command", run: "echo revert to {{previous}} >> log.txt" },
    },
  });
  return { dir, strategy, config: makeConfig(dir, strategy), ports: makeDeployPorts(dir, strategy) };
}

/** The report of a rollback that ran. */
function ran(report: Awaited<ReturnType<typeof runRollback>>): RunReport {
  assert.ok(!("alreadyLive" in report), "the rollback ran nothing: its target is live already");
  return report;
}

const log = (dir: string) =>
  existsSync(join(dir, "log.txt")) ? readFileSync(join(dir, "log.txt"), "utf8").trim().split("\n") : [];

test("shipready rollback goes back to the deploy before the live one, as a record of kind rollback", async () => {
  const { dir, config, ports } = setup();
  await runDeploy({ config, version: "1.0.0", actor: null }, ports);
  const two = await runDeploy({ config, version: "2.0.0", actor: null }, ports);
  const { record } = ran(await runRollback({ config, reason: "checkout errors", actor: "ada" }, ports));
  assert.equal(record.kind, "rollback");
  assert.equal(record.outcome, "succeeded");
  assert.equal(record.version, "1.0.0");
  assert.deepEqual(record.previous?.version, "2.0.0");
  assert.deepEqual(record.rollback, {
    trigger: "manual_trigger",
    reason: "checkout errors",
    of: two.record.id,
    outcome: "succeeded",
  });
  assert.deepEqual(log(dir), ["deploy 1.0.0", "deploy 2.0.0", "stop 2.0.0", "revert to 1.0.0"]);
  assert.deepEqual(
    ports.events.told.slice(-2).map((t) => t.type),
    ["rollback-started", "rolled-back"],
  );
  // Once rolled back there is nothing older to go back to: it never goes forward again.
  await assert.rejects(runRollback({ config, actor: null }, ports), UsageError);
});

test("--to names the version; a failed step ends it rollback-failed at that step", async () => {
  const { dir, strategy, config, ports } = setup();
  const { record } = ran(await runRollback({ config, to: "v1.0.0", actor: null }, ports));
  assert.equal(record.version, "1.0.0");
  assert.equal(record.commit, git(dir, "rev-parse", "v1.0.0"));
  strategy.steps.revert = { kind: "command", run: "exit 4" };
  const failed = ran(await runRollback({ config, to: "0.9.0", actor: null }, ports));
  assert.equal(failed.record.outcome, "rollback-failed");
  assert.equal(failed.record.rollback?.failedStep, "service_rollback.revert");
});

test("rolling back to the version live already runs nothing and records nothing", async () => {
  const { dir, config, ports } = setup();
  await runDeploy({ config, version: "1.0.0", actor: null }, ports);
  const before = await ports.records.list({ environment: "production" });
  for (const to of ["1.0.0", "v1.0.0"]) {
    const report = await runRollback({ config, to, actor: null }, ports);
    assert.deepEqual(report, {
      alreadyLive: true,
      environment: "production",
      version: "1.0.0",
      commit: git(dir, "rev-parse", "HEAD"),
    });
  }
  assert.deepEqual(log(dir), ["deploy 1.0.0"]);
  assert.deepEqual(await ports.records.list({ environment: "production" }), before);
});

test("--dry-run plans list every step with the command it would run, and run nothing", async () => {
  const { dir, config, ports } = setup();
  git(dir, "commit", "-q", "--allow-empty", "-m", "feat: two");
  const plan = await planDeployRun({ config, version: "2.0.0", actor: null }, ports);
  assert.deepEqual(plan.steps, [{ name: "deploy", runs: "echo deploy 2.0.0 >> log.txt" }]);
  assert.deepEqual(plan.rollback, [
    { name: "service_rollback.stop", runs: "echo stop 2.0.0 >> log.txt" },
    { name: "service_rollback.revert", runs: "echo revert to 1.0.0 >> log.txt" },
  ]);
  const back = await planRollbackRun({ config, to: "0.9.0", actor: null }, ports);
  assert.equal(back.steps[1]!.runs, "echo revert to 0.9.0 >> log.txt");
  assert.deepEqual(log(dir), []);
  assert.equal(ports.records.puts.length, 0);
});
