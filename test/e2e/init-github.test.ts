import assert from "node:assert/strict";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
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
const DEPLOY = join(".github", "workflows", "deploy.yml");
const ROLLBACK = join(".github", "workflows", "rollback.yml");

test("init --github writes a workflow with the seed's triggers, least permissions and the Action's inputs", () => {
  const dir = makeTempDir();
  const result = runCli(["init", "--github"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^Created \.github\/workflows\/shipready\.yml, \.github\/workflows\/deploy\.yml and \.github\/workflows\/rollback\.yml\./,
  );
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
  // One removed is written again; the others, one of them the user's own, are kept.
  rmSync(join(dir, DEPLOY));
  const refill = runCli(["init", "--github"], { cwd: dir });
  assert.equal(refill.code, 0, refill.stderr);
  assert.match(
    refill.stdout,
    /^Created \.github\/workflows\/deploy\.yml\.\nKept \.github\/workflows\/shipready\.yml and \.github\/workflows\/rollback\.yml, which already existed/,
  );
  assert.equal(readFileSync(join(dir, WORKFLOW), "utf8"), "# mine\n");
  assert.match(readFileSync(join(dir, DEPLOY), "utf8"), /name: Deploy/);
  const again = runCli(["init", "--github"], { cwd: dir });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /not overwriting .*shipready\.yml/);
  assert.match(again.stderr, /--github --force/);
  assert.equal(readFileSync(join(dir, WORKFLOW), "utf8"), "# mine\n");
  assert.equal(runCli(["init", "--github", "--force"], { cwd: dir }).code, 0);
  assert.match(readFileSync(join(dir, WORKFLOW), "utf8"), /name: Release readiness/);
  assert.throws(() => readFileSync(join(dir, "shipready.yml")), /ENOENT/);
});

interface ShipreadyWorkflow {
  on: Record<
    string,
    {
      types?: string[];
      inputs?: Record<string, { required?: boolean; default?: unknown; type: string }>;
    } | null
  >;
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<
    string,
    {
      if?: string;
      steps: { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }[];
    }
  >;
}

/** Runs a step's script as GitHub's bash would, with `npx` standing in to print the arguments it gets. */
function argumentsOf(run: string, env: Record<string, string>): string[] {
  const bin = makeTempDir();
  writeFileSync(join(bin, "npx"), '#!/bin/sh\nprintf "%s\\n" "$@"\n');
  chmodSync(join(bin, "npx"), 0o755);
  return execFileSync("bash", ["-e", "-c", run], {
    env: { PATH: `${bin}:${process.env.PATH}`, ...env },
    encoding: "utf8",
  })
    .trimEnd()
    .split("\n");
}

test("init --github writes a deploy workflow: on a published release or by hand, with the least permissions", () => {
  const dir = makeTempDir();
  assert.equal(runCli(["init", "--github"], { cwd: dir }).code, 0);
  const workflow = parse(readFileSync(join(dir, DEPLOY), "utf8")) as ShipreadyWorkflow;
  assert.deepEqual(Object.keys(workflow.on).sort(), ["release", "workflow_dispatch"]);
  assert.deepEqual(workflow.on.release!.types, ["published"]);
  const inputs = workflow.on.workflow_dispatch!.inputs!;
  assert.deepEqual(Object.keys(inputs), ["environment"]);
  assert.equal(inputs.environment!.required, true);
  assert.equal(inputs.environment!.default, "production");
  assert.deepEqual(workflow.permissions, { contents: "read", deployments: "write", issues: "write" });
  assert.equal(workflow.concurrency["cancel-in-progress"], false);
  const [job] = Object.values(workflow.jobs);
  assert.match(job!.if!, /prerelease/);
  const checkout = job!.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
  assert.equal(checkout?.with?.["fetch-depth"], 0);
  const step = job!.steps.find((s) => s.run?.includes("shipready deploy"))!;
  assert.equal(step.env!.ENVIRONMENT, "${{ inputs.environment || 'production' }}");
  assert.equal(step.env!.GITHUB_TOKEN, "${{ secrets.GITHUB_TOKEN }}");
  // No expression is spliced into the script: an input cannot become a command.
  assert.ok(!step.run!.includes("${{"), step.run);
  assert.deepEqual(argumentsOf(step.run!, { ENVIRONMENT: "staging; touch pwned" }), [
    "shipready",
    "deploy",
    "--env",
    "staging; touch pwned",
  ]);
});

test("init --github writes a rollback workflow run by hand with the environment, the version and the reason", () => {
  const dir = makeTempDir();
  assert.equal(runCli(["init", "--github"], { cwd: dir }).code, 0);
  const workflow = parse(readFileSync(join(dir, ROLLBACK), "utf8")) as ShipreadyWorkflow;
  const deploy = parse(readFileSync(join(dir, DEPLOY), "utf8")) as ShipreadyWorkflow;
  assert.deepEqual(Object.keys(workflow.on), ["workflow_dispatch"]);
  const inputs = workflow.on.workflow_dispatch!.inputs!;
  assert.deepEqual(Object.keys(inputs), ["environment", "to", "reason"]);
  assert.equal(inputs.to!.required, false);
  assert.equal(inputs.reason!.required, true);
  assert.deepEqual(workflow.permissions, { contents: "read", deployments: "write", issues: "write" });
  // A rollback waits for a deploy of the same environment, and the other way round.
  assert.equal(workflow.concurrency.group, deploy.concurrency.group);
  const step = Object.values(workflow.jobs)[0]!.steps.find((s) => s.run?.includes("shipready rollback"))!;
  assert.deepEqual(step.env, {
    ENVIRONMENT: "${{ inputs.environment }}",
    TO: "${{ inputs.to }}",
    REASON: "${{ inputs.reason }}",
    GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}",
  });
  assert.ok(!step.run!.includes("${{"), step.run);
  assert.deepEqual(
    argumentsOf(step.run!, { ENVIRONMENT: "production", TO: "", REASON: "error rate up $(id)" }),
    ["shipready", "rollback", "--env", "production", "--reason", "error rate up $(id)"],
  );
  assert.deepEqual(argumentsOf(step.run!, { ENVIRONMENT: "production", TO: "1.4.2", REASON: "bad deploy" }), [
    "shipready",
    "rollback",
    "--env",
    "production",
    "--reason",
    "bad deploy",
    "--to",
    "1.4.2",
  ]);
});
