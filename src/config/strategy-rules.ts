import path from "node:path";
import {
  DEFAULT_RELEASE_STEPS,
  isBuiltInStep,
  RELEASE_WORKFLOW,
  ROLLBACK_WORKFLOW,
  SEED_STAGES,
} from "../deploy/core/strategy-names.js";
import { closestWord } from "./closest-word.js";
import {
  error,
  isRecord,
  type ConfigPath,
  type ConfigRule,
  type RuleContext,
  type RuleFinding,
} from "./config-rule.js";
import { ENV_NAME } from "./schema-wording.js";
import { answersNumber, type SourceInput } from "./normalize-metric.js";
import { metricOfAlert } from "./normalize-strategy.js";
import {
  listsStep,
  readStrategyNames,
  type RawEntry,
  type RawName,
  type RawStrategy,
} from "./read-strategy-names.js";
import { SOURCE_KINDS } from "./strategy-bindings-schema.js";

/**
 * Cross-field rules of the release strategy, which the schema cannot say: every name used is
 * defined (steps, checks, metrics' sources, stages, procedures), workflows do not loop, deploy has
 * something to run, sources can be judged, and nothing points outside the repository. Run beside
 * the schema, on the raw file.
 */
export const STRATEGY_RULES: readonly ConfigRule[] = [
  strategyRule(namesAreUnique),
  strategyRule(stepsAreBound),
  strategyRule(checksAreBound),
  strategyRule(qualifiedBindingsExist),
  strategyRule(bindingsAreUsed),
  strategyRule(metricsHaveSources),
  strategyRule(sourcesNameMetrics),
  strategyRule(sourcesCanBeJudged),
  strategyRule(referencedStagesExist),
  strategyRule(workflowsDoNotLoop),
  strategyRule(deployHasSomethingToRun),
  strategyRule(rollbackHasSomethingToRun),
  strategyRule(alertsWatchAMetric),
  strategyRule(sentryTokenIsNamedNotWritten),
  strategyRule(flagFilesStayInside),
];

type StrategyRule = (strategy: RawStrategy, context: RuleContext) => RuleFinding[];

/** Reads the names once per rule; a file that writes no strategy key is left alone. */
function strategyRule(rule: StrategyRule): ConfigRule {
  const named: ConfigRule = (context) => {
    const strategy = readStrategyNames(context.raw);
    return strategy.written ? rule(strategy, context) : [];
  };
  Object.defineProperty(named, "name", { value: rule.name });
  return named;
}

const warning = (at: ConfigPath, message: string): RuleFinding => ({
  severity: "warning",
  path: at,
  message,
});

/** `also on lines 30, 33`, or nothing. */
function alsoOn(uses: readonly RawName[], lineOf: (at: ConfigPath) => number): string {
  const lines = [...new Set(uses.map((use) => lineOf(use.at)))];
  return lines.length === 0 ? "" : ` (also used on line${lines.length === 1 ? "" : "s"} ${lines.join(", ")})`;
}

function quote(name: string): string {
  return JSON.stringify(name);
}

// ---- names --------------------------------------------------------------------------------------

