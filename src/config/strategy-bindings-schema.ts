import { z } from "zod";
import { duration, evidenceItemSchema } from "./evidence-schema.js";
import { ENV_NAME, expecting, NOT_BLANK } from "./schema-wording.js";
import { nameList, STRATEGY_NAME } from "./strategy-schema.js";

/**
 * What the release strategy's names mean, shipready's additions to the seed's blocks: steps: (a
 * command or a flag flip per step name), checks: (evidence per check name), sources: (where each
 * metric's samples come from and how they are judged), environments:, canary:, incident:, deploy:
 * and evidence:. Input shape only; normalize-strategy.ts fills in defaults.
 */

/** A step name, or <procedure or workflow>.<step> for a step that differs in one of them. */
export const STEP_KEY = new RegExp(
  `^${STRATEGY_NAME.source.slice(1, -1)}(\\.${STRATEGY_NAME.source.slice(1, -1)})?$`,
);

export const SOURCE_KINDS = ["http", "prometheus", "command", "sentry"] as const;

/** The additions' schemas, built when first asked for: a shipready.yml without a strategy never pays for them. */
export function strategyBindings() {
  return (built ??= buildStrategyBindings());
}

let built: ReturnType<typeof buildStrategyBindings> | undefined;

function buildStrategyBindings() {
  const text = (what: string, example: string) =>
    z.string(expecting(what, `Write it as text, such as ${example}.`)).regex(NOT_BLANK);

  const path = (what: string, example: string) =>
    text("a file path", example).meta({ description: `${what}, relative to shipready.yml.` });

  const url = (what: string, example: string) =>
    text("an http or https URL", example)
      .regex(/^https?:\/\//i)
      .meta({ description: what });

  const headers = z
    .record(
      z.string(),
      z.string(expecting("a header value as text", 'Write it in quotes, such as "Bearer ${API_TOKEN}".')),
      expecting("headers written as keys", 'Write them as { Authorization: "Bearer ${API_TOKEN}" }.'),
    )
    .optional()
    .meta({ description: "Headers to send; ${NAME} is replaced by the environment variable NAME." });

  const timeoutOf = (fallback: string) =>
    duration("longest time one sample may take", `timeout: ${fallback}`)
      .optional()
      .meta({
        description: `How long one sample may take before it counts as no data; defaults to ${fallback}.`,
      });

  /** Keys of a mapping of names, with the wording of a bad key. */
  const keyOf = (pattern: RegExp, what: string, example: string) =>
    z.string(expecting(what, `Name it with letters, digits, _ and -, such as ${example}.`)).regex(pattern);

  // ---- steps: -----------------------------------------------------------------------------------

  const flagSchema = z
    .strictObject(
      {
        flagd: z
          .strictObject(
            {
              file: path("The OpenFeature flagd flag file", "file: flags/flags.json"),
              flag: text("a flag's key", "flag: new-checkout").meta({
                description: "The flag's key in the file.",
              }),
              variant: text("a variant's name", "variant: off").meta({
                description: "The variant that becomes the flag's defaultVariant.",
              }),
            },
            expecting(
              "flagd settings written as keys",
              "Write them as { file: flags.json, flag: new-checkout, variant: off }.",
            ),
          )
          .optional()
          .meta({ description: "Set a flag's defaultVariant in an OpenFeature flagd flag file." }),
        envFile: z
          .strictObject(
            {
              file: path("The .env file", "file: .env"),
              key: z
                .string(expecting("a variable's name", "Write the name alone, such as FEATURE_CHECKOUT."))
                .regex(ENV_NAME)
                .meta({ description: "The variable whose line is set." }),
              value: z
                .string(expecting("the value as text", 'Write it in quotes, such as value: "off".'))
                .meta({ description: "The value it is set to." }),
            },
            expecting(
              "env file settings written as keys",
              'Write them as { file: .env, key: FEATURE_CHECKOUT, value: "off" }.',
            ),
          )
          .optional()
          .meta({ description: "Set a KEY=value line of a .env file." }),
        run: text("a shell command", 'run: "./flags off checkout"')
          .optional()
          .meta({ description: "A command that flips the flag." }),
      },
      expecting(
        "one way to flip the flag",
        "Write flag: { flagd: { ... } }, flag: { envFile: { ... } } or flag: { run: ... }.",
      ),
    )
    .refine((flag) => Object.keys(flag).length === 1, {
      error: "needs exactly one of flagd:, envFile: and run:. Keep the one that flips this flag.",
    })
    .meta({ description: "A feature flag flip, the kill switch: flagd:, envFile: or run:." });

  const stepSchema = z
    .union(
      [
        text("a shell command", 'deploy: "docker compose up -d"').meta({
          description: "A shell command, run in its own process group.",
        }),
        z
          .strictObject(
            {
              run: text("a shell command", 'run: "docker compose up -d"')
                .optional()
                .meta({ description: "A shell command, run in its own process group." }),
              cwd: path("The folder to run in", "cwd: deploy").optional(),
              timeout: duration("longest time the step may take", "timeout: 120s").optional().meta({
                description: "How long the step may take; defaults to its procedure's or workflow's timeout.",
              }),
              flag: flagSchema.optional(),
            },
            expecting(
              "a step written as keys",
              'Write it as { run: "...", timeout: 120s } or { flag: { ... } }.',
            ),
          )
          .refine((step) => (step.run === undefined) !== (step.flag === undefined), {
            error: "needs run: (a command) or flag: (a flag flip), one of the two.",
          })
          .refine(
            (step) => step.flag === undefined || (step.cwd === undefined && step.timeout === undefined),
            {
              error:
                "a flag step takes no cwd: or timeout:. Move them into flag: { run: ... } as a command step, or remove them.",
            },
          ),
      ],
      expecting(
        "a command, or { run, cwd, timeout }, or { flag }",
        'Write it as stop: "docker compose stop web".',
      ),
    )
    .meta({ description: "What a step name runs: a command, or { run, cwd, timeout }, or { flag: ... }." });

  // ---- checks: ----------------------------------------------------------------------------------

  const checkSchema = z
    .union(
      [
        evidenceItemSchema,
        z
          .array(
            evidenceItemSchema,
            expecting("a list of evidence", "Write one - kind: { ... } line per piece of evidence."),
          )
          .min(1),
      ],
      expecting(
        "evidence, or a list of evidence",
        'Write it as health: { http: { url: "http://localhost:8000/health" } }.',
      ),
    )
    .meta({
      description: "Evidence the check passes by, exactly as under gates: evidence; a list must all pass.",
    });

  // ---- sources: ---------------------------------------------------------------------------------

  const httpSource = z
    .strictObject(
      {
        url: url("The endpoint probed each interval.", 'url: "http://localhost:8000/health"'),
        expect: z
          .union(
            [
              z.int().min(100).max(599),
              z
                .array(
                  z.int().min(100).max(599),
                  expecting("a list of statuses", "Write expect: [200, 204]."),
                )
                .min(1),
            ],
            expecting("an HTTP status or a list of them", "Write expect: 200 or expect: [200, 204]."),
          )
          .optional()
          .meta({ description: "The statuses that pass; default 200-399." }),
        maxLatency: duration("slowest passing answer", "maxLatency: 500ms")
          .optional()
          .meta({ description: "A probe slower than this fails." }),
        headers,
        timeout: timeoutOf("10s"),
      },
      expecting(
        "http settings written as keys",
        'Write them as { url: "http://localhost:8000/health", expect: 200 }.',
      ),
    )
    .meta({ description: "An HTTP probe: each sample passes (1) or fails (0)." });

  const prometheusSource = z
    .strictObject(
      {
        url: url("Prometheus's base URL.", 'url: "http://127.0.0.1:9090"'),
        query: z
          .string(
            expecting(
              "a PromQL query as text",
              "Write the query in quotes, such as query: 'sum(rate(http_requests_total[1m]))'.",
            ),
          )
          .regex(NOT_BLANK, {
            error:
              "is blank. Write the PromQL query whose value is judged, such as query: 'up{job=\"web\"}'.",
          })
          .meta({
            description:
              "PromQL whose value is judged; {{window}} is replaced by the window as a Prometheus duration (5m).",
          }),
        mode: z
          .enum(
            ["instant", "range"],
            expecting(
              "instant or range",
              "Write mode: instant (each interval) or mode: range (once, over the window).",
            ),
          )
          .optional()
          .meta({
            description: "An instant query each interval (the default), or one range query over the window.",
          }),
        headers,
        timeout: timeoutOf("10s"),
      },
      expecting(
        "prometheus settings written as keys",
        "Write them as { url: \"http://127.0.0.1:9090\", query: '...' }.",
      ),
    )
    .meta({ description: "A PromQL query through Prometheus's HTTP API: each sample is a number." });

  const commandSource = z
    .strictObject(
      {
        run: text("a shell command", 'run: "./check-queue-depth"').meta({
          description:
            "A command printing a number on its last line; one that prints none passes (1) on exit 0, else fails (0).",
        }),
        cwd: path("The folder to run in", "cwd: scripts").optional(),
        timeout: timeoutOf("30s"),
      },
      expecting("command settings written as keys", 'Write them as { run: "./check-queue-depth" }.'),
    )
    .meta({ description: "A command: the number it prints, or its exit status." });

  const sentrySource = z
    .strictObject(
      {
        url: url("https://sentry.io or a self-hosted Sentry's base URL.", 'url: "https://sentry.io"'),
        org: text("an organisation slug", "org: acme").meta({ description: "The organisation's slug." }),
        project: text("a project slug", "project: web").meta({ description: "The project's slug." }),
        // No wording that repeats the value: a token written here by mistake must not reach a message.
        tokenEnv: z
          .string({
            error:
              "expected the name of an environment variable holding the token, such as tokenEnv: SENTRY_AUTH_TOKEN.",
          })
          .meta({
            description: "The environment variable holding the auth token (its name, never the token).",
          }),
        environment: text("a Sentry environment", "environment: production")
          .optional()
          .meta({ description: "Only events of this Sentry environment." }),
        timeout: timeoutOf("10s"),
      },
      expecting(
        "sentry settings written as keys",
        "Write them as { url: https://sentry.io, org: acme, project: web, tokenEnv: SENTRY_AUTH_TOKEN }.",
      ),
    )
    .meta({ description: "Sentry's events: errors counted per interval, a number." });

  const bound = (what: string) =>
    z.number(
      expecting("a number", `Write the ${what}, such as ${what === "lowest" ? "min: 0.99" : "max: 0.01"}.`),
    );

  const baselineSchema = z
    .strictObject(
      {
        ratio: z
          .strictObject(
            {
              max: z
                .number(expecting("a number", "Write max: 1.2 (current at most 1.2 times the baseline)."))
                .positive()
                .optional()
                .meta({
                  description: "Current / baseline must stay at or below this (for lower is better).",
                }),
              min: z
                .number(expecting("a number", "Write min: 0.9 (current at least 0.9 times the baseline)."))
                .positive()
                .optional()
                .meta({
                  description: "Current / baseline must stay at or above this (for higher is better).",
                }),
            },
            expecting("a ratio written as keys", "Write ratio: { max: 1.2 }."),
          )
          .refine((ratio) => ratio.max !== undefined || ratio.min !== undefined, {
            error:
              "names neither max: nor min:. Write ratio: { max: 1.2 } (lower is better) or ratio: { min: 0.9 }.",
          })
          .optional()
          .meta({
            description: "Compare the aggregates of the window after the deploy and the window before.",
          }),
        mannWhitney: z
          .strictObject(
            {
              worse: z
                .enum(
                  ["higher", "lower"],
                  expecting(
                    "higher or lower",
                    "Write worse: higher for error rates and latency, worse: lower for success ratios.",
                  ),
                )
                .meta({
                  description: "Which way is worse: higher (error rates, latency) or lower (success ratios).",
                }),
              confidence: z
                .number(expecting("a share between 0 and 1", "Write confidence: 0.95."))
                .gt(0)
                .lt(1)
                .optional()
                .meta({ description: "Two-sided confidence; defaults to 0.95." }),
              minEffect: z
                .number(expecting("a share of 0 or more", "Write minEffect: 0.05 (medians 5% apart)."))
                .min(0)
                .optional()
                .meta({ description: "Also require the medians to differ by this fraction; defaults to 0." }),
            },
            expecting("Mann-Whitney settings written as keys", "Write mannWhitney: { worse: higher }."),
          )
          .optional()
          .meta({ description: "Mann-Whitney U over the samples before and after, as Kayenta's judge." }),
      },
      expecting(
        "a baseline comparison",
        "Write baseline: { ratio: { max: 1.2 } } or baseline: { mannWhitney: { worse: higher } }.",
      ),
    )
    .refine((baseline) => Object.keys(baseline).length === 1, {
      error: "needs exactly one of ratio: and mannWhitney:. Keep one.",
    })
    .meta({ description: "Judge the window after the deploy against the same window before it." });

  const sourceSchema = z
    .strictObject(
      {
        http: httpSource.optional(),
        prometheus: prometheusSource.optional(),
        command: commandSource.optional(),
        sentry: sentrySource.optional(),
        min: bound("lowest").optional().meta({ description: "Each sample must be at least this." }),
        max: bound("highest").optional().meta({ description: "Each sample must be at most this." }),
        share: z
          .number(expecting("a share from 0 to 1", "Write share: 0.95."))
          .min(0)
          .max(1)
          .optional()
          .meta({
            description:
              "The share of samples in the window that must meet the bound (0-1); overrides threshold.",
          }),
        baseline: baselineSchema.optional(),
        initialDelay: z
          .union(
            [z.literal(0), duration("wait before the first sample", "initialDelay: 30s")],
            expecting("a duration", "Write initialDelay: 30s."),
          )
          .optional()
          .meta({ description: "Time after the deploy before the first sample; defaults to 0." }),
        critical: z
          .boolean(expecting("true or false", "Write critical: true or critical: false."))
          .optional()
          .meta({
            description:
              "A failed critical metric fails the verification whatever the others say; defaults to true.",
          }),
      },
      expecting("a source written as keys", 'Write it as { http: { url: "http://localhost:8000/health" } }.'),
    )
    // A source with no kind at all is reported by a rule on the raw file.
    .refine((source) => SOURCE_KINDS.filter((kind) => source[kind] !== undefined).length <= 1, {
      error: "names more than one source. Keep one of http:, prometheus:, command: and sentry: per metric.",
    })
    .meta({
      description:
        "Where a metric's samples come from (one of http, prometheus, command, sentry) and how they are judged.",
    });

  // ---- environments:, canary:, incident:, deploy: ---------------------------------------------------

  const environmentSchema = z
    .strictObject(
      {
        url: url(
          "The environment's URL, shown on the status page and GitHub's deployment.",
          'url: "https://example.com"',
        ).optional(),
        githubEnvironment: text("GitHub's environment name", "githubEnvironment: prod")
          .optional()
          .meta({ description: "GitHub's name for the environment, when it differs." }),
        public: z
          .boolean(expecting("true or false", "Write public: true or public: false."))
          .optional()
          .meta({ description: "Shown on the public status page; defaults to false." }),
        vars: z
          .record(
            keyOf(ENV_NAME, "a variable's name", "IMAGE_TAG"),
            z.string(expecting("a value as text", 'Write it in quotes, such as "eu-west-1".')),
            expecting("variables written as keys", 'Write them as { REGION: "eu-west-1" }.'),
          )
          .optional()
          .meta({ description: "Extra variables given to every step run for this environment." }),
      },
      expecting(
        "an environment written as keys",
        'Write it as { url: "https://example.com", public: true }.',
      ),
    )
    .meta({ description: "An environment deployed to." });

  const canaryStepSchema = z
    .strictObject(
      {
        setWeight: z
          .int(expecting("a whole number from 0 to 100", "Write setWeight: 20."))
          .min(0)
          .max(100)
          .optional()
          .meta({ description: "Set the canary's share of traffic (0-100) through canary.setWeight." }),
        pause: z
          .union(
            [
              duration("pause", "pause: 5m"),
              z.strictObject(
                {
                  duration: duration("pause", "duration: 5m")
                    .optional()
                    .meta({ description: "How long to pause; until shipready promote when absent." }),
                },
                expecting(
                  "a pause written as keys",
                  "Write pause: { duration: 5m }, or pause: {} to wait for shipready promote.",
                ),
              ),
            ],
            expecting(
              "a duration or { duration }",
              "Write pause: 5m, or pause: {} to wait for shipready promote.",
            ),
          )
          .optional()
          .meta({ description: "Wait for a duration, or until shipready promote ({})." }),
        analysis: z
          .strictObject(
            {
              metrics: nameList("validation metric name", "service_metrics")
                .optional()
                .meta({ description: "The validation metrics judged; every one when absent." }),
              window: duration("analysis window", "window: 5m")
                .optional()
                .meta({ description: "How long the analysis samples; each metric's window when absent." }),
            },
            expecting(
              "an analysis written as keys",
              "Write analysis: { metrics: [service_metrics], window: 5m }.",
            ),
          )
          .optional()
          .meta({ description: "Verify the named metrics, canary against baseline." }),
      },
      expecting(
        "a canary step written as keys",
        "Write it as - setWeight: 20, - pause: 5m or - analysis: { window: 5m }.",
      ),
    )
    .refine((step) => Object.keys(step).length === 1, {
      error: "needs exactly one of setWeight:, pause: and analysis: per step. Give each its own list item.",
    })
    .meta({ description: "A canary step, as Argo Rollouts writes them: setWeight, pause or analysis." });

  const canarySchema = z
    .strictObject(
      {
        setWeight: z
          .string(
            expecting("a command holding {{weight}}", 'Write setWeight: "./traffic set canary {{weight}}".'),
          )
          .regex(/\{\{\s*weight\s*\}\}/, {
            error:
              'has no {{weight}}. Write the command with {{weight}} where the share (0-100) goes, such as "./traffic set canary {{weight}}".',
          })
          .meta({ description: "The command that sets the canary's share of traffic; {{weight}} is 0-100." }),
        steps: z
          .array(
            canaryStepSchema,
            expecting(
              "a list of steps",
              "Write steps: [{ setWeight: 20 }, { pause: 5m }, { analysis: {} }].",
            ),
          )
          .min(1)
          .meta({ description: "The canary's steps, in order; an abort rolls back." }),
      },
      expecting(
        "canary settings written as keys",
        'Write them as { setWeight: "./traffic {{weight}}", steps: [...] }.',
      ),
    )
    .meta({
      description: "A canary release in the style of Argo Rollouts: traffic steps, pauses and analyses.",
    });

  const incidentSchema = z
    .strictObject(
      {
        github: z
          .boolean(expecting("true or false", "Write github: true or github: false."))
          .optional()
          .meta({ description: "Open (or update) a GitHub issue when a rollback runs; defaults to true." }),
        labels: z
          .array(
            text("a label", "incident"),
            expecting("a list of labels", "Write labels: [incident, rollback]."),
          )
          .optional()
          .meta({ description: "The issue's labels; defaults to [incident]." }),
        notify: z
          .boolean(expecting("true or false", "Write notify: true or notify: false."))
          .optional()
          .meta({
            description: "Tell Slack and webhooks (notify:) about deploys and rollbacks; defaults to true.",
          }),
      },
      expecting("incident settings written as keys", "Write them as { github: true, labels: [incident] }."),
    )
    .meta({ description: "What a rollback tells: a GitHub issue, Slack and webhooks." });

  const deploySettingsSchema = z
    .strictObject(
      {
        records: path(
          "The deploy records, one JSON line per deploy, verification and rollback (default .shipready/deploys.jsonl)",
          "records: .shipready/deploys.jsonl",
        ).optional(),
        locks: path(
          "The folder of per-environment deploy locks (default .shipready/locks)",
          "locks: .shipready/locks",
        ).optional(),
      },
      expecting("deploy settings written as keys", "Write them as { records: .shipready/deploys.jsonl }."),
    )
    .meta({ description: "Where deploys are recorded and locked." });

  return {
    steps: z
      .record(
        keyOf(STEP_KEY, "a step name, or <procedure>.<step>", "revert or data_rollback.revert"),
        stepSchema,
        expecting("steps written as name: command", 'Write them as { deploy: "docker compose up -d" }.'),
      )
      .optional()
      .meta({
        description:
          "What each step name runs: a command, or { run, cwd, timeout }, or { flag: ... }. <procedure>.<step> binds a step in one procedure or workflow only.",
      }),
    checks: z
      .record(
        keyOf(STEP_KEY, "a check name, or <gate>.<check>", "health or data_validation.security"),
        checkSchema,
        expecting(
          "checks written as name: evidence",
          'Write them as { health: { http: { url: "http://localhost:8000/health" } } }.',
        ),
      )
      .optional()
      .meta({ description: "What each check of a validation gate is: evidence, as under gates:." }),
    sources: z
      .record(
        keyOf(STRATEGY_NAME, "a metric's name", "service_health"),
        sourceSchema,
        expecting(
          "sources written as metric: source",
          "Write them as { service_health: { prometheus: { ... } } }.",
        ),
      )
      .optional()
      .meta({
        description:
          "Where each validation and monitoring metric's samples come from, and how they are judged.",
      }),
    environments: z
      .record(
        keyOf(STRATEGY_NAME, "an environment's name", "production"),
        environmentSchema,
        expecting(
          "environments written as name: settings",
          'Write them as { production: { url: "https://example.com" } }.',
        ),
      )
      .optional()
      .meta({ description: "The environments deployed to; without --env, the only one, else production." }),
    canary: canarySchema.optional(),
    incident: incidentSchema.optional(),
    deploy: deploySettingsSchema.optional(),
    evidence: path(
      "The folder the strategy's evidence folders are resolved against; deploy records are written there as JSON",
      "evidence: evidence",
    ).optional(),
  };
}
