import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { DeployStrategy } from "../deploy/types.js";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./parse-config.js";

// Compiled to dist/src/config/, so the repository root is three folders up.
const fixtures = new URL("../../../test/fixtures/strategy/", import.meta.url);
const seedText = readFileSync(new URL("seed-strategy.yml", fixtures), "utf8");
const boundText = readFileSync(new URL("seed-strategy-bound.yml", fixtures), "utf8");

const root = path.resolve("/repo");
const file = path.join(root, "shipready.yml");

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, file, "shipready.yml");
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return [...error.problems];
  }
  assert.fail("expected parseConfig to throw a ConfigError");
}

function strategyOf(text: string): { strategy: DeployStrategy; warnings: string[] } {
  const { config, warnings } = parseConfig(text, file, "shipready.yml");
  assert.ok(config.strategy, "expected a strategy");
  return { strategy: config.strategy, warnings };
}

/** The 1-based line of the first line of `text` that holds `needle`, after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const index = text.split("\n").findIndex((line, i) => i >= after && line.includes(needle));
  assert.ok(index !== -1, `no line holds ${needle}`);
  return index + 1;
}

test("the seed's six blocks load as written, and every unbound step, check and metric is named with its line", () => {
  const problems = problemsOf(seedText);
  const service = lineOf(seedText, "steps: [stop, revert, start]");
  const data = lineOf(seedText, "steps: [backup, revert, verify]");
  const config = lineOf(seedText, "steps: [backup, revert, verify]", data);
  const rollbackWorkflow = lineOf(seedText, "steps: [backup, revert, verify]", config);
  const release = lineOf(seedText, "steps: [validate, deploy, verify]");
  const monitoringWorkflow = lineOf(seedText, "steps: [collect, analyze, alert]");
  const serviceChecks = lineOf(seedText, "checks: [health, performance, security]");
  const dataChecks = lineOf(seedText, "checks: [integrity, consistency, security]");
  const configChecks = lineOf(seedText, "checks: [syntax, security, compatibility]");
  const expected: [number, string, RegExp][] = [
    [service, "rollback.procedures[0].steps[0]", /^step "stop" is not bound: nothing says what it runs\./],
    [
      service,
      "rollback.procedures[0].steps[1]",
      new RegExp(
        `^step "revert" is not bound: nothing says what it runs \\(also used on lines ${data}, ${config}, ${rollbackWorkflow}\\)\\.`,
      ),
    ],
    [service, "rollback.procedures[0].steps[2]", /^step "start" is not bound/],
    [
      data,
      "rollback.procedures[1].steps[0]",
      new RegExp(
        `^step "backup" is not bound: nothing says what it runs \\(also used on lines ${config}, ${rollbackWorkflow}\\)\\. Bind it under steps:, such as steps: \\{ backup: "<command>" \\}, or as data_rollback\\.backup for data_rollback alone`,
      ),
    ],
    [
      serviceChecks,
      "validation.gates[0].checks[0]",
      /^check "health" is not bound: no evidence says whether it passes\./,
    ],
    [serviceChecks, "validation.gates[0].checks[1]", /^check "performance" is not bound/],
    [
      serviceChecks,
      "validation.gates[0].checks[2]",
      new RegExp(
        `^check "security" is not bound: no evidence says whether it passes \\(also used on lines ${dataChecks}, ${configChecks}\\)\\.`,
      ),
    ],
    [dataChecks, "validation.gates[1].checks[0]", /^check "integrity" is not bound/],
    [dataChecks, "validation.gates[1].checks[1]", /^check "consistency" is not bound/],
    [configChecks, "validation.gates[2].checks[0]", /^check "syntax" is not bound/],
    [configChecks, "validation.gates[2].checks[2]", /^check "compatibility" is not bound/],
    [
      lineOf(seedText, "name: service_metrics"),
      "validation.metrics[0].name",
      /^metric "service_metrics" has no source: nothing says where its samples come from\. Add it under sources:/,
    ],
    [
      lineOf(seedText, "name: data_metrics"),
      "validation.metrics[1].name",
      /^metric "data_metrics" has no source/,
    ],
    [
      lineOf(seedText, "name: config_metrics"),
      "validation.metrics[2].name",
      /^metric "config_metrics" has no source/,
    ],
    [
      lineOf(seedText, "name: service_health"),
      "monitoring.metrics[0].name",
      /^metric "service_health" has no source/,
    ],
    [
      lineOf(seedText, "name: service_performance"),
      "monitoring.metrics[1].name",
      /^metric "service_performance" has no source/,
    ],
    [
      lineOf(seedText, "name: service_security"),
      "monitoring.metrics[2].name",
      /^metric "service_security" has no source/,
    ],
    [release, "automation.workflows[0].steps[1]", /^step "deploy" is not bound/],
    [monitoringWorkflow, "automation.workflows[2].steps[0]", /^step "collect" is not bound/],
    [monitoringWorkflow, "automation.workflows[2].steps[1]", /^step "analyze" is not bound/],
    [monitoringWorkflow, "automation.workflows[2].steps[2]", /^step "alert" is not bound/],
  ];
  assert.equal(problems.length, expected.length, problems.join("\n"));
  expected.forEach(([line, at, pattern], i) => {
    const prefix = `shipready.yml:${line}: ${at}: `;
    assert.ok(problems[i]?.startsWith(prefix), `expected ${prefix}..., got ${problems[i]}`);
    assert.match(problems[i]!.slice(prefix.length), pattern);
  });
  // validate and verify are built in: never reported.
  assert.ok(!problems.some((p) => /step "(validate|verify)"/.test(p)));
});

test("the seed's blocks with steps, checks and sources load into the strategy, durations in ms and defaults filled in", () => {
  assert.ok(boundText.startsWith(seedText), "the bound fixture is the seed fixture plus the bindings");
  const { strategy, warnings } = strategyOf(boundText);
  assert.deepEqual(warnings, []);
  const line = (needle: string, after = 0) => lineOf(boundText, needle, after);

  assert.deepEqual(strategy.stages, [
    {
      name: "pre_release",
      validation: true,
      rollback: true,
      monitoring: true,
      procedures: [],
      inconclusive: "fail",
      line: line("name: pre_release"),
    },
    {
      name: "release",
      validation: true,
      rollback: true,
      monitoring: true,
      procedures: [],
      inconclusive: "fail",
      line: line("- name: release"),
    },
    {
      name: "post_release",
      validation: true,
      rollback: true,
      monitoring: true,
      procedures: [],
      inconclusive: "rollback",
      line: line("name: post_release"),
    },
  ]);
  assert.deepEqual(
    strategy.gates.map((g) => [g.name, g.required, g.timeoutMs]),
    [
      ["validation_gate", true, 300_000],
      ["rollback_gate", true, 300_000],
      ["monitoring_gate", true, 300_000],
    ],
  );
  assert.deepEqual(
    strategy.triggers.map((t) => [t.name, t.action, t.timeoutMs]),
    [
      ["validation_failure", "rollback", 300_000],
      ["monitoring_failure", "rollback", 300_000],
      ["manual_trigger", "rollback", 300_000],
    ],
  );
  assert.deepEqual(strategy.procedures[1], {
    name: "data_rollback",
    steps: ["backup", "revert", "verify"],
    timeoutMs: 300_000,
    line: line("name: data_rollback"),
  });
  assert.deepEqual(strategy.validationGates[2], {
    name: "config_validation",
    checks: ["syntax", "security", "compatibility"],
    timeoutMs: 300_000,
    line: line("name: config_validation"),
  });

  const metric = (name: string) => strategy.metrics.find((m) => m.name === name)!;
  // http: pass/fail, so threshold 0.99 is the share of probes that must pass.
  assert.deepEqual(metric("service_metrics"), {
    name: "service_metrics",
    block: "validation",
    source: { kind: "http", url: "http://127.0.0.1:8000/health", maxLatencyMs: 500, timeoutMs: 10_000 },
    judgement: { min: 1, share: 0.99 },
    windowMs: 300_000,
    intervalMs: 10_000,
    initialDelayMs: 0,
    critical: true,
    line: line("name: service_metrics"),
  });
  // A command printing no number (no min/max on its source): pass/fail too.
  assert.deepEqual(metric("data_metrics").judgement, { min: 1, share: 0.99 });
  assert.deepEqual(metric("data_metrics").source, {
    kind: "command",
    run: "./scripts/db-ok.sh",
    timeoutMs: 30_000,
  });
  // A command with min: answers a number; the threshold is then the share that must meet it.
  assert.deepEqual(metric("config_metrics").judgement, { min: 0.999, share: 0.99 });
  // prometheus answers a number: threshold 0.99 is the lowest value, every sample must meet it.
  assert.deepEqual(metric("service_health"), {
    name: "service_health",
    block: "monitoring",
    source: {
      kind: "prometheus",
      url: "http://127.0.0.1:9090",
      query: 'avg_over_time(up{job="gateway"}[1m])',
      mode: "instant",
      timeoutMs: 10_000,
    },
    judgement: { min: 0.99, share: 1 },
    windowMs: 300_000,
    intervalMs: 60_000,
    initialDelayMs: 0,
    critical: true,
    line: line("name: service_health"),
  });
  // max: on the source binds it; the threshold (0.95) is the share.
  assert.deepEqual(metric("service_performance").judgement, { max: 0.5, share: 0.95 });
  assert.deepEqual(metric("service_performance").source, {
    kind: "prometheus",
    url: "http://127.0.0.1:9090",
    query: "histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[5m])) by (le))",
    mode: "range",
    timeoutMs: 10_000,
  });
  assert.deepEqual(metric("service_performance").baseline, {
    kind: "mann-whitney",
    worse: "higher",
    confidence: 0.95,
    minEffect: 0,
  });
  assert.deepEqual(metric("service_security"), {
    name: "service_security",
    block: "monitoring",
    source: {
      kind: "sentry",
      url: "https://sentry.io",
      org: "acme",
      project: "gateway",
      tokenEnv: "SENTRY_AUTH_TOKEN",
      timeoutMs: 10_000,
    },
    judgement: { max: 5, share: 0.999 },
    windowMs: 300_000,
    intervalMs: 300_000,
    initialDelayMs: 30_000,
    critical: false,
    line: line("name: service_security"),
  });

  assert.deepEqual(
    strategy.alerts.map((a) => [a.name, a.metric, a.threshold, a.windowMs, a.severity]),
    [
      ["health_alert", "service_health", 0.99, 300_000, "warning"],
      ["performance_alert", "service_performance", 0.95, 300_000, "warning"],
      ["security_alert", "service_security", 0.999, 300_000, "warning"],
    ],
  );
  assert.deepEqual(strategy.analytics[0], {
    name: "system_metrics",
    kind: "metric",
    intervalMs: 300_000,
    retention: "90d",
    line: line("name: system_metrics"),
  });
  assert.deepEqual(strategy.analytics[5], {
    name: "business_analysis",
    kind: "analysis",
    intervalMs: 86_400_000,
    retention: "365d",
    line: line("name: business_analysis"),
  });
  assert.deepEqual(
    strategy.tasks.map((t) => [t.name, t.intervalMs, t.timeoutMs]),
    [
      ["health_check", 60_000, 30_000],
      ["performance_check", 300_000, 60_000],
      ["security_check", 3_600_000, 300_000],
    ],
  );
  assert.deepEqual(
    strategy.workflows.map((w) => [w.name, w.steps, w.timeoutMs]),
    [
      ["release_workflow", ["validate", "deploy", "verify"], 1_800_000],
      ["rollback_workflow", ["backup", "revert", "verify"], 1_800_000],
      ["monitoring_workflow", ["collect", "analyze", "alert"], 300_000],
    ],
  );

  const here = path.join(root, "scripts");
  assert.deepEqual(strategy.steps.stop, {
    kind: "command",
    run: "docker compose stop gateway",
    line: line("  stop: "),
  });
  assert.deepEqual(strategy.steps.backup, {
    kind: "command",
    run: "./backup-db.sh",
    cwd: here,
    timeoutMs: 600_000,
    line: line("  backup: "),
  });
  assert.deepEqual(strategy.steps["data_rollback.revert"], {
    kind: "command",
    run: "./restore-db.sh",
    cwd: here,
    timeoutMs: 600_000,
    line: line("data_rollback.revert:"),
  });
  assert.deepEqual(strategy.steps["config_rollback.revert"], {
    kind: "flag",
    flag: { kind: "env-file", file: path.join(root, ".env"), key: "NEW_CONFIG", value: "off" },
    line: line("config_rollback.revert:"),
  });
  assert.deepEqual(strategy.steps.alert, {
    kind: "flag",
    flag: {
      kind: "flagd",
      file: path.join(root, "flags", "flags.json"),
      flag: "new-checkout",
      variant: "off",
    },
    line: line("  alert: "),
  });

  assert.deepEqual(strategy.checks.health, [
    {
      kind: "http",
      url: "http://127.0.0.1:8000/health",
      expect: 200,
      samples: 10,
      intervalMs: 1000,
      successRatio: 0.99,
      maxLatencyMs: 1000,
      timeoutMs: 300_000,
      line: line("  health: "),
    },
  ]);
  assert.deepEqual(
    strategy.checks.security!.map((e) => [e.kind, e.line]),
    [
      ["github-security", line("- github-security:")],
      ["command", line('- command: { run: "npm audit')],
    ],
  );
  assert.equal(strategy.checks.performance![0]!.timeoutMs, 120_000);

  assert.deepEqual(strategy.environments, [
    {
      name: "production",
      url: "https://gateway.example.com",
      public: true,
      vars: {},
      line: line("  production:"),
    },
  ]);
  assert.equal(strategy.defaultEnvironment, "production");
  assert.deepEqual(strategy.canary, {
    setWeight: "./scripts/traffic.sh gateway {{weight}}",
    steps: [
      { kind: "setWeight", weight: 20, line: line("- setWeight: 20") },
      { kind: "pause", durationMs: 300_000, line: line("- pause: 5m") },
      {
        kind: "analysis",
        metrics: ["service_metrics"],
        windowMs: 120_000,
        line: line("- analysis: { metrics"),
      },
      { kind: "setWeight", weight: 50, line: line("- setWeight: 50") },
      { kind: "pause", line: line("- pause: {}") },
      // Not named: every validation metric.
      {
        kind: "analysis",
        metrics: ["service_metrics", "data_metrics", "config_metrics"],
        line: line("- analysis: {}"),
      },
    ],
    line: line("canary:"),
  });
  assert.deepEqual(strategy.incident, { github: true, labels: ["incident", "gateway"], notify: true });
  assert.equal(strategy.recordsFile, path.join(root, ".shipready", "deploys.jsonl"));
  assert.equal(strategy.locksDir, path.join(root, ".shipready", "locks"));
  assert.equal(strategy.evidenceRoot, path.join(root, "evidence"));
});

test("a strategy of one step: the seed's stages and triggers, the default release_workflow, default paths", () => {
  const { strategy, warnings } = strategyOf('steps:\n  deploy: "./deploy.sh"\n');
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    strategy.stages.map((s) => [s.name, s.inconclusive, s.validation, s.rollback, s.monitoring]),
    [
      ["pre_release", "fail", true, true, true],
      ["release", "fail", true, true, true],
      ["post_release", "rollback", true, true, true],
    ],
  );
  assert.deepEqual(strategy.triggers, [
    { name: "validation_failure", action: "rollback", timeoutMs: 300_000 },
    { name: "monitoring_failure", action: "rollback", timeoutMs: 300_000 },
    { name: "manual_trigger", action: "rollback", timeoutMs: 300_000 },
  ]);
  assert.deepEqual(strategy.workflows, [
    { name: "release_workflow", steps: ["validate", "deploy", "verify"], timeoutMs: 1_800_000 },
  ]);
  assert.deepEqual(strategy.metrics, []);
  assert.equal(strategy.canary, null);
  assert.equal(strategy.evidenceRoot, null);
  assert.deepEqual(strategy.environments, []);
  assert.equal(strategy.defaultEnvironment, "production");
  assert.deepEqual(strategy.incident, { github: true, labels: ["incident"], notify: true });
  assert.equal(strategy.recordsFile, path.join(root, ".shipready", "deploys.jsonl"));
});

test("durations: the seed's bare seconds, or a number with a unit, become milliseconds", () => {
  const text = (timeout: string) =>
    `steps: { deploy: "./d" }\nautomation:\n  workflows: [{ name: release_workflow, steps: [deploy], timeout: ${timeout} }]\n`;
  for (const [written, ms] of [
    ["300", 300_000],
    ["1.5", 1500],
    ["300s", 300_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["24h", 86_400_000],
    ["500ms", 500],
    ["90d", 7_776_000_000],
  ] as const) {
    assert.equal(strategyOf(text(written)).strategy.workflows[0]!.timeoutMs, ms, written);
  }
  assert.match(
    problemsOf(text("5 minutes"))[0]!,
    /^shipready\.yml:3: automation\.workflows\[0\]\.timeout: expected a duration such as 300s, 10m or 3d, got "5 minutes"/,
  );
  assert.match(problemsOf(text("0"))[0]!, /automation\.workflows\[0\]\.timeout: expected a duration/);
});

test("the judgement follows the source: pass/fail sources take threshold as a share, number sources as a bound", () => {
  const judgement = (source: string, threshold = "0.9") =>
    strategyOf(
      `steps: { deploy: "./d" }\nvalidation:\n  metrics: [{ name: m${threshold === "" ? "" : `, threshold: ${threshold}`} }]\nsources:\n  m: ${source}\n`,
    ).strategy.metrics[0]!.judgement;
  const prom = 'prometheus: { url: "http://127.0.0.1:9090", query: "x" }';
  const table: [string, string, object][] = [
    ['{ http: { url: "http://x/health" } }', "0.9", { min: 1, share: 0.9 }],
    ['{ http: { url: "http://x/health" } }', "", { min: 1, share: 1 }],
    ['{ http: { url: "http://x/health" }, share: 0.5 }', "0.9", { min: 1, share: 0.5 }],
    ['{ command: { run: "./ok" } }', "0.9", { min: 1, share: 0.9 }],
    ['{ command: { run: "./count" }, max: 10 }', "0.9", { max: 10, share: 0.9 }],
    ['{ command: { run: "./count" }, min: 2, max: 10 }', "", { min: 2, max: 10, share: 1 }],
    [`{ ${prom} }`, "0.9", { min: 0.9, share: 1 }],
    [`{ ${prom}, share: 0.8 }`, "0.9", { min: 0.9, share: 0.8 }],
    [`{ ${prom}, max: 0.01 }`, "0.9", { max: 0.01, share: 0.9 }],
    [`{ ${prom}, max: 0.01 }`, "", { max: 0.01, share: 1 }],
    [`{ ${prom}, baseline: { ratio: { max: 1.2 } } }`, "", { share: 1 }],
    [
      '{ sentry: { url: "https://sentry.io", org: a, project: b, tokenEnv: SENTRY_AUTH_TOKEN }, max: 3 }',
      "",
      { max: 3, share: 1 },
    ],
  ];
  for (const [source, threshold, expected] of table)
    assert.deepEqual(judgement(source, threshold), expected, source);
});

test("bad strategies are reported all at once, each at its line, with what is wrong and how to fix it", () => {
  const text = `strategy:
  stages: [{ name: pre_release }, { name: release }]
  gates: [{ name: g, stages: [post_release] }]
rollback:
  triggers: [{ name: validation_failure, stages: [relase] }]
  procedures: [{ name: p, steps: [x] }]
automation:
  workflows:
    - { name: release_workflow, steps: [validate, a, verify] }
    - { name: a, steps: [b] }
    - { name: b, steps: [a, c] }
    - { name: c, steps: [c] }
steps:
  x: { run: "echo", bogus: 1 }
  "bad name": "echo"
  nope.x: "echo"
  p.y: "echo"
  kill: { flag: { flagd: { file: ../flags.json, flag: f, variant: "off" } } }
  kill2: { flag: { envFile: { file: /etc/env, key: K, value: "v" } } }
validation:
  metrics:
    - { name: m1, threshold: 95 }
    - { name: m2 }
    - { name: m3 }
sources:
  m1: { http: { url: "http://x" }, baseline: { ratio: { max: 2 } } }
  m2: { prometheus: { url: "http://x", query: "  " } }
  m3: { sentry: { url: "https://sentry.io", org: a, project: b, tokenEnv: sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_abcdefSECRETVALUE } }
  m4: { min: 1 }
canary:
  steps: [{ setWeight: 20, pause: 5m }, { analysis: { metrics: [m9] } }]
`;
  const problems = problemsOf(text);
  const expected: [number, RegExp][] = [
    [
      3,
      /strategy\.gates\[0\]\.stages\[0\]: the gate "g" names the stage "post_release", which strategy\.stages does not have\. Name one of: pre_release, release\./,
    ],
    [5, /rollback\.triggers\[0\]\.stages\[0\]: .*"relase".* Did you mean "release"\?/],
    [
      9,
      /automation\.workflows\[0\]\.name: runs only the built-in validate and verify, so a deploy would deploy nothing\./,
    ],
    [11, /automation\.workflows\[2\]\.steps\[0\]: the workflows run each other in a circle \(a -> b -> a\)/],
    [12, /automation\.workflows\[3\]\.steps\[0\]: the workflow "c" lists itself/],
    [
      14,
      /steps\.x\.bogus: unknown key "bogus"\. Remove it, or use one of the keys allowed here: run, cwd, timeout, flag\./,
    ],
    [15, /steps\.bad name: expected a step name, or <procedure>\.<step>, got "bad name"\./],
    [16, /steps\.nope\.x: no procedure or workflow is named "nope"/],
    [17, /steps\.p\.y: "p" has no step "y"/],
    [18, /steps\.kill\.flag\.flagd\.file: "\.\.\/flags\.json" is outside the folder of shipready\.yml/],
    [19, /steps\.kill2\.flag\.envFile\.file: "\/etc\/env" is outside the folder of shipready\.yml/],
    [
      22,
      /validation\.metrics\[0\]\.threshold: 95 is read as the share of samples that must pass .* such as 0\.95\./,
    ],
    [
      23,
      /validation\.metrics\[1\]\.name: has a prometheus source, which answers a number, but nothing to judge the number by\./,
    ],
    [24, /validation\.metrics\[2\]\.name: has a sentry source/],
    [
      26,
      /sources\.m1\.baseline: compares with the window before the deploy, which an http source cannot read back\./,
    ],
    [27, /sources\.m2\.prometheus\.query: is blank\. Write the PromQL query/],
    [
      28,
      /sources\.m3\.sentry\.tokenEnv: holds something that looks like a token, not the name of an environment variable\./,
    ],
    [29, /sources\.m4: names no metric of validation\.metrics or monitoring\.metrics/],
    [29, /sources\.m4: says how to judge the metric but not where its samples come from/],
    [30, /canary\.setWeight: missing\. Write setWeight: ".*\{\{weight\}\}"/],
    [31, /canary\.steps\[0\]: needs exactly one of setWeight:, pause: and analysis:/],
    [31, /canary\.steps\[1\]\.analysis\.metrics\[0\]: "m9" is not a metric of validation\.metrics/],
  ];
  assert.equal(problems.length, expected.length, problems.join("\n"));
  expected.forEach(([line, pattern], i) => {
    assert.ok(problems[i]?.startsWith(`shipready.yml:${line}: `), problems[i]);
    assert.match(problems[i]!, pattern);
  });
  // The token written by mistake is never repeated.
  assert.ok(!problems.join("\n").includes("SECRETVALUE"));
});

test("without a release_workflow, the default one needs deploy bound", () => {
  const problems = problemsOf(
    'steps:\n  stop: "./stop"\nrollback:\n  procedures: [{ name: p, steps: [stop] }]\n',
  );
  assert.deepEqual(problems, [
    'shipready.yml:1: steps: no release_workflow in automation.workflows, so shipready deploy runs the default [validate, deploy, verify], and nothing binds deploy. Bind it, such as steps: { deploy: "docker compose up -d" }, or write a release_workflow.',
  ]);
});

test("a workflow step may name a procedure or another workflow; names must be unique", () => {
  const { strategy } = strategyOf(`steps: { deploy: "./d", revert: "./r" }
rollback:
  procedures: [{ name: service_rollback, steps: [revert] }]
automation:
  workflows:
    - { name: release_workflow, steps: [validate, ship, verify] }
    - { name: ship, steps: [deploy] }
    - { name: rollback_workflow, steps: [service_rollback, verify] }
`);
  assert.equal(strategy.workflows.length, 3);
  const problems = problemsOf(`steps: { deploy: "./d", revert: "./r" }
rollback:
  procedures: [{ name: p, steps: [revert] }, { name: p, steps: [revert] }]
automation:
  workflows: [{ name: p, steps: [deploy] }, { name: release_workflow, steps: [deploy] }]
`);
  assert.deepEqual(problems, [
    'shipready.yml:3: rollback.procedures[1].name: "p" is already the name of the procedure on line 3. Give each procedure its own name, or merge the two.',
    'shipready.yml:5: automation.workflows[0].name: "p" is also the name of the procedure on line 3, so a step naming it would be ambiguous. Rename the workflow or the procedure.',
  ]);
});

test("warnings: a binding nothing uses, an alert that watches no metric, a rollback with nothing to run", () => {
  const { warnings } = strategyOf(`steps: { deploy: "./d", stpo: "./s" }
monitoring:
  metrics: [{ name: up, threshold: 1 }]
  alerts: [{ name: latency_alert, threshold: 1 }]
sources:
  up: { http: { url: "http://127.0.0.1:1/health" } }
`);
  assert.deepEqual(warnings, [
    'shipready.yml:1: steps.stpo: no procedure or workflow lists the step "stpo", so it never runs. Add it to one, or remove it.',
    "shipready.yml:3: monitoring.metrics[0]: a failed verification fires a trigger whose action is rollback, but no rollback.procedures and no rollback_workflow say what a rollback runs, so it would run nothing. Add a procedure, such as rollback: { procedures: [{ name: service_rollback, steps: [revert] }] }, or write the triggers with action: notify.",
    "shipready.yml:4: monitoring.alerts[0].name: watches no metric: no single monitoring metric's name holds the alert's stem, so no alerting rule is written for it. Add metric: with the monitoring metric it watches.",
  ]);
});

test("checks take the evidence rules of gates: a check with no kind, a file check with nothing to check", () => {
  const problems = problemsOf(`steps: { deploy: "./d" }
validation:
  gates: [{ name: v, checks: [a, b] }]
checks:
  a: {}
  b: [{ file: { contains: x } }]
`);
  assert.deepEqual(problems, [
    "shipready.yml:5: checks.a: no evidence kind given. Write one of github-actions, github-checks, github-security, github-branch-protection, repo-kit, junit, coverage, command, http, file, hooks, sarif as the key, such as - junit: { files: reports/*.xml }.",
    "shipready.yml:6: checks.b[0].file: names no path: and no sameVersion:, so it would check nothing. Add path: (the file that must exist) or sameVersion: [VERSION, package.json].",
  ]);
});
