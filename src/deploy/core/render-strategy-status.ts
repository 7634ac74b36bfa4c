import { escapeMarkdown } from "../../shared/escape-markdown.js";
import { shortSha } from "../../shared/short-sha.js";
import type {
  DeployOutcome,
  DeployRecord,
  DeployStrategy,
  MetricResult,
  MetricSpec,
  StepOutcome,
} from "../types.js";
import { describeJudgement } from "./describe-metric.js";
import { expandWorkflow } from "./expand-workflow.js";
import { formatSeconds } from "./format-seconds.js";
import { isBuiltInStep, RELEASE_WORKFLOW } from "./strategy-names.js";

type Mark = "✅" | "❌" | "⬜";

/** What the records say of one item: a mark and the words after the item's name. */
interface Status {
  mark: Mark;
  text: string;
}

const NEVER: Status = { mark: "⬜", text: "never run" };

/**
 * The seed's "Release Status" section, from the deploy records rather than typed by hand: a ✅ only
 * where a record shows the stage passed, the trigger fired and its rollback succeeded, the metric was
 * verified (with what was measured); ❌ where the last run failed; ⬜ otherwise. Pure, and the same
 * records give the same text, so rewriting it is idempotent.
 *
 * Records tell stages apart by their steps: pre_release is the `validate` step, release the release
 * workflow's own steps, post_release the `verify` step (or a verify or watch record). A validation
 * gate is a step named after it.
 */
export function renderStrategyStatus(
  strategy: DeployStrategy,
  records: readonly DeployRecord[],
  recordsLabel: string,
): string {
  const newestFirst = [...records].reverse();
  const out: string[] = [intro(records, recordsLabel)];
  const section = (title: string, items: string[][]) => {
    if (items.length > 0)
      out.push(
        "",
        `### ${title}`,
        ...items
          .map((lines) => lines.join("\n"))
          .join("\n\n")
          .split("\n"),
      );
  };
  const item = (name: string, status: Status, details: string[]) => [
    `- ${status.mark} ${name}: ${status.text}`,
    ...details.map((detail) => `  - ${detail}`),
  ];
  const enabled = (on: boolean) => (on ? "Enabled" : "Disabled");

  section(
    "Release Strategy",
    strategy.stages.map((stage) =>
      item(stageTitle(stage.name), stageStatus(strategy, stage.name, newestFirst), [
        `Validation: ${enabled(stage.validation)}`,
        `Rollback: ${enabled(stage.rollback)}`,
        `Monitoring: ${enabled(stage.monitoring)}`,
      ]),
    ),
  );
  section(
    "Rollback Procedures",
    strategy.triggers.map((trigger) =>
      item(titleOf(trigger.name), triggerStatus(trigger.name, newestFirst), [
        `Action: ${titleOf(trigger.action)}`,
        `Timeout: ${formatSeconds(trigger.timeoutMs)}`,
      ]),
    ),
  );
  section("Validation Gates", [
    ...strategy.validationGates.map((gate) =>
      item(titleOf(gate.name), gateStatus(gate.name, newestFirst), [
        `Checks: ${gate.checks.map(titleOf).join(", ")}`,
        `Timeout: ${formatSeconds(gate.timeoutMs)}`,
      ]),
    ),
    ...metricItems(strategy, "validation", newestFirst, item),
  ]);
  section("Monitoring Strategy", metricItems(strategy, "monitoring", newestFirst, item));
  section(
    "Analytics Strategy",
    strategy.analytics.map((entry) =>
      item(titleOf(entry.name), { mark: "⬜", text: "kept as configuration; shipready does not run it" }, [
        `Interval: ${formatSeconds(entry.intervalMs)}`,
        ...(entry.retention === undefined ? [] : [`Retention: ${escapeMarkdown(entry.retention)}`]),
      ]),
    ),
  );
  section("Automation Strategy", [
    ...strategy.tasks.map((task) =>
      item(titleOf(task.name), { mark: "⬜", text: "kept as configuration; shipready does not run it" }, [
        `Interval: ${formatSeconds(task.intervalMs)}`,
        `Timeout: ${formatSeconds(task.timeoutMs)}`,
      ]),
    ),
    ...strategy.workflows.map((workflow) =>
      item(titleOf(workflow.name), workflowStatus(strategy, workflow.name, newestFirst), [
        `Steps: ${workflow.steps.map(titleOf).join(", ")}`,
        `Timeout: ${formatSeconds(workflow.timeoutMs)}`,
      ]),
    ),
  ]);
  return `${out.join("\n")}\n`;
}

