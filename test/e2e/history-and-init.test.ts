import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

test("init writes a starter config and checklist that score right away, and never overwrites", () => {
  const dir = makeTempDir();
  const first = runCli(["init"], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(readFileSync(join(dir, "shipready.yml"), "utf8"), /checklist: "RELEASE_CHECKLIST.md"/);
  const json = JSON.parse(runCli(["score", "--json"], { cwd: dir }).stdout);
  assert.equal(json.categorySource, "configured");
  assert.deepEqual(
    json.categories.map((c: { name: string }) => c.name),
    ["Core Gates", "Optional Gates", "Deployment Automation", "Final Sign-Off"],
  );
  assert.equal(json.score, 0);
  assert.equal(json.blockers.length, 4);

  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), "# mine\n");
  const again = runCli(["init"], { cwd: dir });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /not overwriting .*shipready\.yml and .*RELEASE_CHECKLIST\.md/);
  assert.equal(readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8"), "# mine\n");
  assert.equal(runCli(["init", "--force"], { cwd: dir }).code, 0);
  assert.notEqual(readFileSync(join(dir, "RELEASE_CHECKLIST.md"), "utf8"), "# mine\n");
});

test("the seed updater's cache imports, shows in the trend, and exports back in its own shape", () => {
  const dir = makeTempDir();
  const cache = [
    {
      timestamp: "2024-12-14T09:00:00",
      score: 80.0,
      status: "in_progress",
      core_score: 75.0,
      optional_score: 87.5,
      deployment_score: 75.0,
      signoff_score: 78.6,
      blockers_count: 4,
    },
    {
      timestamp: "2024-12-15T09:00:00",
      score: 87.5,
      status: "minor_blockers",
      core_score: 87.5,
      optional_score: 87.5,
      deployment_score: 75.0,
      signoff_score: 78.6,
      blockers_count: 3,
    },
  ];
  writeFileSync(join(dir, "readiness.json"), JSON.stringify(cache));
  const imported = runCli(["history", "--import", "readiness.json"], { cwd: dir });
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Imported 2 of 2 runs into \.shipready\/history\.jsonl\./);
  assert.match(
    runCli(["history", "--import", "readiness.json"], { cwd: dir }).stdout,
    /Imported 0 of 2 runs into .* \(2 were already there\)/,
  );

  const trend = JSON.parse(runCli(["history", "--json"], { cwd: dir }).stdout).trend;
  assert.deepEqual([trend.current, trend.change, trend.arrow, trend.average], [87.5, 7.5, "↑", 83.8]);

  assert.equal(runCli(["history", "--export"], { cwd: dir }).code, 0);
  const exported = JSON.parse(readFileSync(join(dir, ".cache", "readiness.json"), "utf8"));
  assert.deepEqual(exported, cache);
});

test("a seed cache with a bad entry imports nothing and names the entry", () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "readiness.json"),
    JSON.stringify([{ timestamp: "2024-12-15T09:00:00", score: "high" }]),
  );
  const result = runCli(["history", "--import", "readiness.json"], { cwd: dir });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /readiness\.json: entry 1: /);
  assert.equal(existsSync(join(dir, ".shipready", "history.jsonl")), false);
});
