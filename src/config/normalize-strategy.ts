import path from "node:path";
import type { z } from "zod";
import type {
  AlertSpec,
  CanarySpec,
  CanaryStep,
  DeployStrategy,
  FlagSpec,
  MetricSpec,
  StageSpec,
  StepAction,
  TriggerSpec,
  WorkflowSpec,
} from "../deploy/types.js";
import type { EvidenceSpec } from "../evidence/types.js";
import {
  DEFAULT_RELEASE_STEPS,
  RELEASE_WORKFLOW,
  SEED_STAGES,
  SEED_TRIGGERS,
} from "../deploy/core/strategy-names.js";
import type { ConfigPath } from "./config-rule.js";
import type { configSchema } from "./config-schema.js";
import { normalizeEvidence, parseDuration } from "./normalize-evidence.js";
import { normalizeMetric } from "./normalize-metric.js";

type ConfigOutput = z.output<ReturnType<typeof configSchema>>;
type Duration = number | string;

/** The keys of shipready.yml that make up the release strategy; with none of them written, there is none. */
export const STRATEGY_KEYS = [
  "strategy",
  "rollback",
  "validation",
  "monitoring",
  "analytics",
  "automation",
  "steps",
  "checks",
  "sources",
  "environments",
  "canary",
  "incident",
  "deploy",
  "evidence",
] as const;

/** The seed strategy's timeouts: 300 s for a gate, trigger, procedure or check; 1800 s for a workflow. */
export const STRATEGY_DEFAULTS = {
  timeoutMs: 300_000,
  workflowTimeoutMs: 1_800_000,
  taskTimeoutMs: 300_000,
  alertWindowMs: 300_000,
  alertSeverity: "warning",
  incidentLabels: ["incident"],
  recordsFile: ".shipready/deploys.jsonl",
  locksDir: ".shipready/locks",
  environment: "production",
} as const;

const ms = (value: Duration | undefined, fallback: number): number =>
  value === undefined ? fallback : parseDuration(value);

/**
 * The release strategy as the deploy, verify and rollback use cases run it: defaults filled in,
 * durations in milliseconds, paths absolute, each item with its line. null when shipready.yml writes
 * none of the strategy's keys. Expects a file the rules found no error in (every metric has a source).
 */
export function normalizeStrategy(
  input: ConfigOutput,
  root: string,
  lineOf: (at: ConfigPath) => number,
): DeployStrategy | null {
  if (STRATEGY_KEYS.every((key) => input[key] === undefined)) return null;
  const metrics = normalizeMetrics(input, root, lineOf);
  const environments = Object.entries(input.environments ?? {}).map(([name, env]) => ({
    name,
    ...(env.url !== undefined && { url: env.url }),
    ...(env.githubEnvironment !== undefined && { githubEnvironment: env.githubEnvironment }),
    public: env.public ?? false,
    vars: { ...env.vars },
    line: lineOf(["environments", name]),
  }));
  return {
    stages: normalizeStages(input, lineOf),
    gates: (input.strategy?.gates ?? []).map((gate, i) => ({
      name: gate.name,
      required: gate.required ?? true,
      timeoutMs: ms(gate.timeout, STRATEGY_DEFAULTS.timeoutMs),
      ...(gate.stages !== undefined && { stages: [...gate.stages] }),
      line: lineOf(["strategy", "gates", i]),
    })),
    triggers: normalizeTriggers(input, lineOf),
    procedures: (input.rollback?.procedures ?? []).map((procedure, i) => ({
      name: procedure.name,
      steps: [...procedure.steps],
      timeoutMs: ms(procedure.timeout, STRATEGY_DEFAULTS.timeoutMs),
      line: lineOf(["rollback", "procedures", i]),
    })),
    validationGates: (input.validation?.gates ?? []).map((gate, i) => ({
      name: gate.name,
      checks: [...gate.checks],
      timeoutMs: ms(gate.timeout, STRATEGY_DEFAULTS.timeoutMs),
      line: lineOf(["validation", "gates", i]),
    })),
    metrics,
    alerts: normalizeAlerts(input, metrics, lineOf),
    analytics: (["metrics", "analysis"] as const).flatMap((list) =>
      (input.analytics?.[list] ?? []).map((item, i) => ({
        name: item.name,
        kind: list === "metrics" ? ("metric" as const) : ("analysis" as const),
        intervalMs: parseDuration(item.interval),
        ...(item.retention !== undefined && {
          retention: typeof item.retention === "number" ? `${item.retention}s` : item.retention,
        }),
        line: lineOf(["analytics", list, i]),
      })),
    ),
    tasks: (input.automation?.tasks ?? []).map((task, i) => ({
      name: task.name,
      intervalMs: parseDuration(task.interval),
      timeoutMs: ms(task.timeout, STRATEGY_DEFAULTS.taskTimeoutMs),
      line: lineOf(["automation", "tasks", i]),
    })),
    workflows: normalizeWorkflows(input, lineOf),
    steps: Object.fromEntries(
      Object.entries(input.steps ?? {}).map(([name, step]) => [
        name,
        normalizeStep(step, root, lineOf(["steps", name])),
      ]),
    ),
    checks: Object.fromEntries(
      Object.entries(input.checks ?? {}).map(([name, check]) => [
        name,
        normalizeCheck(check, (i) => lineOf(i === null ? ["checks", name] : ["checks", name, i])),
      ]),
    ),
    environments,
    defaultEnvironment: environments.length === 1 ? environments[0]!.name : STRATEGY_DEFAULTS.environment,
    canary: input.canary
      ? normalizeCanary(
          input.canary,
          metrics.filter((m) => m.block === "validation").map((m) => m.name),
          lineOf,
        )
      : null,
    incident: {
      github: input.incident?.github ?? true,
      labels: [...(input.incident?.labels ?? STRATEGY_DEFAULTS.incidentLabels)],
      notify: input.incident?.notify ?? true,
    },
    recordsFile: path.resolve(root, input.deploy?.records ?? STRATEGY_DEFAULTS.recordsFile),
    locksDir: path.resolve(root, input.deploy?.locks ?? STRATEGY_DEFAULTS.locksDir),
    evidenceRoot: input.evidence === undefined ? null : path.resolve(root, input.evidence),
  };
}