function namesAreUnique(strategy: RawStrategy, { lineOf }: RuleContext): RuleFinding[] {
  const groups: [string, RawEntry[]][] = [
    ["stage", strategy.stages ?? []],
    ["gate", strategy.gates],
    ["trigger", strategy.triggers],
    ["procedure", strategy.procedures],
    ["validation gate", strategy.validationGates],
    ["validation metric", strategy.metrics.filter((m) => m.block === "validation")],
    ["monitoring metric", strategy.metrics.filter((m) => m.block === "monitoring")],
    ["alert", strategy.alerts],
    ["task", strategy.tasks],
    ["workflow", strategy.workflows],
  ];
  const findings: RuleFinding[] = [];
  for (const [what, list] of groups) {
    const seen = new Map<string, RawEntry>();
    for (const entry of list) {
      const first = seen.get(entry.name);
      if (first === undefined) seen.set(entry.name, entry);
      else
        findings.push(
          error(
            entry.at,
            `${quote(entry.name)} is already the name of the ${what} on line ${lineOf(first.at)}. Give each ${what} its own name, or merge the two.`,
          ),
        );
    }
  }
  for (const workflow of strategy.workflows) {
    const procedure = strategy.procedures.find((p) => p.name === workflow.name);
    if (procedure)
      findings.push(
        error(
          workflow.at,
          `${quote(workflow.name)} is also the name of the procedure on line ${lineOf(procedure.at)}, so a step naming it would be ambiguous. Rename the workflow or the procedure.`,
        ),
      );
  }
  for (const step of strategy.steps) {
    const list = [...strategy.procedures, ...strategy.workflows].find((l) => l.name === step.name);
    if (list)
      findings.push(
        error(
          step.at,
          `${quote(step.name)} is also the name of the procedure or workflow on line ${lineOf(list.at)}; a workflow listing it runs that one, never this step. Rename the step.`,
        ),
      );
  }
  return findings;
}

interface Use extends RawName {
  scope: string;
}

/** The uses of names that nothing binds, grouped by name, in the order they are first written. */
function groupUnbound(uses: readonly Use[], isBound: (use: Use) => boolean): Map<string, Use[]> {
  const groups = new Map<string, Use[]>();
  for (const use of uses) {
    if (isBound(use)) continue;
    groups.set(use.name, [...(groups.get(use.name) ?? []), use]);
  }
  return groups;
}

function stepsAreBound(strategy: RawStrategy, { lineOf }: RuleContext): RuleFinding[] {
  const bound = new Set(strategy.steps.map((s) => s.name));
  const lists = new Set([...strategy.procedures, ...strategy.workflows].map((l) => l.name));
  const uses: Use[] = [
    ...strategy.procedures.flatMap((p) => (p.lists.steps ?? []).map((s) => ({ ...s, scope: p.name }))),
    ...strategy.workflows.flatMap((w) =>
      (w.lists.steps ?? []).filter((s) => !lists.has(s.name)).map((s) => ({ ...s, scope: w.name })),
    ),
  ];
  const isBound = (use: Use) =>
    bound.has(`${use.scope}.${use.name}`) || bound.has(use.name) || isBuiltInStep(use.name);
  return [...groupUnbound(uses, isBound)].map(([name, [first, ...rest]]) => {
    const closest = closestWord(
      name,
      [...bound].filter((b) => !b.includes(".")),
    );
    const guess = closest === undefined ? "" : ` Did you mean ${quote(closest)}?`;
    return error(
      first!.at,
      `step ${quote(name)} is not bound: nothing says what it runs${alsoOn(rest, lineOf)}.${guess} Bind it under steps:, such as steps: { ${name}: "<command>" }, or as ${first!.scope}.${name} for ${first!.scope} alone; validate and verify are built in.`,
    );
  });
}

function checksAreBound(strategy: RawStrategy, { lineOf }: RuleContext): RuleFinding[] {
  const bound = new Set(strategy.checks.map((c) => c.name));
  const uses: Use[] = strategy.validationGates.flatMap((g) =>
    (g.lists.checks ?? []).map((c) => ({ ...c, scope: g.name })),
  );
  const isBound = (use: Use) => bound.has(`${use.scope}.${use.name}`) || bound.has(use.name);
  return [...groupUnbound(uses, isBound)].map(([name, [first, ...rest]]) =>
    error(
      first!.at,
      `check ${quote(name)} is not bound: no evidence says whether it passes${alsoOn(rest, lineOf)}. Bind it under checks: with any evidence gates: take, such as checks: { ${name}: { command: { run: "<command>" } } }.`,
    ),
  );
}

