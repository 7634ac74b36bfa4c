import assert from "node:assert/strict";
import { test } from "node:test";
import type { DeployStrategy } from "../types.js";
import { expandWorkflow } from "./expand-workflow.js";
import { planRollback } from "./plan-rollback.js";
import { resolveStep } from "./resolve-step.js";

type Plannable = Pick<DeployStrategy, "workflows" | "procedures" | "steps">;

const strategy: Plannable = {
  procedures: [
    { name: "service_rollback", steps: ["stop", "revert", "start"], timeoutMs: 300_000 },
    { name: "data_rollback", steps: ["backup", "revert", "verify"], timeoutMs: 300_000 },
  ],
  workflows: [
    { name: "release_workflow", steps: ["validate", "ship", "verify"], timeoutMs: 1_800_000 },
    { name: "ship", steps: ["deploy"], timeoutMs: 600_000 },
    { name: "rollback_workflow", steps: ["service_rollback", "data_rollback"], timeoutMs: 1_800_000 },
    { name: "loop", steps: ["loop", "deploy"], timeoutMs: 1000 },
  ],
  steps: {
    deploy: { kind: "command", run: "./deploy" },
    stop: { kind: "command", run: "./stop" },
    revert: { kind: "command", run: "./revert" },
    "data_rollback.revert": { kind: "command", run: "./restore" },
    start: { kind: "command", run: "./start" },
    backup: { kind: "command", run: "./backup" },
    verify: { kind: "command", run: "./smoke" },
  },
};

test("a step name resolves as <scope>.<name>, then <name>, then a built-in; else null", () => {
  const steps = strategy.steps;
  assert.deepEqual(resolveStep(steps, "data_rollback", "revert"), {
    binding: "data_rollback.revert",
    action: { kind: "command", run: "./restore" },
  });
  assert.deepEqual(resolveStep(steps, "service_rollback", "revert")?.binding, "revert");
  // steps: may bind a built-in's name to something else.
  assert.deepEqual(resolveStep(steps, "x", "verify")?.action, { kind: "command", run: "./smoke" });
  assert.deepEqual(resolveStep({}, "x", "validate"), {
    binding: "validate",
    action: { kind: "builtin", name: "validate" },
  });
  assert.equal(resolveStep(steps, "x", "nothing"), null);
  // Names of Object.prototype are not bindings.
  assert.equal(resolveStep(steps, "x", "constructor"), null);
});

test("a workflow runs the steps of the procedures and workflows it names, in order, with the way in", () => {
  const plan = expandWorkflow(strategy, "rollback_workflow");
  assert.deepEqual(
    plan.map((s) => [s.name, s.scope, s.via.join(">"), s.resolved?.binding ?? null]),
    [
      ["stop", "service_rollback", "rollback_workflow>service_rollback", "stop"],
      ["revert", "service_rollback", "rollback_workflow>service_rollback", "revert"],
      ["start", "service_rollback", "rollback_workflow>service_rollback", "start"],
      ["backup", "data_rollback", "rollback_workflow>data_rollback", "backup"],
      ["revert", "data_rollback", "rollback_workflow>data_rollback", "data_rollback.revert"],
      ["verify", "data_rollback", "rollback_workflow>data_rollback", "verify"],
    ],
  );
  assert.deepEqual(
    expandWorkflow(strategy, "release_workflow").map((s) => [s.name, s.resolved?.action.kind]),
    [
      ["validate", "builtin"],
      ["deploy", "command"],
      ["verify", "command"],
    ],
  );
  // A loop is not followed twice; an unknown name runs nothing.
  assert.deepEqual(
    expandWorkflow(strategy, "loop").map((s) => s.name),
    ["deploy"],
  );
  assert.deepEqual(expandWorkflow(strategy, "nothing"), []);
});

test("a rollback runs the stage's procedures, else rollback_workflow, else every procedure", () => {
  assert.deepEqual(
    planRollback(strategy, { procedures: ["data_rollback"] }).map((p) => [
      p.name,
      p.timeoutMs,
      p.steps.length,
    ]),
    [["data_rollback", 300_000, 3]],
  );
  assert.deepEqual(
    planRollback(strategy, { procedures: [] }).map((p) => p.name),
    ["rollback_workflow"],
  );
  const withoutWorkflow = {
    ...strategy,
    workflows: strategy.workflows.filter((w) => w.name !== "rollback_workflow"),
  };
  assert.deepEqual(
    planRollback(withoutWorkflow, null).map((p) => p.name),
    ["service_rollback", "data_rollback"],
  );
  assert.deepEqual(planRollback({ procedures: [], workflows: [], steps: {} }, null), []);
});