function intro(records: readonly DeployRecord[], label: string): string {
  const where = escapeMarkdown(label);
  if (records.length === 0) return `_No deploy is recorded in ${where} yet, so nothing is marked done._`;
  const latest = records.reduce((a, b) => (b.startedAt > a.startedAt ? b : a));
  return `_From ${records.length} deploy record${records.length === 1 ? "" : "s"} in ${where}, the latest of ${dayOf(latest.startedAt)}: ✅ only where a record shows it._`;
}

function metricItems(
  strategy: DeployStrategy,
  block: MetricSpec["block"],
  newestFirst: readonly DeployRecord[],
  item: (name: string, status: Status, details: string[]) => string[],
): string[][] {
  return strategy.metrics
    .filter((metric) => metric.block === block)
    .map((metric) =>
      item(titleOf(metric.name), metricStatus(metric.name, newestFirst), [
        `Interval: ${formatSeconds(metric.intervalMs)}`,
        ...(block === "validation" ? [`Window: ${formatSeconds(metric.windowMs)}`] : []),
        `Threshold: ${escapeMarkdown(describeJudgement(metric))}`,
      ]),
    );
}

// ---- what the records show ----------------------------------------------------------------------

function stageStatus(strategy: DeployStrategy, stage: string, newestFirst: readonly DeployRecord[]): Status {
  for (const record of newestFirst) {
    const status = stageStatusIn(strategy, stage, record);
    if (status) return status;
  }
  if (!["pre_release", "release", "post_release"].includes(stage))
    return {
      mark: "⬜",
      text: "not recorded: deploy records know pre_release, release and post_release only",
    };
  return NEVER;
}

function stageStatusIn(strategy: DeployStrategy, stage: string, record: DeployRecord): Status | null {
  if (stage === "pre_release")
    return stepStatus(
      lastStep(record, (s) => s.name === "validate"),
      record,
    );
  if (stage === "release") {
    if (record.kind !== "deploy") return null;
    const names = releaseStepNames(strategy);
    const steps = record.steps.filter((s) => names.has(s.name) && s.status !== "skipped");
    const failed = steps.find((s) => s.status === "failed" || s.status === "timed-out");
    if (failed) return stepStatus(failed, record);
    const stopped = steps.find((s) => s.status === "interrupted");
    if (stopped) return stepStatus(stopped, record);
    return steps.length > 0 ? stepStatus(steps[steps.length - 1]!, record) : null;
  }
  if (stage === "post_release") {
    if (record.kind === "verify" || record.kind === "watch")
      return outcomeStatus(record.outcome, record, "verified");
    return stepStatus(
      lastStep(record, (s) => s.name === "verify"),
      record,
    );
  }
  return null;
}

/** The release workflow's own steps, by the names records give them (as bound, or as written). */
function releaseStepNames(strategy: DeployStrategy): Set<string> {
  const names = new Set<string>();
  for (const step of expandWorkflow(strategy, RELEASE_WORKFLOW)) {
    if (isBuiltInStep(step.name) && step.resolved?.action.kind === "builtin") continue;
    names.add(step.name);
    if (step.resolved) names.add(step.resolved.binding);
  }
  return names;
}

function triggerStatus(trigger: string, newestFirst: readonly DeployRecord[]): Status {
  const record = newestFirst.find((r) => r.rollback?.trigger === trigger);
  if (!record?.rollback) return { mark: "⬜", text: "never fired" };
  const rollback = record.rollback;
  if (rollback.outcome === "succeeded")
    return { mark: "✅", text: `fired${runOf(record)}, and the rollback succeeded` };
  const step = rollback.failedStep === undefined ? "" : ` at ${escapeMarkdown(rollback.failedStep)}`;
  return { mark: "❌", text: `fired${runOf(record)}, and the rollback failed${step}` };
}

function gateStatus(gate: string, newestFirst: readonly DeployRecord[]): Status {
  for (const record of newestFirst) {
    const status = stepStatus(
      lastStep(record, (s) => s.name === gate),
      record,
    );
    if (status) return status;
  }
  return NEVER;
}

function metricStatus(metric: string, newestFirst: readonly DeployRecord[]): Status {
  for (const record of newestFirst) {
    const results = [...record.steps.flatMap((s) => s.metrics ?? []), ...record.metrics];
    const result = results.filter((r) => r.name === metric).at(-1);
    if (!result) continue;
    const measured = `${runOf(record)}: ${escapeMarkdown(result.reason)}${lastValue(result)}`;
    if (result.verdict === "pass") return { mark: "✅", text: `verified${measured}` };
    if (result.verdict === "fail") return { mark: "❌", text: `failed${measured}` };
    return { mark: "⬜", text: `inconclusive${measured}` };
  }
  return { mark: "⬜", text: "never verified" };
}