/** data_rollback.revert binds a step of data_rollback only: data_rollback must exist and list revert. */
function qualifiedBindingsExist(strategy: RawStrategy): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const step of strategy.steps) {
    const [scope, name] = step.name.split(".");
    if (name === undefined || listsStep(strategy, scope!, name)) continue;
    const exists = [...strategy.procedures, ...strategy.workflows].some((l) => l.name === scope);
    findings.push(
      error(
        step.at,
        exists
          ? `${quote(scope!)} has no step ${quote(name)}, so this binding is never used. Add ${name} to its steps, or bind the name it does list.`
          : `no procedure or workflow is named ${quote(scope!)}, so this binding is never used. Write <procedure>.<step> with a procedure or workflow of rollback: or automation:, or ${name} alone.`,
      ),
    );
  }
  for (const check of strategy.checks) {
    const [gate, name] = check.name.split(".");
    if (name === undefined) continue;
    const found = strategy.validationGates.find((g) => g.name === gate);
    if (found && (found.lists.checks ?? []).some((c) => c.name === name)) continue;
    findings.push(
      error(
        check.at,
        found
          ? `validation gate ${quote(gate!)} has no check ${quote(name)}, so this binding is never used. Add ${name} to its checks, or bind the name it does list.`
          : `no validation gate is named ${quote(gate!)}, so this binding is never used. Write <gate>.<check> with a gate of validation.gates, or ${name} alone.`,
      ),
    );
  }
  return findings;
}

/** A binding no list uses is most often a typo of the one that is reported unbound. */
function bindingsAreUsed(strategy: RawStrategy): RuleFinding[] {
  const used = new Set([
    ...[...strategy.procedures, ...strategy.workflows].flatMap((l) =>
      (l.lists.steps ?? []).map((s) => s.name),
    ),
    ...strategy.validationGates.flatMap((g) => (g.lists.checks ?? []).map((c) => c.name)),
    ...strategy.tasks.map((t) => t.name),
    // The default release_workflow, when automation: has none.
    ...(strategy.workflows.some((w) => w.name === RELEASE_WORKFLOW) ? [] : DEFAULT_RELEASE_STEPS),
  ]);
  const findings: RuleFinding[] = [];
  for (const [what, list] of [
    ["step", strategy.steps],
    ["check", strategy.checks],
  ] as const) {
    for (const binding of list) {
      if (binding.name.includes(".") || used.has(binding.name)) continue;
      findings.push(
        warning(
          binding.at,
          `no ${what === "step" ? "procedure or workflow" : "validation gate"} lists the ${what} ${quote(binding.name)}, so it never runs. Add it to one, or remove it.`,
        ),
      );
    }
  }
  return findings;
}

// ---- metrics and their sources ---------------------------------------------------------------------

function metricsHaveSources(strategy: RawStrategy): RuleFinding[] {
  const sources = new Set(strategy.sources.map((s) => s.name));
  const findings = strategy.metrics
    .filter((metric) => !sources.has(metric.name))
    .map((metric) =>
      error(
        metric.at,
        `metric ${quote(metric.name)} has no source: nothing says where its samples come from. Add it under sources:, such as sources: { ${metric.name}: { prometheus: { url: "http://127.0.0.1:9090", query: "..." } } } (or http:, command:, sentry:).`,
      ),
    );
  const validation = strategy.metrics.filter((m) => m.block === "validation").map((m) => m.name);
  for (const use of strategy.canaryMetrics) {
    if (validation.includes(use.name)) continue;
    const closest = closestWord(use.name, validation);
    findings.push(
      error(
        use.at,
        `${quote(use.name)} is not a metric of validation.metrics, so the analysis could not judge it.${closest === undefined ? "" : ` Did you mean ${quote(closest)}?`} Name one of: ${validation.join(", ") || "(none yet: add validation.metrics)"}.`,
      ),
    );
  }
  return findings;
}

