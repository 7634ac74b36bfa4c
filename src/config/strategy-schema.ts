import { z } from "zod";
import { duration } from "./evidence-schema.js";
import { expecting } from "./schema-wording.js";

/**
 * The release strategy's six blocks as the release-planning seed writes them (strategy:, rollback:,
 * validation:, monitoring:, analytics:, automation:), each pasted under its own key. Input shape only:
 * parseConfig fills in defaults and turns durations into milliseconds (normalize-strategy.ts); what
 * the names mean (steps:, checks:, sources: ...) is in strategy-bindings-schema.ts.
 */

/** A name other settings refer to: letters, digits, _ and -. No dot: a dot qualifies a step (data_rollback.revert). */
export const STRATEGY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const nameOf = (what: string, example: string) =>
  z
    .string(expecting(`${what} (letters, digits, _ and -)`, `Write it such as name: ${example}.`))
    .regex(STRATEGY_NAME)
    .meta({ description: `The ${what}; other settings refer to it by this name.` });

/** A list of names, such as a procedure's steps or a gate's checks. */
export const nameList = (what: string, example: string) =>
  z
    .array(
      z
        .string(
          expecting(`a ${what} (letters, digits, _ and -)`, `Write the ${what} alone, such as ${example}.`),
        )
        .regex(STRATEGY_NAME),
      expecting(`a list of ${what}s`, `Write a list such as [${example}].`),
    )
    .min(1);

const onOff = (key: string, description: string) =>
  z
    .boolean(expecting("true or false", `Write ${key}: true or ${key}: false.`))
    .optional()
    .meta({ description });

const timeoutOf = (what: string, fallback: string) =>
  duration(`longest time ${what} may take`, `timeout: ${fallback}`)
    .optional()
    .meta({
      description: `How long ${what} may take: seconds (as the seed writes them) or with a unit; defaults to ${fallback}.`,
    });

/** The six blocks' schemas, built when first asked for: a shipready.yml without a strategy never pays for them. */
export function strategyBlocks() {
  return (built ??= buildStrategyBlocks());
}

let built: ReturnType<typeof buildStrategyBlocks> | undefined;