function normalizeStages(input: ConfigOutput, lineOf: (at: ConfigPath) => number): StageSpec[] {
  const written = input.strategy?.stages;
  const inconclusiveOf = (name: string): StageSpec["inconclusive"] =>
    name === "post_release" ? "rollback" : "fail";
  if (written === undefined) {
    return SEED_STAGES.map((name) => ({
      name,
      validation: true,
      rollback: true,
      monitoring: true,
      procedures: [],
      inconclusive: inconclusiveOf(name),
    }));
  }
  return written.map((stage, i) => ({
    name: stage.name,
    validation: stage.validation ?? true,
    rollback: stage.rollback ?? true,
    monitoring: stage.monitoring ?? true,
    procedures: [...(stage.procedures ?? [])],
    inconclusive: stage.inconclusive ?? inconclusiveOf(stage.name),
    line: lineOf(["strategy", "stages", i]),
  }));
}

function normalizeTriggers(input: ConfigOutput, lineOf: (at: ConfigPath) => number): TriggerSpec[] {
  const written = input.rollback?.triggers;
  if (written === undefined) {
    return SEED_TRIGGERS.map((name) => ({
      name,
      action: "rollback",
      timeoutMs: STRATEGY_DEFAULTS.timeoutMs,
    }));
  }
  return written.map((trigger, i) => ({
    name: trigger.name,
    action: trigger.action ?? "rollback",
    timeoutMs: ms(trigger.timeout, STRATEGY_DEFAULTS.timeoutMs),
    ...(trigger.stages !== undefined && { stages: [...trigger.stages] }),
    line: lineOf(["rollback", "triggers", i]),
  }));
}

function normalizeMetrics(
  input: ConfigOutput,
  root: string,
  lineOf: (at: ConfigPath) => number,
): MetricSpec[] {
  return (["validation", "monitoring"] as const).flatMap((block) =>
    (input[block]?.metrics ?? []).flatMap((metric, i) => {
      const source = input.sources?.[metric.name];
      if (!source || !Object.hasOwn(input.sources!, metric.name)) return [];
      return [normalizeMetric(metric, block, source, root, lineOf([block, "metrics", i]))];
    }),
  );
}

