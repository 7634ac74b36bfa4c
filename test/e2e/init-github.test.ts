import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

interface Workflow {
  on: {
    push: { branches: string[] };
    schedule: { cron: string }[];
    workflow_dispatch: { inputs: Record<string, { type: string; default?: unknown }> };
  };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
}

const WORKFLOW = join(".github", "workflows", "shipready.yml");

test("init --github writes a workflow with the seed's triggers, least permissions and the Action's inputs", () => {
  const dir = makeTempDir();
  const result = runCli(["init", "--github"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Created \.github\/workflows\/shipready\.yml\./);
  const workflow = parse(readFileSync(join(dir, WORKFLOW), "utf8")) as Workflow;

  assert.deepEqual(workflow.on.push.branches, ["main", "develop"]);
  assert.deepEqual(workflow.on.schedule, [{ cron: "0 9 * * *" }]);
  const inputs = workflow.on.workflow_dispatch.inputs;
  assert.deepEqual(Object.keys(inputs).sort(), ["branch", "commit_changes", "enforce_gate"]);
  assert.equal(inputs.commit_changes!.type, "boolean");
  assert.equal(inputs.enforce_gate!.type, "boolean");
  assert.deepEqual(workflow.permissions, {
    contents: "write",
    "pull-requests": "write",
    actions: "read",
    checks: "read",
    statuses: "read",
    "security-events": "read",
  });

  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
  assert.equal(checkout?.with?.["fetch-depth"], 0);
  const step = steps.find((s) => s.uses?.startsWith("shipready/"));
  assert.ok(step?.with, "a step uses the shipready Action");
  const declared = parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as {
    inputs: Record<string, unknown>;
  };
  for (const key of Object.keys(step.with)) {
    assert.ok(key in declared.inputs, `with: ${key} is not an input of action.yml`);
  }
  assert.match(String(step.with.commit), /inputs\.commit_changes/);
  assert.match(String(step.with["fail-on-not-ready"]), /inputs\.enforce_gate/);
  assert.match(String(step.with.branch), /inputs\.branch/);
});

test("init --github never overwrites a workflow without --force, and writes no starter files", () => {
  const dir = makeTempDir();
  assert.equal(runCli(["init", "--github"], { cwd: dir }).code, 0);
  writeFileSync(join(dir, WORKFLOW), "# mine\n");
  const again = runCli(["init", "--github"], { cwd: dir });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /not overwriting .*shipready\.yml/);
  assert.match(again.stderr, /--github --force/);
  assert.equal(readFileSync(join(dir, WORKFLOW), "utf8"), "# mine\n");
  assert.equal(runCli(["init", "--github", "--force"], { cwd: dir }).code, 0);
  assert.match(readFileSync(join(dir, WORKFLOW), "utf8"), /name: Release readiness/);
  assert.throws(() => readFileSync(join(dir, "shipready.yml")), /ENOENT/);
});