function sourcesNameMetrics(strategy: RawStrategy): RuleFinding[] {
  const metrics = [...new Set(strategy.metrics.map((m) => m.name))];
  const findings: RuleFinding[] = [];
  for (const source of strategy.sources) {
    if (!metrics.includes(source.name)) {
      const closest = closestWord(source.name, metrics);
      findings.push(
        error(
          source.at,
          `names no metric of validation.metrics or monitoring.metrics, so it is never read.${closest === undefined ? "" : ` Did you mean ${quote(closest)}?`} Rename it to the metric it is for${metrics.length > 0 ? ` (${metrics.join(", ")})` : ", or add the metric"}.`,
        ),
      );
    }
    const settings = source.value;
    if (isRecord(settings) && SOURCE_KINDS.every((kind) => settings[kind] === undefined)) {
      findings.push(
        error(
          source.at,
          `says how to judge the metric but not where its samples come from. Add one of ${SOURCE_KINDS.join(", ")}, such as http: { url: "http://localhost:8000/health" }.`,
        ),
      );
    }
  }
  return findings;
}

/** Each source, with the thresholds of the metrics it feeds, must give the judge something to decide by. */
function sourcesCanBeJudged(strategy: RawStrategy): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const source of strategy.sources) {
    if (!isRecord(source.value)) continue;
    const s = source.value as Partial<SourceInput>;
    const kind = SOURCE_KINDS.find((k) => s[k] !== undefined);
    if (kind === undefined) continue;
    const number = answersNumber(s);
    const users = strategy.metrics.filter((m) => m.name === source.name);
    if (kind === "http" && (s.min !== undefined || s.max !== undefined)) {
      findings.push(
        error(
          source.at,
          "sets min: or max:, but an http probe answers pass or fail, not a number. Remove them; write the share of probes that must pass as the metric's threshold: (or share:), and the slowest passing answer as http.maxLatency.",
        ),
      );
    }
    if (typeof s.min === "number" && typeof s.max === "number" && s.min > s.max) {
      findings.push(
        error([...source.at, "min"], `${s.min} is above max (${s.max}), so no sample could pass. Swap them.`),
      );
    }
    if (s.baseline !== undefined && (kind === "http" || kind === "command")) {
      findings.push(
        error(
          [...source.at, "baseline"],
          `compares with the window before the deploy, which an ${kind} source cannot read back. Use a prometheus or sentry source for this metric, or remove baseline:.`,
        ),
      );
    }
    for (const metric of users) {
      const threshold = metric.settings.threshold;
      const thresholdIsShare = !number || s.min !== undefined || s.max !== undefined;
      if (
        typeof threshold === "number" &&
        s.share === undefined &&
        thresholdIsShare &&
        (threshold < 0 || threshold > 1)
      ) {
        findings.push(
          error(
            [...metric.entry, "threshold"],
            `${threshold} is read as the share of samples that must pass (the ${kind} source ${number ? "sets min:/max:" : "answers pass or fail"}), and a share is between 0 and 1. Write it as a fraction, such as ${threshold > 1 && threshold <= 100 ? threshold / 100 : 0.99}.`,
          ),
        );
      }
      if (
        number &&
        threshold === undefined &&
        s.min === undefined &&
        s.max === undefined &&
        s.baseline === undefined
      ) {
        findings.push(
          error(
            metric.at,
            `has a ${kind} source, which answers a number, but nothing to judge the number by. Add threshold: (the lowest value that passes) to the metric, or min:, max: or baseline: to sources.${metric.name}.`,
          ),
        );
      }
    }
  }
  return findings;
}

// ---- stages, workflows, what deploy and rollback run ------------------------------------------------