function workflowStatus(
  strategy: DeployStrategy,
  workflow: string,
  newestFirst: readonly DeployRecord[],
): Status {
  const names = new Set<string>();
  for (const step of expandWorkflow(strategy, workflow)) {
    names.add(step.name);
    if (step.resolved) names.add(step.resolved.binding);
  }
  const ran = (record: DeployRecord) =>
    workflow === RELEASE_WORKFLOW
      ? record.kind === "deploy"
      : record.steps.length > 0 && record.steps.every((s) => names.has(s.name));
  const record = newestFirst.find(ran);
  if (!record) return NEVER;
  const outcome =
    record.kind === "rollback" && record.rollback ? rollbackOutcome(record.rollback.outcome) : record.outcome;
  return outcomeStatus(outcome, record, "ran") ?? { mark: "⬜", text: `running${runOf(record)}` };
}

function rollbackOutcome(outcome: "succeeded" | "failed"): DeployOutcome {
  return outcome === "succeeded" ? "succeeded" : "failed";
}

function outcomeStatus(outcome: DeployOutcome, record: DeployRecord, done: string): Status | null {
  switch (outcome) {
    case "succeeded":
      return { mark: "✅", text: `${done}${runOf(record)}` };
    case "failed":
      return { mark: "❌", text: `failed${runOf(record)}` };
    case "rolled-back":
      return { mark: "❌", text: `failed${runOf(record)}, and was rolled back` };
    case "rollback-failed":
      return { mark: "❌", text: `failed${runOf(record)}, and its rollback failed too` };
    case "inconclusive":
      return { mark: "⬜", text: `inconclusive${runOf(record)}: no data to judge by` };
    case "interrupted":
      return { mark: "⬜", text: `interrupted${runOf(record)}` };
    case "running":
      return null;
  }
}

function stepStatus(step: StepOutcome | undefined, record: DeployRecord): Status | null {
  if (!step) return null;
  switch (step.status) {
    case "succeeded":
      return { mark: "✅", text: `passed${runOf(record)}` };
    case "failed":
    case "timed-out": {
      const why =
        step.status === "timed-out"
          ? "timed out"
          : `failed${step.exitCode == null ? "" : ` (exit ${step.exitCode})`}`;
      const name =
        step.name === "validate" || step.name === "verify" ? "" : ` at ${escapeMarkdown(step.name)}`;
      return { mark: "❌", text: `${why}${name}${runOf(record)}` };
    }
    case "interrupted":
      return { mark: "⬜", text: `interrupted${runOf(record)}` };
    case "skipped":
      return null;
  }
}

function lastStep(record: DeployRecord, match: (step: StepOutcome) => boolean): StepOutcome | undefined {
  return record.steps.filter((s) => match(s) && s.status !== "skipped").at(-1);
}

/** " on 2026-05-02 (v1.5.0, abc1234, production)". */
function runOf(record: DeployRecord): string {
  const what = [
    ...(record.version !== null ? [record.version] : []),
    ...(record.commit !== null ? [shortSha(record.commit)] : []),
    record.environment,
  ].map(escapeMarkdown);
  return ` on ${dayOf(record.startedAt)} (${what.join(", ")})`;
}

function lastValue(result: MetricResult): string {
  const value = result.samples.filter((s) => s.value !== null).at(-1)?.value;
  return value === undefined || value === null ? "" : `; last sample ${Number(value.toPrecision(6))}`;
}

function dayOf(iso: string): string {
  return escapeMarkdown(iso.slice(0, 10));
}

/** pre_release -> Pre-Release Stage; canary_stage -> Canary Stage. */
function stageTitle(name: string): string {
  const title = titleOf(name);
  return /\bstage$/i.test(title) ? title : `${title} Stage`;
}

/** pre_release -> Pre-Release, validation_failure -> Validation Failure, as the seed names them. */
export function titleOf(name: string): string {
  const words = name.split(/[_\s]+/).filter((w) => w !== "");
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const joined =
    words.length > 1 && /^(pre|post)$/i.test(words[0]!)
      ? [`${cap(words[0]!)}-${cap(words[1]!)}`, ...words.slice(2).map(cap)]
      : words.map(cap);
  return escapeMarkdown(joined.join(" "));
}
