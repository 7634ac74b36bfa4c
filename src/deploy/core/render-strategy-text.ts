import type { DeployStrategy } from "../types.js";
import type { ShowPath } from "./describe-step-action.js";
import type { ListView, StrategyView } from "./describe-strategy.js";
import { formatSeconds } from "./format-seconds.js";

/** `shipready strategy`: the release strategy as understood, every name with what it runs. */
export function renderStrategyText(
  strategy: DeployStrategy,
  view: StrategyView,
  source: string,
  showPath: ShowPath,
): string {
  const out: string[] = [`Release strategy of ${source}`];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push("", title, ...lines);
  };
  section(
    "Stages",
    view.stages.map((stage) => {
      const on = (["validation", "rollback", "monitoring"] as const).filter((key) => stage[key]);
      const procedures =
        stage.procedures.length > 0 ? `; rolls back with ${stage.procedures.join(", ")}` : "";
      return `  ${stage.name}: ${on.length > 0 ? on.join(", ") : "nothing enabled"}; no data: ${stage.inconclusive}${procedures}`;
    }),
  );
  section(
    "Gates",
    strategy.gates.map(
      (gate) =>
        `  ${gate.name}: ${gate.required ? "required" : "not required"}, timeout ${formatSeconds(gate.timeoutMs)}${gate.stages ? `, in ${gate.stages.join(", ")}` : ""}`,
    ),
  );
  section("Workflows", view.workflows.flatMap(renderList));
  section("Rollback procedures", view.procedures.flatMap(renderList));
  section(
    "Triggers",
    view.triggers.map((trigger) => {
      const head = `  ${trigger.name}: ${trigger.action}, timeout ${formatSeconds(trigger.timeoutMs)}`;
      if (trigger.action !== "rollback") return head;
      if (trigger.runs.length === 0) return `${head}; no stage rolls back`;
      const runs = trigger.runs.map(
        (group) =>
          `in ${group.stages.join(", ")} runs ${group.procedures.length > 0 ? group.procedures.join(", ") : "nothing (no procedure)"}`,
      );
      return `${head}; ${runs.join("; ")}`;
    }),
  );
  section(
    "Validation gates",
    view.validationGates.map((gate) => {
      const checks = gate.checks.map((check) => {
        const bound = check.binding === null ? "not bound" : check.evidence.join(", ");
        const via = check.binding !== null && check.binding !== check.name ? ` as ${check.binding}` : "";
        return `${check.name} (${bound}${via})`;
      });
      return `  ${gate.name}, timeout ${formatSeconds(gate.timeoutMs)}: ${checks.join(", ")}`;
    }),
  );
  section(
    "Metrics",
    view.metrics.flatMap((metric) => [
      `  ${metric.name} (${metric.block}${metric.critical ? "" : ", not critical"})`,
      `    source: ${metric.source}`,
      `    passes: ${metric.judgement}, ${metric.timing}`,
    ]),
  );
  section(
    "Alerts",
    view.alerts.map((alert) =>
      alert.rule !== null
        ? `  ${alert.name} (${alert.metric}): ${alert.rule}`
        : `  ${alert.name}: no rule, ${alert.skipped ?? "no prometheus source"}`,
    ),
  );
  section(
    "Analytics (kept, not acted on)",
    strategy.analytics.map(
      (item) =>
        `  ${item.name} (${item.kind}): every ${formatSeconds(item.intervalMs)}${item.retention === undefined ? "" : `, kept ${item.retention}`}`,
    ),
  );
  section(
    "Tasks (kept, not run by shipready)",
    strategy.tasks.map(
      (task) =>
        `  ${task.name}: every ${formatSeconds(task.intervalMs)}, timeout ${formatSeconds(task.timeoutMs)}`,
    ),
  );
  const environments = strategy.environments.map(
    (env) => `${env.name}${env.url === undefined ? "" : ` (${env.url})`}${env.public ? ", public" : ""}`,
  );
  const incident = strategy.incident;
  section("Settings", [
    `  environments: ${environments.length > 0 ? environments.join("; ") : "none written"}; without --env: ${view.defaultEnvironment}`,
    ...(strategy.canary ? [`  canary: ${renderCanary(strategy.canary)}`] : []),
    `  on rollback: ${incident.github ? `a GitHub issue labelled ${incident.labels.join(", ")}` : "no GitHub issue"}; ${incident.notify ? "notifications sent" : "no notifications"}`,
    `  records: ${showPath(strategy.recordsFile)}; locks: ${showPath(strategy.locksDir)}; evidence: ${strategy.evidenceRoot === null ? "not written" : showPath(strategy.evidenceRoot)}`,
  ]);
  return `${out.join("\n")}\n`;
}

function renderList(list: ListView): string[] {
  const head = `  ${list.name}${list.isDefault ? " (the default)" : ""}, timeout ${formatSeconds(list.timeoutMs)}`;
  const width = Math.max(...list.steps.map((s) => s.name.length), 0);
  return [
    head,
    ...list.steps.map((step, i) => {
      const inner = step.via.slice(1);
      const via = inner.length > 0 ? ` [${inner.join(" > ")}]` : "";
      const binding = step.binding !== null && step.binding !== step.name ? ` as ${step.binding}` : "";
      return `    ${i + 1}. ${step.name.padEnd(width)}  ${step.runs}${binding}${via}`;
    }),
  ];
}

function renderCanary(canary: NonNullable<DeployStrategy["canary"]>): string {
  const steps = canary.steps.map((step) => {
    if (step.kind === "setWeight") return `setWeight ${step.weight}`;
    if (step.kind === "pause")
      return step.durationMs === undefined
        ? "pause until promote"
        : `pause ${formatSeconds(step.durationMs)}`;
    return `analysis of ${step.metrics.join(", ") || "no metric"}${step.windowMs === undefined ? "" : ` over ${formatSeconds(step.windowMs)}`}`;
  });
  return `${JSON.stringify(canary.setWeight)}; ${steps.join(", ")}`;
}