function referencedStagesExist(strategy: RawStrategy): RuleFinding[] {
  const stages = strategy.stages?.map((s) => s.name) ?? [...SEED_STAGES];
  const lists = [...strategy.procedures, ...strategy.workflows].map((l) => l.name);
  const findings: RuleFinding[] = [];
  for (const [what, entries] of [
    ["gate", strategy.gates],
    ["trigger", strategy.triggers],
  ] as const) {
    for (const entry of entries) {
      for (const stage of entry.lists.stages ?? []) {
        if (stages.includes(stage.name)) continue;
        const closest = closestWord(stage.name, stages);
        findings.push(
          error(
            stage.at,
            `the ${what} ${quote(entry.name)} names the stage ${quote(stage.name)}, which strategy.stages does not have.${closest === undefined ? "" : ` Did you mean ${quote(closest)}?`} Name one of: ${stages.join(", ")}.`,
          ),
        );
      }
    }
  }
  for (const stage of strategy.stages ?? []) {
    for (const procedure of stage.lists.procedures ?? []) {
      if (lists.includes(procedure.name)) continue;
      const closest = closestWord(procedure.name, lists);
      findings.push(
        error(
          procedure.at,
          `the stage ${quote(stage.name)} rolls back with ${quote(procedure.name)}, which is neither a procedure of rollback.procedures nor a workflow.${closest === undefined ? "" : ` Did you mean ${quote(closest)}?`} Name one of: ${lists.join(", ") || "(none yet: add rollback.procedures)"}.`,
        ),
      );
    }
  }
  return findings;
}

/** A workflow may run another workflow; one that comes back to itself would never end. */
function workflowsDoNotLoop(strategy: RawStrategy): RuleFinding[] {
  const byName = new Map(strategy.workflows.map((w) => [w.name, w]));
  const findings: RuleFinding[] = [];
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    const workflow = byName.get(name);
    if (!workflow) return;
    for (const step of workflow.lists.steps ?? []) {
      if (!byName.has(step.name)) continue;
      const start = trail.indexOf(step.name);
      if (step.name === name || start !== -1) {
        const loop = [...trail.slice(start === -1 ? trail.length : start), name, step.name];
        const key = [...new Set(loop)].sort().join(" ");
        if (reported.has(key)) continue;
        reported.add(key);
        findings.push(
          error(
            step.at,
            step.name === name && start === -1
              ? `the workflow ${quote(name)} lists itself, so it would never end. Remove ${step.name} from its steps.`
              : `the workflows run each other in a circle (${loop.join(" -> ")}), so they would never end. Remove one of these steps.`,
          ),
        );
        continue;
      }
      visit(step.name, [...trail, name]);
    }
  };
  for (const workflow of strategy.workflows) visit(workflow.name, []);
  return findings;
}

/**
 * shipready deploy runs release_workflow; it must run something besides the built-ins. Without one
 * in automation: the default [validate, deploy, verify] runs, and `deploy` must be bound.
 */
function deployHasSomethingToRun(strategy: RawStrategy): RuleFinding[] {
  const bound = new Set(strategy.steps.map((s) => s.name));
  const release = strategy.workflows.find((w) => w.name === RELEASE_WORKFLOW);
  if (!release) {
    if (bound.has("deploy") || bound.has(`${RELEASE_WORKFLOW}.deploy`)) return [];
    const at = strategy.steps.length > 0 ? ["steps"] : ["automation"];
    return [
      error(
        at,
        `no release_workflow in automation.workflows, so shipready deploy runs the default [validate, deploy, verify], and nothing binds deploy. Bind it, such as steps: { deploy: "docker compose up -d" }, or write a release_workflow.`,
      ),
    ];
  }
  // Does any step, through the procedures and workflows it names, run something of the team's?
  const lists = new Map([...strategy.procedures, ...strategy.workflows].map((l) => [l.name, l]));
  const seen = new Set<string>();
  let written = false;
  const walk = (list: RawEntry): void => {
    if (seen.has(list.name)) return;
    seen.add(list.name);
    for (const step of list.lists.steps ?? []) {
      const inner = lists.get(step.name);
      if (inner) walk(inner);
      else if (!isBuiltInStep(step.name) || bound.has(`${list.name}.${step.name}`) || bound.has(step.name))
        written = true;
    }
  };
  walk(release);
  if (written) return [];
  return [
    error(
      release.at,
      'runs only the built-in validate and verify, so a deploy would deploy nothing. Add the step that deploys, such as steps: [validate, deploy, verify] with steps: { deploy: "..." }.',
    ),
  ];
}

