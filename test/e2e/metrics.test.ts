import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, test } from "node:test";
import Database from "better-sqlite3";
import { initRepo, git } from "../helpers/git-repo.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const GENERATOR = join(repoRoot, "test", "fixtures", "bench", "make-deploy-history.mjs");

interface Manifest {
  since: string;
  until: string;
  deploys: number;
  skew: number;
  deploymentFrequency: {
    bucket: string;
    category: string;
    perWeek: number;
    weeklyMedian: number;
    daysPerWeekMedian: number;
    level: string;
  };
  changeLeadTime: { status: string; count: number; median: number; p90: number; level: string };
  changeFailRate: { status: string; failed: number; rate: number | null; level: string | null };
  recoveryTime: { status: string; count: number; median: number; p90: number; level: string };
  reworkRate: { rework: number; rate: number | null };
}

function generate(seed: number, chance: number, weeks: number): { dir: string; manifest: Manifest } {
  const dir = join(makeTempDir(), "repo");
  execFileSync(process.execPath, [
    GENERATOR,
    "--out",
    dir,
    "--seed",
    String(seed),
    "--chance",
    String(chance),
    "--weeks",
    String(weeks),
  ]);
  return { dir, manifest: JSON.parse(readFileSync(`${dir}.manifest.json`, "utf8")) as Manifest };
}

