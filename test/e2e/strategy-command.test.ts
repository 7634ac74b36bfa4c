import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import type { DeployRecord, StepOutcome } from "../../src/deploy/types.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const fixtures = join(repoRoot, "test", "fixtures");
const START = "<!-- STRATEGY_STATUS_START -->";
const END = "<!-- STRATEGY_STATUS_END -->";

/** A folder holding the bound seed strategy as its shipready.yml. */
function strategyDir(fixture = "seed-strategy-bound.yml"): string {
  const dir = makeTempDir();
  copyFileSync(join(fixtures, "strategy", fixture), join(dir, "shipready.yml"));
  return dir;
}

test("strategy shows every step, trigger and metric as understood, and --json gives the same to machines", () => {
  const dir = strategyDir();
  const shown = runCli(["strategy"], { cwd: dir });
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(shown.stderr, "");
  for (const line of [
    "Release strategy of shipready.yml",
    "  post_release: validation, rollback, monitoring; no data: rollback",
    '    2. deploy    run "docker compose pull gateway && docker compose up -d gateway"',
    '    2. revert  run "./restore-db.sh" (in scripts, timeout 600s) as data_rollback.revert',
    "    2. revert  flag: set NEW_CONFIG=off in .env as config_rollback.revert",
    "  validation_failure: rollback, timeout 300s; in pre_release, release, post_release runs rollback_workflow",
    "    passes: 99% of the probes pass, over 300s, every 10s",
    "    passes: every sample ≥ 0.99, over 300s, every 60s",
    '  health_alert (service_health): (avg_over_time(up{job="gateway"}[1m])) < 0.99 for 5m',
    "  system_metrics (metric): every 300s, kept 90d",
  ]) {
    assert.ok(shown.stdout.split("\n").includes(line), `missing line: ${line}\n${shown.stdout}`);
  }

  const json = runCli(["strategy", "--json"], { cwd: dir });
  assert.equal(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as {
    config: string;
    strategy: { metrics: { name: string; judgement: object }[] };
    resolved: { workflows: { name: string; steps: { name: string; binding: string | null }[] }[] };
  };
  assert.equal(parsed.config, "shipready.yml");
  assert.deepEqual(
    parsed.strategy.metrics.map((m) => m.name),
    [
      "service_metrics",
      "data_metrics",
      "config_metrics",
      "service_health",
      "service_performance",
      "service_security",
    ],
  );
  assert.deepEqual(parsed.strategy.metrics[3]!.judgement, { min: 0.99, share: 1 });
  assert.deepEqual(
    parsed.resolved.workflows[0]!.steps.map((s) => [s.name, s.binding]),
    [
      ["validate", "validate"],
      ["deploy", "deploy"],
      ["verify", "verify"],
    ],
  );
});

test("the seed's blocks alone: exit 2 with every unbound step, check and metric at its line, nothing written", () => {
  const dir = strategyDir("seed-strategy.yml");
  const result = runCli(["strategy", "--prometheus-rules", "rules.yml"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /^shipready: shipready\.yml has 21 problems\n/);
  assert.match(
    result.stderr,
    /\n {2}shipready\.yml:45: rollback\.procedures\[0\]\.steps\[0\]: step "stop" is not bound/,
  );
  assert.match(
    result.stderr,
    /\n {2}shipready\.yml:81: monitoring\.metrics\[0\]\.name: metric "service_health" has no source/,
  );
  assert.ok(!existsSync(join(dir, "rules.yml")));
});

test("a shipready.yml without a release strategy is bad input", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "shipready.yml"), "threshold: 90\n");
  const result = runCli(["strategy"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /^shipready: shipready\.yml writes no release strategy\n {2}Fix: Write the release strategy/,
  );
});

