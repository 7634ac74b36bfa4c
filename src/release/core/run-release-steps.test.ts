import { test } from "node:test";
import assert from "node:assert/strict";
import {
  runReleaseSteps,
  type ReleaseStepDefinition,
  type StepOutcome,
  type StepResult,
} from "./run-release-steps.js";
import type { ReleaseStep, StepName } from "../types.js";

/** What the steps did, in order: "check <name>" when a step looked, "run <name>" when it ran. */
type Log = string[];

function stepOf(
  name: StepName,
  found: "already-done" | "skipped" | "to-do",
  options: { plan?: StepOutcome | null; result?: StepResult } = {},
): ReleaseStepDefinition<Log> {
  return {
    name,
    check: async (log) => {
      log.push(`check ${name}`);
      if (found !== "to-do") return { state: found, summary: `${name} ${found}` };
      return {
        state: "to-do",
        plan: options.plan === undefined ? { summary: `would ${name}`, changes: [name] } : options.plan,
        run: async () => {
          log.push(`run ${name}`);
          return options.result ?? { summary: `did ${name}` };
        },
      };
    },
  };
}

function newReport(dryRun: boolean) {
  return { dryRun, refused: false, steps: [] as ReleaseStep[] };
}

test("a step found done or skipped is recorded so and not run; a step with work is run and recorded done", async () => {
  const log: Log = [];
  const report = newReport(false);
  const told: ReleaseStep[] = [];
  await runReleaseSteps(
    [stepOf("version-files", "already-done"), stepOf("changelog", "skipped"), stepOf("commit", "to-do")],
    log,
    report,
    { onStep: (step) => told.push(step) },
  );
  assert.deepEqual(log, ["check version-files", "check changelog", "check commit", "run commit"]);
  assert.deepEqual(report.steps, [
    {
      name: "version-files",
      state: "already-done",
      summary: "version-files already-done",
      reads: [],
      changes: [],
    },
    { name: "changelog", state: "skipped", summary: "changelog skipped", reads: [], changes: [] },
    { name: "commit", state: "done", summary: "did commit", reads: [], changes: [] },
  ]);
  assert.deepEqual(told, report.steps, "onStep hears of each step as the report records it");
  assert.deepEqual(
    report.steps.map((s) => Object.keys(s)),
    report.steps.map(() => ["name", "state", "summary", "reads", "changes"]),
    "the JSON report keeps its key order",
  );
  assert.equal(report.refused, false);
});

test("a dry run records the plan of a step that writes without running it, and runs a step that only reads", async () => {
  const log: Log = [];
  const report = newReport(true);
  await runReleaseSteps(
    [
      stepOf("readiness", "to-do", {
        plan: null,
        result: { summary: "ready", reads: ["RELEASE_CHECKLIST.md"] },
      }),
      stepOf("tag", "to-do", { plan: { summary: "tag it", reads: ["HEAD"], changes: ["refs/tags/v1.0.0"] } }),
      stepOf("push", "already-done"),
    ],
    log,
    report,
  );
  assert.deepEqual(log, ["check readiness", "run readiness", "check tag", "check push"]);
  assert.deepEqual(
    report.steps.map((s) => [s.name, s.state, s.summary, s.reads, s.changes]),
    [
      ["readiness", "done", "ready", ["RELEASE_CHECKLIST.md"], []],
      ["tag", "planned", "tag it", ["HEAD"], ["refs/tags/v1.0.0"]],
      ["push", "already-done", "push already-done", [], []],
    ],
  );
});

test("a run that finds the work done as it went is recorded already-done", async () => {
  const report = newReport(false);
  await runReleaseSteps(
    [stepOf("github-release", "to-do", { result: { state: "already-done", summary: "found it" } })],
    [],
    report,
  );
  assert.deepEqual(
    report.steps.map((s) => [s.name, s.state, s.summary]),
    [["github-release", "already-done", "found it"]],
  );
});

test("a refusal stops the release at that step; a dry run goes on to show the rest", async () => {
  const steps = [
    stepOf("readiness", "to-do", { plan: null, result: { state: "refused", summary: "not ready" } }),
    stepOf("version-files", "to-do"),
    stepOf("commit", "to-do"),
  ];
  const log: Log = [];
  const report = newReport(false);
  await runReleaseSteps(steps, log, report);
  assert.deepEqual(log, ["check readiness", "run readiness"]);
  assert.deepEqual(
    report.steps.map((s) => [s.name, s.state]),
    [["readiness", "refused"]],
  );
  assert.equal(report.refused, true);

  const dryLog: Log = [];
  const dry = newReport(true);
  await runReleaseSteps(steps, dryLog, dry);
  assert.deepEqual(dryLog, ["check readiness", "run readiness", "check version-files", "check commit"]);
  assert.deepEqual(
    dry.steps.map((s) => [s.name, s.state]),
    [
      ["readiness", "refused"],
      ["version-files", "planned"],
      ["commit", "planned"],
    ],
  );
  assert.equal(dry.refused, true);
});

test("the first step that fails stops the rest: its error is thrown and later steps are not looked at", async () => {
  const log: Log = [];
  const report = newReport(false);
  const failing: ReleaseStepDefinition<Log> = {
    name: "tag",
    check: async (l) => {
      l.push("check tag");
      return {
        state: "to-do",
        plan: { summary: "tag it" },
        run: async () => {
          throw new Error("the tag cannot be made");
        },
      };
    },
  };
  await assert.rejects(
    runReleaseSteps([stepOf("commit", "to-do"), failing, stepOf("push", "to-do")], log, report),
    /the tag cannot be made/,
  );
  assert.deepEqual(log, ["check commit", "run commit", "check tag"]);
  assert.deepEqual(
    report.steps.map((s) => [s.name, s.state]),
    [["commit", "done"]],
  );

  const checkFails: ReleaseStepDefinition<Log> = {
    name: "push",
    check: async () => {
      throw new Error("the remote has another tag");
    },
  };
  const second = newReport(true);
  await assert.rejects(
    runReleaseSteps([checkFails, stepOf("github-release", "to-do")], [], second),
    /the remote has another tag/,
  );
  assert.deepEqual(second.steps, []);
});