function rollbackHasSomethingToRun(strategy: RawStrategy): RuleFinding[] {
  if (strategy.procedures.length > 0 || strategy.workflows.some((w) => w.name === ROLLBACK_WORKFLOW))
    return [];
  const rollsBack = (t: RawEntry) => t.settings.action === undefined || t.settings.action === "rollback";
  // Without rollback.triggers the seed's three apply, each action: rollback; they fire when a verification fails.
  const at = strategy.triggersWritten
    ? strategy.triggers.find(rollsBack)?.entry
    : (strategy.metrics[0]?.entry ?? strategy.validationGates[0]?.entry);
  if (at === undefined) return [];
  return [
    warning(
      at,
      "a failed verification fires a trigger whose action is rollback, but no rollback.procedures and no rollback_workflow say what a rollback runs, so it would run nothing. Add a procedure, such as rollback: { procedures: [{ name: service_rollback, steps: [revert] }] }, or write the triggers with action: notify.",
    ),
  ];
}

function alertsWatchAMetric(strategy: RawStrategy): RuleFinding[] {
  const monitored = strategy.metrics.filter((m) => m.block === "monitoring").map((m) => m.name);
  const findings: RuleFinding[] = [];
  for (const alert of strategy.alerts) {
    const metric = alert.settings.metric;
    if (typeof metric === "string") {
      if (monitored.includes(metric)) continue;
      const closest = closestWord(metric, monitored);
      findings.push(
        error(
          [...alert.entry, "metric"],
          `${quote(metric)} is not a metric of monitoring.metrics.${closest === undefined ? "" : ` Did you mean ${quote(closest)}?`} Name one of: ${monitored.join(", ") || "(none yet: add monitoring.metrics)"}.`,
        ),
      );
    } else if (metric === undefined && metricOfAlert(alert.name, monitored) === undefined) {
      findings.push(
        warning(
          alert.at,
          `watches no metric: no single monitoring metric's name holds the alert's stem, so no alerting rule is written for it. Add metric: with the monitoring metric it watches.`,
        ),
      );
    }
  }
  return findings;
}

// ---- secrets and paths ----------------------------------------------------------------------------

/** Sentry's token formats (sntrys_, sntryu_, 64 hex digits), or anything no shell would take as a name. */
function looksLikeToken(value: string): boolean {
  return (
    /^sntry[a-z]?_/i.test(value) ||
    /^[0-9a-f]{32,}$/i.test(value) ||
    !ENV_NAME.test(value) ||
    (value.length >= 24 && /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value))
  );
}

function sentryTokenIsNamedNotWritten(strategy: RawStrategy): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const source of strategy.sources) {
    if (!isRecord(source.value) || !isRecord(source.value.sentry)) continue;
    const tokenEnv = source.value.sentry.tokenEnv;
    // The value is never repeated: it may be the token itself.
    if (typeof tokenEnv !== "string" || !looksLikeToken(tokenEnv)) continue;
    findings.push(
      error(
        [...source.at, "sentry", "tokenEnv"],
        "holds something that looks like a token, not the name of an environment variable. Write the variable's name, such as tokenEnv: SENTRY_AUTH_TOKEN, set the token there as a secret, and revoke this token in Sentry if it was committed.",
      ),
    );
  }
  return findings;
}

/** A flag flip writes the file: it must be one of the repository's, not anywhere on the machine. */
function flagFilesStayInside(strategy: RawStrategy, { root }: RuleContext): RuleFinding[] {
  if (root === undefined) return [];
  const findings: RuleFinding[] = [];
  for (const step of strategy.steps) {
    if (!isRecord(step.value) || !isRecord(step.value.flag)) continue;
    for (const kind of ["flagd", "envFile"]) {
      const settings = step.value.flag[kind];
      if (!isRecord(settings) || typeof settings.file !== "string") continue;
      const relative = path.relative(root, path.resolve(root, settings.file));
      if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) continue;
      findings.push(
        error(
          [...step.at, "flag", kind, "file"],
          `${quote(settings.file)} is outside the folder of shipready.yml, and a flag flip writes the file it names. Keep the flag file in the repository and write its path relative to shipready.yml.`,
        ),
      );
    }
  }
  return findings;
}