function buildStrategyBlocks() {
  const threshold = z
    .number(
      expecting(
        "a number",
        "Write the threshold as a number, such as threshold: 0.99 (a share of passing samples, or the lowest value).",
      ),
    )
    .meta({
      description:
        "For a source that answers pass or fail (http, a command printing no number): the share of samples that must pass. For a source that answers a number (prometheus, sentry, a command printing one): the lowest value each sample may have, unless the source sets min: or max:, then the share of samples that must meet it.",
    });

  const stageSchema = z
    .strictObject(
      {
        name: nameOf("stage's name", "post_release"),
        validation: onOff(
          "validation",
          "Whether the stage's verification runs: its validation gates and metrics (default true).",
        ),
        rollback: onOff("rollback", "Whether a failure in this stage rolls back (default true)."),
        monitoring: onOff("monitoring", "Whether the stage's monitoring metrics are watched (default true)."),
        procedures: nameList("procedure or workflow name", "service_rollback").optional().meta({
          description:
            "The procedures (or workflows) a rollback in this stage runs, in order; default: rollback_workflow when automation has one, else every procedure.",
        }),
        inconclusive: z
          .enum(
            ["rollback", "fail", "pass-with-warning"],
            expecting(
              "rollback, fail or pass-with-warning",
              "Write what a verification without data does here, such as inconclusive: rollback.",
            ),
          )
          .optional()
          .meta({
            description:
              "What a verification that had no data to judge does in this stage: rollback (the default for post_release), fail (the default elsewhere) or pass-with-warning. No data is never a pass by itself.",
          }),
      },
      expecting(
        "a stage written as keys",
        "Write it as { name: pre_release, validation: true, rollback: true, monitoring: true }.",
      ),
    )
    .meta({
      description: "A stage of the release (pre_release, release, post_release) and what runs in it.",
    });

  const stageNames = nameList("stage name", "release")
    .optional()
    .meta({ description: "The stages this applies to; every stage when absent." });

  const strategyGateSchema = z
    .strictObject(
      {
        name: nameOf("gate's name", "validation_gate"),
        required: onOff("required", "Whether the release stops when this gate does not pass (default true)."),
        timeout: timeoutOf("the gate", "300s"),
        stages: stageNames,
      },
      expecting(
        "a gate written as keys",
        "Write it as { name: validation_gate, required: true, timeout: 300 }.",
      ),
    )
    .meta({
      description: "A gate of the release strategy (validation_gate, rollback_gate, monitoring_gate).",
    });

  const triggerSchema = z
    .strictObject(
      {
        name: nameOf("trigger's name", "validation_failure"),
        action: z
          .enum(
            ["rollback", "notify", "none"],
            expecting("rollback, notify or none", "Write what the trigger does, such as action: rollback."),
          )
          .optional()
          .meta({
            description:
              "What firing the trigger does: rollback (the default) runs the stage's procedures, notify only tells, none only records it.",
          }),
        timeout: timeoutOf("the rollback it starts", "300s"),
        stages: stageNames,
      },
      expecting(
        "a trigger written as keys",
        "Write it as { name: validation_failure, action: rollback, timeout: 300 }.",
      ),
    )
    .meta({
      description:
        "What fires a rollback: validation_failure (a failed verification), monitoring_failure (a failed watch), manual_trigger (shipready rollback).",
    });

  const procedureSchema = z
    .strictObject(
      {
        name: nameOf("procedure's name", "service_rollback"),
        steps: nameList("step name", "stop, revert, start").meta({
          description:
            "The steps, in order; each is bound under steps: as <procedure>.<step> or <step>, or is a built-in (validate, verify).",
        }),
        timeout: timeoutOf("the whole procedure", "300s"),
      },
      expecting(
        "a procedure written as keys",
        "Write it as { name: service_rollback, steps: [stop, revert, start], timeout: 300 }.",
      ),
    )
    .meta({ description: "A named list of steps a rollback runs, with a timeout for the whole." });

  const validationGateSchema = z
    .strictObject(
      {
        name: nameOf("validation gate's name", "service_validation"),
        checks: nameList("check name", "health, performance").meta({
          description: "The checks, each bound under checks: to evidence (as <gate>.<check> or <check>).",
        }),
        timeout: timeoutOf("the gate's checks", "300s"),
      },
      expecting(
        "a validation gate written as keys",
        "Write it as { name: service_validation, checks: [health], timeout: 300 }.",
      ),
    )
    .meta({ description: "A named list of checks that must pass before the release goes on." });

  const metricFields = {
    name: nameOf("metric's name", "service_health").meta({
      description: "The metric's name; sources: says where its samples come from.",
    }),
    threshold: threshold.optional(),
    window: duration("verification window", "window: 300")
      .optional()
      .meta({ description: "How long the metric is judged after a deploy; defaults to 300s." }),
    interval: duration("time between samples", "interval: 60").optional().meta({
      description:
        "Time between samples; defaults to 10s for validation metrics and 60s for monitoring metrics.",
    }),
  };

  const metricSchema = (example: string) =>
    z
      .strictObject(
        metricFields,
        expecting(
          "a metric written as keys",
          `Write it as { name: ${example}, threshold: 0.99, window: 300 }.`,
        ),
      )
      .meta({ description: "A metric judged against its threshold; its source is named under sources:." });

  const alertSchema = z
    .strictObject(
      {
        name: nameOf("alert's name", "health_alert"),
        threshold: threshold.meta({
          description:
            "The value the alert compares its metric with, in the direction the metric is judged (below min, above max).",
        }),
        window: duration("time the condition must hold", "window: 300").optional().meta({
          description:
            "How long the condition must hold before the alert fires (Prometheus for:); defaults to 300s.",
        }),
        metric: nameOf("monitoring metric's name", "service_health").optional().meta({
          description:
            "The monitoring metric the alert watches; by default the one whose name shares the alert's stem (health_alert watches service_health).",
        }),
        severity: z
          .string(expecting("a severity", "Write it such as severity: critical."))
          .regex(/^[A-Za-z0-9_-]+$/)
          .optional()
          .meta({ description: "The severity label of the alerting rule; defaults to warning." }),
      },
      expecting(
        "an alert written as keys",
        "Write it as { name: health_alert, threshold: 0.99, window: 300 }.",
      ),
    )
    .meta({ description: "An alert on a monitoring metric, written out as a Prometheus alerting rule." });

  const analyticsItemSchema = (example: string) =>
    z
      .strictObject(
        {
          name: nameOf("name", example),
          interval: duration("time between runs", "interval: 300").meta({
            description: "How often it is computed.",
          }),
          retention: duration("time it is kept", "retention: 90d")
            .optional()
            .meta({ description: "How long it is kept, such as 90d; kept as written." }),
        },
        expecting(
          "an entry written as keys",
          `Write it as { name: ${example}, interval: 300, retention: 90d }.`,
        ),
      )
      .meta({ description: "An analytics entry: kept and shown by shipready strategy, not acted on." });

  const taskSchema = z
    .strictObject(
      {
        name: nameOf("task's name", "health_check"),
        interval: duration("time between runs", "interval: 60").meta({
          description: "How often the task runs.",
        }),
        timeout: timeoutOf("one run", "300s"),
      },
      expecting("a task written as keys", "Write it as { name: health_check, interval: 60, timeout: 30 }."),
    )
    .meta({ description: "A recurring task; kept and shown by shipready strategy." });

  const workflowSchema = z
    .strictObject(
      {
        name: nameOf("workflow's name", "release_workflow"),
        steps: nameList("step, procedure or workflow name", "validate, deploy, verify").meta({
          description:
            "The steps, in order: a step bound under steps:, a built-in (validate, verify), a procedure or another workflow.",
        }),
        timeout: timeoutOf("the whole workflow", "1800s"),
      },
      expecting(
        "a workflow written as keys",
        "Write it as { name: release_workflow, steps: [validate, deploy, verify], timeout: 1800 }.",
      ),
    )
    .meta({
      description:
        "A named list of steps: release_workflow is what shipready deploy runs, rollback_workflow what a rollback runs by default.",
    });

  const listOf = <T extends z.ZodType>(item: T, what: string, example: string) =>
    z.array(item, expecting(`a list of ${what}`, `Write one - { ${example} } line per entry.`));

  const block = <T extends z.ZodRawShape>(shape: T, key: string, description: string) =>
    z
      .strictObject(
        shape,
        expecting(
          `the seed's ${key}: block written as keys`,
          `Paste the block under ${key}: as the release strategy writes it.`,
        ),
      )
      .optional()
      .meta({ description });

  return {
    strategy: block(
      {
        stages: listOf(stageSchema, "stages", "name: pre_release, validation: true")
          .optional()
          .meta({ description: "The stages; default pre_release, release and post_release, all enabled." }),
        gates: listOf(strategyGateSchema, "gates", "name: validation_gate, required: true, timeout: 300")
          .optional()
          .meta({ description: "The strategy's gates." }),
      },
      "strategy",
      "The release strategy's stages and gates (the seed's \"Release Strategy\").",
    ),
    rollback: block(
      {
        triggers: listOf(triggerSchema, "triggers", "name: validation_failure, action: rollback")
          .optional()
          .meta({
            description:
              "What fires a rollback; default validation_failure, monitoring_failure and manual_trigger, each action: rollback.",
          }),
        procedures: listOf(
          procedureSchema,
          "procedures",
          "name: service_rollback, steps: [stop, revert, start]",
        )
          .optional()
          .meta({ description: "What a rollback runs." }),
      },
      "rollback",
      'Rollback triggers and procedures (the seed\'s "Rollback Procedures").',
    ),
    validation: block(
      {
        gates: listOf(validationGateSchema, "validation gates", "name: service_validation, checks: [health]")
          .optional()
          .meta({ description: "Gates of checks run before a deploy goes on." }),
        metrics: listOf(metricSchema("service_metrics"), "metrics", "name: service_metrics, threshold: 0.99")
          .optional()
          .meta({ description: "Metrics a deploy is verified by, each over its window." }),
      },
      "validation",
      'Validation gates and the metrics a deploy is verified by (the seed\'s "Validation Gates").',
    ),
    monitoring: block(
      {
        metrics: listOf(metricSchema("service_health"), "metrics", "name: service_health, interval: 60")
          .optional()
          .meta({ description: "Metrics watched after a deploy (verify --watch), each at its interval." }),
        alerts: listOf(alertSchema, "alerts", "name: health_alert, threshold: 0.99, window: 300")
          .optional()
          .meta({
            description:
              "Alerts, written as Prometheus alerting rules by shipready strategy --prometheus-rules.",
          }),
      },
      "monitoring",
      'Monitoring metrics and alerts (the seed\'s "Monitoring Strategy").',
    ),
    analytics: block(
      {
        metrics: listOf(
          analyticsItemSchema("system_metrics"),
          "metrics",
          "name: system_metrics, interval: 300",
        )
          .optional()
          .meta({ description: "Analytics metrics: kept and shown, not acted on." }),
        analysis: listOf(
          analyticsItemSchema("system_analysis"),
          "analyses",
          "name: system_analysis, interval: 3600",
        )
          .optional()
          .meta({ description: "Analyses: kept and shown, not acted on." }),
      },
      "analytics",
      'Analytics (the seed\'s "Analytics Strategy"): kept and shown, not acted on.',
    ),
    automation: block(
      {
        tasks: listOf(taskSchema, "tasks", "name: health_check, interval: 60, timeout: 30")
          .optional()
          .meta({ description: "Recurring tasks: kept and shown." }),
        workflows: listOf(
          workflowSchema,
          "workflows",
          "name: release_workflow, steps: [validate, deploy, verify]",
        )
          .optional()
          .meta({
            description:
              "Workflows; release_workflow defaults to [validate, deploy, verify] with a timeout of 1800s.",
          }),
      },
      "automation",
      'Automation tasks and workflows (the seed\'s "Automation Strategy").',
    ),
  };
}