/** A repository with one commit, for commands that need one. */
function emptyRepo(): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "README.md"), "shop\n");
  initRepo(dir);
  return dir;
}

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null || actual === null) assert.equal(actual, expected, what);
  else assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} is not ${expected}`);
}

describe("known answers: metrics --json on a generated history match its manifest", () => {
  for (const [seed, chance, weeks] of [
    [1, 0.75, 12],
    [2, 0.2, 13],
    [5, 0.5, 10],
    [3, 0.05, 9],
  ] as const) {
    it(`seed ${seed}, deploys on ${chance * 100}% of weekdays over ${weeks} weeks`, () => {
      const { dir, manifest } = generate(seed, chance, weeks);
      const events = JSON.parse(readFileSync(join(dir, "events.json"), "utf8")).events as unknown[];
      const imported = runCli(["metrics", "import", "events.json"], { cwd: dir });
      if (events.length > 0) assert.equal(imported.code, 0, imported.stderr);
      else assert.match(imported.stderr, /holds no events/);
      const run = runCli(["metrics", "--since", manifest.since, "--until", manifest.until, "--json"], {
        cwd: dir,
      });
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      const m = report.metrics;
      assert.equal(report.repo, "acme/shop");
      assert.deepEqual(report.matches, ["production", "prod"]);
      assert.equal(report.report.id, "dora-2024");

      const f = m.deploymentFrequency;
      assert.equal(f.deploys, manifest.deploys);
      assert.equal(f.bucket, manifest.deploymentFrequency.bucket);
      assert.equal(f.category, manifest.deploymentFrequency.category);
      close(f.perWeek, manifest.deploymentFrequency.perWeek, "deploys per week");
      close(f.weeklyDeploys.median, manifest.deploymentFrequency.weeklyMedian, "median deploys per week");
      close(
        f.deployDaysPerWeek.median,
        manifest.deploymentFrequency.daysPerWeekMedian,
        "median deploy days per week",
      );
      assert.equal(f.level.level, manifest.deploymentFrequency.level);

      for (const key of ["changeLeadTime", "recoveryTime"] as const) {
        assert.equal(m[key].status, manifest[key].status, key);
        assert.equal(m[key].count, manifest[key].count, `${key} count`);
        if (manifest[key].status === "ok") {
          close(m[key].median, manifest[key].median, `${key} median`);
          close(m[key].p90, manifest[key].p90, `${key} p90`);
          assert.equal(m[key].level.level, manifest[key].level, `${key} level`);
        }
      }
      assert.equal(m.changeFailRate.numerator, manifest.changeFailRate.failed);
      close(m.changeFailRate.rate, manifest.changeFailRate.rate, "change fail rate");
      assert.equal(m.changeFailRate.level.level, manifest.changeFailRate.level);
      assert.equal(m.reworkRate.numerator, manifest.reworkRate.rework);
      close(m.reworkRate.rate, manifest.reworkRate.rate, "rework rate");
      assert.equal(
        report.skew.filter((s: { kind: string }) => s.kind === "lead-time").length,
        manifest.skew,
        "commits after their deploy are reported, not counted",
      );

      // Running again (the records are synced again) and importing again change nothing.
      if (events.length > 0) {
        const again = runCli(["metrics", "import", "events.json"], { cwd: dir });
        assert.match(again.stdout, /0 new, 0 updated, \d+ already there/);
      }
      const second = runCli(["metrics", "--since", manifest.since, "--until", manifest.until, "--json"], {
        cwd: dir,
      });
      assert.deepEqual(JSON.parse(second.stdout), report);
    });
  }
});

test("text, weekly, CSV and --explain tell the same story", () => {
  const { dir, manifest } = generate(1, 0.75, 12);
  runCli(["metrics", "import", "events.json"], { cwd: dir });
  const period = ["--since", manifest.since, "--until", manifest.until];
  const text = runCli(["metrics", ...period, "--weekly"], { cwd: dir });
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /Delivery performance of acme\/shop in production \(production, prod\), 2026-01-05 to 2026-03-30 \(84 days\)/,
  );
  assert.match(
    text.stdout,
    new RegExp(`Change fail rate +│ +${Number((manifest.changeFailRate.rate! * 100).toFixed(1))}%`),
  );
  assert.match(text.stdout, /Levels from dora-2024/);
  assert.match(text.stdout, /2026-W02 +│/);
  assert.match(text.stdout, /Clock skew: 1 time contradict/);

  const csv = runCli(["metrics", ...period, "--csv", "--weekly"], { cwd: dir });
  const lines = csv.stdout.trim().split("\n");
  assert.equal(lines[0], "scope,week,metric,status,count,value,median,p90,unit,level");
  assert.match(lines[3]!, new RegExp(`^period,,changeFailRate,ok,${manifest.deploys},`));
  assert.equal(lines.length, 1 + 5 + 12 * 5);

  const explain = runCli(["metrics", ...period, "--explain", "--json"], { cwd: dir });
  const report = JSON.parse(explain.stdout);
  const failed = report.explain.deploys.filter((d: { failed: boolean }) => d.failed);
  assert.equal(failed.length, manifest.changeFailRate.failed);
  assert.ok(
    failed.some((d: { failures: string[] }) => d.failures.some((f) => /rolled back by shipready:/.test(f))),
  );
  const duplicates = report.explain.deploys.filter((d: { why: string }) =>
    /reports the same deploy/.test(d.why),
  );
  assert.ok(duplicates.length > 0);
  assert.ok(
    duplicates.every((d: { source: string; counted: boolean }) => d.source === "import" && !d.counted),
  );
  const text2 = runCli(["metrics", ...period, "--explain"], { cwd: dir });
  assert.match(text2.stdout, /Deploys of the period:/);
  assert.match(text2.stdout, /rework: the first deploy after failed/);
});

test("record: a deploy, an incident naming it, its resolution and a recovery, as a CD and an on-call tool send them", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "README.md"), "shop\n");
  initRepo(dir);
  const head = git(dir, "rev-parse", "HEAD");
  writeFileSync(join(dir, "shipready.yml"), "metrics:\n  minSample: 1\n");
  const record = (...args: string[]) =>
    runCli(["record", ...args, "--now", "2026-03-10T12:00:00Z"], { cwd: dir });
  for (const [version, at] of [
    ["v1.0.0", "2026-03-02T10:00:00Z"],
    ["v1.1.0", "2026-03-03T10:00:00Z"],
    ["v1.1.1", "2026-03-03T16:00:00Z"],
  ] as const) {
    const deployed = record(
      "deploy",
      "--env",
      "prod",
      "--version",
      version,
      "--commit",
      head,
      "--finished-at",
      at,
      "--id",
      version,
    );
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(deployed.stdout, new RegExp(`Recorded deploy record:${version.replaceAll(".", "\\.")} of `));
  }
  assert.equal(
    record("incident", "--id", "INC-1", "--opened-at", "2026-03-03T12:00:00Z", "--cause", "v1.1.0").code,
    0,
  );
  const resolved = record("incident", "--id", "INC-1", "--resolved-at", "2026-03-03T15:00:00Z");
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.match(resolved.stdout, /Updated incident record:INC-1/);
  const fix = record(
    "recovery",
    "--cause",
    "v1.1.0",
    "--version",
    "v1.1.1",
    "--finished-at",
    "2026-03-03T16:00:00Z",
    "--json",
  );
  assert.equal(fix.code, 0, fix.stderr);
  assert.equal(JSON.parse(fix.stdout).event.kind, "fix");

  const run = runCli(["metrics", "--since", "2026-03-01", "--until", "2026-03-08", "--json", "--explain"], {
    cwd: dir,
  });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.metrics.changeFailRate.numerator, 1);
  assert.equal(report.metrics.reworkRate.numerator, 1);
  // The fix names v1.1.0 as failed: from its going live (10:00) to the fix (16:00), past the incident's 12:00-15:00.
  assert.equal(report.metrics.recoveryTime.median, 6 * 3600);
  assert.deepEqual(
    report.explain.incidents.map((i: { linkedTo: string }) => i.linkedTo),
    ["record:v1.1.0"],
  );

  const noCause = record("recovery", "--finished-at", "2026-03-04T10:00:00Z");
  assert.equal(noCause.code, 2);
  assert.match(noCause.stderr, /a recovery must say what it recovers from/);
  const unknown = record("incident", "--id", "INC-9", "--resolved-at", "2026-03-04T10:00:00Z");
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /incident INC-9 is not recorded yet, so it needs --opened-at/);
  const badStatus = record("deploy", "--status", "done");
  assert.equal(badStatus.code, 2);
  assert.match(
    badStatus.stderr,
    /--status: expected success, failure, rolled-back, aborted, running, got "done"/,
  );
  const badKind = record("outage");
  assert.equal(badKind.code, 2);
  assert.match(runCli(["--version"], { cwd: dir }).stdout, /^\d+\.\d+\.\d+/);
});

describe("bad input: a clear message and exit code 2, nothing written", () => {
  it("a repository without deploys says which sources to configure", () => {
    const dir = emptyRepo();
    const run = runCli(["metrics"], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no deploys are known for /);
    assert.match(run.stderr, /shipready record deploy/);
    assert.match(run.stderr, /shipready metrics import/);
  });

  it("an environment that matches nothing lists the ones seen", () => {
    const dir = emptyRepo();
    runCli(["record", "deploy", "--env", "staging", "--version", "v1"], { cwd: dir });
    runCli(["record", "deploy", "--env", "live", "--version", "v1"], { cwd: dir });
    const run = runCli(["metrics", "--env", "production"], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /no deploys of .* are in an environment named production or prod; the environments seen are live \(1\), staging \(1\)/,
    );
    assert.match(run.stderr, /metrics: \{ environments: \{ production: \[production, live\] \} \}/);
  });

  it("a store written by a newer shipready is refused with both versions and left alone", () => {
    const dir = emptyRepo();
    runCli(["record", "deploy", "--version", "v1"], { cwd: dir });
    const file = join(dir, ".shipready", "metrics.db");
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')").run();
    db.close();
    const run = runCli(["metrics"], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /has schema version 99, newer than version 3 that this shipready knows; it was left as it is/,
    );
    const after = new Database(file);
    assert.equal(after.prepare("SELECT count(*) FROM deploys").pluck().get(), 1);
    after.close();
  });

  it("an events file with problems names each line and imports nothing", () => {
    const dir = emptyRepo();
    writeFileSync(
      join(dir, "events.csv"),
      "type,id,environment,version,finishedAt,status\ndeploy,d1,production,v1,2026-03-02T10:00:00Z,success\ndeploy,d2,production,v2,tomorrow,success\n",
    );
    const run = runCli(["metrics", "import", "events.csv"], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /events\.csv has 1 problem; nothing was imported/);
    assert.match(
      run.stderr,
      /events\.csv:3: deploy: finishedAt: expected an ISO 8601 time with an offset, got "tomorrow"/,
    );
    assert.match(runCli(["metrics"], { cwd: dir }).stderr, /no deploys are known/);
  });

  it("an unknown report year or period is a usage error", () => {
    const dir = emptyRepo();
    const report = runCli(["metrics", "--report", "2019"], { cwd: dir });
    assert.equal(report.code, 2);
    assert.match(report.stderr, /no bands of a DORA report "2019".*\n.*Pick one of 2021, 2022, 2023, 2024/);
    const since = runCli(["metrics", "--since", "3 months"], { cwd: dir });
    assert.equal(since.code, 2);
    assert.match(since.stderr, /--since: "3 months" is neither a span nor a time/);
  });
});