test("--prometheus-rules writes alerting rules promtool accepts, each alert's direction and threshold in its expr", () => {
  const dir = strategyDir();
  const result = runCli(["strategy", "--prometheus-rules", "alerts/rules.yml"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    "Wrote 2 alerting rules to alerts/rules.yml.\n  skipped security_alert: its metric service_security reads sentry, not prometheus, so Prometheus cannot evaluate it\n",
  );
  const file = join(dir, "alerts", "rules.yml");
  const checked = spawnSync("/usr/bin/promtool", ["check", "rules", file], { encoding: "utf8" });
  assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);
  assert.match(checked.stdout, /SUCCESS: 2 rules found/);

  const rules = (parse(readFileSync(file, "utf8")) as { groups: { rules: Record<string, unknown>[] }[] })
    .groups[0]!.rules;
  // service_health is judged by min (prometheus, threshold): the alert fires below 0.99.
  assert.deepEqual(rules[0], {
    alert: "health_alert",
    expr: '(avg_over_time(up{job="gateway"}[1m])) < 0.99',
    for: "5m",
    labels: { severity: "warning" },
    annotations: { summary: "service_health is below 0.99 for 5m (health_alert, from shipready.yml)" },
  });
  // service_performance is judged by max: 0.5 on its source: the alert fires above its threshold.
  assert.equal(
    rules[1]!.expr,
    "(histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[5m])) by (le))) > 0.95",
  );

  // Without a file the rules are printed, and what was skipped goes to stderr.
  const printed = runCli(["strategy", "--prometheus-rules"], { cwd: dir });
  assert.equal(printed.code, 0, printed.stderr);
  assert.equal(printed.stdout, readFileSync(file, "utf8"));
  assert.match(printed.stderr, /^shipready: skipped security_alert: /);
});

function step(
  name: string,
  status: StepOutcome["status"],
  at: string,
  extra: Partial<StepOutcome> = {},
): StepOutcome {
  return { name, status, startedAt: at, endedAt: at, ...extra };
}

/** Two deploys written by hand: v1.4.2 passed everything; v1.5.0 failed its verification and was rolled back. */
function handWrittenRecords(): DeployRecord[] {
  const base = {
    v: 1 as const,
    kind: "deploy" as const,
    environment: "production",
    previous: null,
    actor: "release-bot",
  };
  const passed: DeployRecord = {
    ...base,
    id: "production-20260501T100000Z-1111111",
    version: "v1.4.2",
    commit: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    startedAt: "2026-05-01T10:00:00Z",
    endedAt: "2026-05-01T10:07:00Z",
    outcome: "succeeded",
    steps: [
      step("validate", "succeeded", "2026-05-01T10:00:00Z"),
      step("service_validation", "succeeded", "2026-05-01T10:00:30Z"),
      step("deploy", "succeeded", "2026-05-01T10:01:00Z", { exitCode: 0 }),
      step("verify", "succeeded", "2026-05-01T10:02:00Z"),
    ],
    metrics: [
      {
        name: "service_metrics",
        verdict: "pass",
        reason: "30 of 30 probes passed",
        judgement: { min: 1, share: 0.99 },
        samples: [{ at: "2026-05-01T10:06:50Z", value: 1 }],
      },
    ],
  };
  const failed: DeployRecord = {
    ...base,
    id: "production-20260503T090000Z-2222222",
    version: "v1.5.0",
    commit: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    previous: { version: "v1.4.2", commit: passed.commit },
    startedAt: "2026-05-03T09:00:00Z",
    endedAt: "2026-05-03T09:04:00Z",
    outcome: "rolled-back",
    steps: [
      step("validate", "succeeded", "2026-05-03T09:00:00Z"),
      step("deploy", "succeeded", "2026-05-03T09:01:00Z", { exitCode: 0 }),
      step("verify", "failed", "2026-05-03T09:02:00Z"),
      step("backup", "succeeded", "2026-05-03T09:03:00Z"),
      step("revert", "succeeded", "2026-05-03T09:03:30Z"),
    ],
    metrics: [
      {
        name: "service_metrics",
        verdict: "fail",
        reason: "12 of 20 probes passed, below 99%",
        judgement: { min: 1, share: 0.99 },
        samples: [{ at: "2026-05-03T09:02:50Z", value: 0 }],
        failedFast: true,
      },
    ],
    rollback: { trigger: "validation_failure", reason: "service_metrics failed", outcome: "succeeded" },
  };
  return [passed, failed];
}

