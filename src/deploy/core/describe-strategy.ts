import type { DeployStrategy, StageSpec } from "../types.js";
import { describeJudgement, describeSource, describeTiming } from "./describe-metric.js";
import { describeStepAction, type ShowPath } from "./describe-step-action.js";
import { expandWorkflow, type PlannedStep } from "./expand-workflow.js";
import { planAlertRules } from "./plan-alert-rules.js";
import { planRollback } from "./plan-rollback.js";
import { resolveCheck } from "./resolve-check.js";
import { RELEASE_WORKFLOW } from "./strategy-names.js";

/** A step as `shipready strategy` shows it: its name, where it came from and what it runs. */
export interface StepView {
  name: string;
  /** The procedures and workflows entered to reach it (release_workflow > ship). */
  via: string[];
  /** The key of steps: it resolved through, or the built-in's name; null when unbound. */
  binding: string | null;
  runs: string;
}

export interface ListView {
  name: string;
  timeoutMs: number;
  /** True for release_workflow when automation: writes none. */
  isDefault: boolean;
  steps: StepView[];
}

export interface TriggerView {
  name: string;
  action: "rollback" | "notify" | "none";
  timeoutMs: number;
  /** What a rollback runs, per group of stages that run the same: "pre_release, release" -> [rollback_workflow]. */
  runs: { stages: string[]; procedures: string[] }[];
}

export interface MetricView {
  name: string;
  block: "validation" | "monitoring";
  source: string;
  judgement: string;
  timing: string;
  critical: boolean;
}

/** The release strategy as shipready understands it, every name resolved to what it runs. */
export interface StrategyView {
  stages: StageSpec[];
  workflows: ListView[];
  procedures: ListView[];
  triggers: TriggerView[];
  validationGates: {
    name: string;
    timeoutMs: number;
    checks: { name: string; binding: string | null; evidence: string[] }[];
  }[];
  metrics: MetricView[];
  alerts: { name: string; metric: string | null; rule: string | null; skipped: string | null }[];
  defaultEnvironment: string;
}

export function describeStrategy(strategy: DeployStrategy, showPath: ShowPath): StrategyView {
  const stepView = (step: PlannedStep): StepView => ({
    name: step.name,
    via: step.via,
    binding: step.resolved?.binding ?? null,
    runs: step.resolved ? describeStepAction(step.resolved.action, showPath) : "not bound",
  });
  const alerts = planAlertRules(strategy);
  return {
    stages: strategy.stages,
    workflows: strategy.workflows.map((w) => ({
      name: w.name,
      timeoutMs: w.timeoutMs,
      isDefault: w.name === RELEASE_WORKFLOW && w.line === undefined,
      steps: expandWorkflow(strategy, w.name).map(stepView),
    })),
    procedures: strategy.procedures.map((p) => ({
      name: p.name,
      timeoutMs: p.timeoutMs,
      isDefault: false,
      steps: expandWorkflow(strategy, p.name).map(stepView),
    })),
    triggers: strategy.triggers.map((trigger) => ({
      name: trigger.name,
      action: trigger.action,
      timeoutMs: trigger.timeoutMs,
      runs: trigger.action === "rollback" ? rollbackGroups(strategy, trigger.stages) : [],
    })),
    validationGates: strategy.validationGates.map((gate) => ({
      name: gate.name,
      timeoutMs: gate.timeoutMs,
      checks: gate.checks.map((check) => {
        const resolved = resolveCheck(strategy.checks, gate.name, check);
        return {
          name: check,
          binding: resolved?.binding ?? null,
          evidence: resolved?.evidence.map((e) => e.kind) ?? [],
        };
      }),
    })),
    metrics: strategy.metrics.map((metric) => ({
      name: metric.name,
      block: metric.block,
      source: describeSource(metric.source, showPath),
      judgement: describeJudgement(metric),
      timing: describeTiming(metric),
      critical: metric.critical,
    })),
    alerts: strategy.alerts.map((alert) => {
      const rule = alerts.rules.find((r) => r.alert === alert.name);
      const skipped = alerts.skipped.find((s) => s.alert === alert.name);
      return {
        name: alert.name,
        metric: alert.metric ?? null,
        rule: rule ? `${rule.expr} for ${rule.for}` : null,
        skipped: skipped?.reason ?? null,
      };
    }),
    defaultEnvironment: strategy.defaultEnvironment,
  };
}

/** The stages a trigger rolls back in (its stages:, of those with rollback: true), grouped by what runs. */
function rollbackGroups(strategy: DeployStrategy, only: string[] | undefined): TriggerView["runs"] {
  const groups: TriggerView["runs"] = [];
  for (const stage of strategy.stages) {
    if (!stage.rollback || (only !== undefined && !only.includes(stage.name))) continue;
    const procedures = planRollback(strategy, stage).map((part) => part.name);
    const same = groups.find((g) => g.procedures.join(" ") === procedures.join(" "));
    if (same) same.stages.push(stage.name);
    else groups.push({ stages: [stage.name], procedures });
  }
  return groups;
}