/** An alert watches the metric it names, else the monitoring metric its stem names (health_alert: *_health). */
function normalizeAlerts(
  input: ConfigOutput,
  metrics: readonly MetricSpec[],
  lineOf: (at: ConfigPath) => number,
): AlertSpec[] {
  const monitored = metrics.filter((m) => m.block === "monitoring").map((m) => m.name);
  return (input.monitoring?.alerts ?? []).map((alert, i) => {
    const metric = alert.metric ?? metricOfAlert(alert.name, monitored);
    return {
      name: alert.name,
      ...(metric !== undefined && { metric }),
      threshold: alert.threshold,
      windowMs: ms(alert.window, STRATEGY_DEFAULTS.alertWindowMs),
      severity: alert.severity ?? STRATEGY_DEFAULTS.alertSeverity,
      line: lineOf(["monitoring", "alerts", i]),
    };
  });
}

/** The one metric whose name holds the alert's stem as a whole word (health_alert -> service_health); else undefined. */
export function metricOfAlert(alert: string, metrics: readonly string[]): string | undefined {
  const stem = alert.replace(/[_-]?alert$/i, "");
  if (stem === "") return undefined;
  if (metrics.includes(stem)) return stem;
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const word = new RegExp(`(^|[_-])${escaped}([_-]|$)`, "i");
  const found = metrics.filter((m) => word.test(m));
  return found.length === 1 ? found[0] : undefined;
}

function normalizeWorkflows(input: ConfigOutput, lineOf: (at: ConfigPath) => number): WorkflowSpec[] {
  const workflows: WorkflowSpec[] = (input.automation?.workflows ?? []).map((workflow, i) => ({
    name: workflow.name,
    steps: [...workflow.steps],
    timeoutMs: ms(workflow.timeout, STRATEGY_DEFAULTS.workflowTimeoutMs),
    line: lineOf(["automation", "workflows", i]),
  }));
  if (!workflows.some((w) => w.name === RELEASE_WORKFLOW)) {
    workflows.push({
      name: RELEASE_WORKFLOW,
      steps: [...DEFAULT_RELEASE_STEPS],
      timeoutMs: STRATEGY_DEFAULTS.workflowTimeoutMs,
    });
  }
  return workflows;
}

type StepInput = NonNullable<ConfigOutput["steps"]>[string];
type FlagInput = NonNullable<Exclude<StepInput, string>["flag"]>;

function normalizeStep(step: StepInput, root: string, line: number): StepAction {
  if (typeof step === "string") return { kind: "command", run: step, line };
  if (step.flag) return { kind: "flag", flag: normalizeFlag(step.flag, root), line };
  return {
    kind: "command",
    run: step.run!,
    ...(step.cwd !== undefined && { cwd: path.resolve(root, step.cwd) }),
    ...(step.timeout !== undefined && { timeoutMs: parseDuration(step.timeout) }),
    line,
  };
}

function normalizeFlag(flag: FlagInput, root: string): FlagSpec {
  if (flag.flagd) {
    return {
      kind: "flagd",
      file: path.resolve(root, flag.flagd.file),
      flag: flag.flagd.flag,
      variant: flag.flagd.variant,
    };
  }
  if (flag.envFile) {
    return {
      kind: "env-file",
      file: path.resolve(root, flag.envFile.file),
      key: flag.envFile.key,
      value: flag.envFile.value,
    };
  }
  return { kind: "command", run: flag.run! };
}

type CheckInput = NonNullable<ConfigOutput["checks"]>[string];

function normalizeCheck(check: CheckInput, lineOf: (index: number | null) => number): EvidenceSpec[] {
  if (Array.isArray(check)) return check.map((item, i) => normalizeEvidence(item, lineOf(i)));
  return [normalizeEvidence(check, lineOf(null))];
}

function normalizeCanary(
  canary: NonNullable<ConfigOutput["canary"]>,
  validationMetrics: readonly string[],
  lineOf: (at: ConfigPath) => number,
): CanarySpec {
  const steps = canary.steps.map((step, i): CanaryStep => {
    const line = lineOf(["canary", "steps", i]);
    if (step.setWeight !== undefined) return { kind: "setWeight", weight: step.setWeight, line };
    if (step.pause !== undefined) {
      const duration = typeof step.pause === "object" ? step.pause.duration : step.pause;
      return { kind: "pause", ...(duration !== undefined && { durationMs: parseDuration(duration) }), line };
    }
    const analysis = step.analysis!;
    return {
      kind: "analysis",
      metrics: [...(analysis.metrics ?? validationMetrics)],
      ...(analysis.window !== undefined && { windowMs: parseDuration(analysis.window) }),
      line,
    };
  });
  return { setWeight: canary.setWeight, steps, line: lineOf(["canary"]) };
}