test("--update writes the seed's Release Status from the records between the markers, once, keeping every other byte", () => {
  const dir = strategyDir();
  const seed = readFileSync(join(fixtures, "seeds", "003_7e83e948377d6f14.txt"), "utf8");
  const withMarkers = seed
    .replace("## Release Status\n\n", `## Release Status\n\n${START}\n`)
    .replace("\n## Recent Changes", `${END}\n\n## Recent Changes`);
  assert.notEqual(withMarkers, seed);
  const document = join(dir, "RELEASE_PLANNING.md");
  writeFileSync(document, withMarkers);
  mkdirSync(join(dir, ".shipready"));
  const records = handWrittenRecords();
  // A record is put again as it changes: the last line of its id wins.
  const running = { ...records[1]!, outcome: "running", endedAt: null, steps: [], metrics: [] };
  writeFileSync(
    join(dir, ".shipready", "deploys.jsonl"),
    [records[0], running, records[1]].map((r) => JSON.stringify(r)).join("\n") + "\n",
  );

  const first = runCli(["strategy", "--update", "RELEASE_PLANNING.md"], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, "Updated the release status in RELEASE_PLANNING.md from 2 deploy records.\n");
  const written = readFileSync(document, "utf8");

  // Every byte outside the markers is as it was.
  const startAt = written.indexOf(START) + START.length;
  const endAt = written.indexOf(END);
  assert.equal(written.slice(0, startAt), withMarkers.slice(0, withMarkers.indexOf(START) + START.length));
  assert.equal(written.slice(endAt), withMarkers.slice(withMarkers.indexOf(END)));

  const section = written.slice(startAt, endAt);
  for (const line of [
    "_From 2 deploy records in .shipready/deploys.jsonl, the latest of 2026-05-03: ✅ only where a record shows it._",
    "- ✅ Pre-Release Stage: passed on 2026-05-03 (v1.5.0, 2222222, production)",
    "- ✅ Release Stage: passed on 2026-05-03 (v1.5.0, 2222222, production)",
    "- ❌ Post-Release Stage: failed on 2026-05-03 (v1.5.0, 2222222, production)",
    "- ✅ Validation Failure: fired on 2026-05-03 (v1.5.0, 2222222, production), and the rollback succeeded",
    "- ⬜ Monitoring Failure: never fired",
    "- ⬜ Manual Trigger: never fired",
    "- ✅ Service Validation: passed on 2026-05-01 (v1.4.2, 1111111, production)",
    "- ⬜ Data Validation: never run",
    "- ❌ Service Metrics: failed on 2026-05-03 (v1.5.0, 2222222, production): 12 of 20 probes passed, below 99%; last sample 0",
    "- ⬜ Service Health: never verified",
    "  - Threshold: every sample ≥ 0.99",
    "- ⬜ System Metrics: kept as configuration; shipready does not run it",
    "  - Retention: 90d",
    "- ⬜ Health Check: kept as configuration; shipready does not run it",
    "- ❌ Release Workflow: failed on 2026-05-03 (v1.5.0, 2222222, production), and was rolled back",
  ]) {
    assert.ok(section.split("\n").includes(line), `missing line: ${line}\n${section}`);
  }
  // The seed's hand-typed claims are gone: no ✅ without a record behind it.
  assert.ok(!section.includes("✅ Monitoring"));
  assert.equal(section.match(/✅/g)?.length, 5);

  // A second run writes nothing: same bytes, same file.
  const before = statSync(document);
  const second = runCli(["strategy", "--update", "RELEASE_PLANNING.md"], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(
    second.stdout,
    "RELEASE_PLANNING.md already shows the release status of 2 deploy records; nothing written.\n",
  );
  assert.equal(readFileSync(document, "utf8"), written);
  assert.equal(statSync(document).ino, before.ino);
  assert.equal(statSync(document).mtimeMs, before.mtimeMs);
});

test("--update refuses a document without markers and a records file with a bad line, writing nothing", () => {
  const dir = strategyDir();
  const document = join(dir, "PLAN.md");
  writeFileSync(document, "# Plan\n\n## Release Status\n- ✅ everything\n");
  const unmarked = runCli(["strategy", "--update", "PLAN.md"], { cwd: dir });
  assert.equal(unmarked.code, 2);
  assert.match(
    unmarked.stderr,
    /^shipready: PLAN\.md: has no <!-- STRATEGY_STATUS_START --> and <!-- STRATEGY_STATUS_END --> markers/,
  );
  assert.equal(readFileSync(document, "utf8"), "# Plan\n\n## Release Status\n- ✅ everything\n");

  writeFileSync(document, `# Plan\n\n${START}\n- ✅ everything\n${END}\n`);
  mkdirSync(join(dir, ".shipready"));
  const [record] = handWrittenRecords();
  writeFileSync(
    join(dir, ".shipready", "deploys.jsonl"),
    `${JSON.stringify(record)}\n{oops\n${JSON.stringify(record)}\n`,
  );
  const broken = runCli(["strategy", "--update", "PLAN.md"], { cwd: dir });
  assert.equal(broken.code, 2);
  assert.match(
    broken.stderr,
    /^shipready: \.shipready\/deploys\.jsonl:2: this line of the deploy records file is not JSON/,
  );
  assert.equal(readFileSync(document, "utf8"), `# Plan\n\n${START}\n- ✅ everything\n${END}\n`);
});
