import assert from "node:assert/strict";
import { existsSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/repo-paths.js";
import { runActionBundle } from "../helpers/run-action-bundle.js";
import { runCli } from "../helpers/run-cli.js";
import { seedMetricsRepo } from "../helpers/seed-metrics.js";
import { sharedPostgres } from "../helpers/start-postgres.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const server = sharedPostgres();

/** A new database with shipready's schema, as `shipready db migrate` makes it. */
async function migratedDatabase(): Promise<string> {
  const url = await (await server).createDatabase();
  const migrated = runCli(["db", "migrate"], { cwd: makeTempDir(), env: { SHIPREADY_DATABASE_URL: url } });
  assert.equal(migrated.code, 0, migrated.stderr);
  return url;
}

/** The week of 2026-11-13 to 2026-11-20: v1.2.0 failed (the hostile incident), v1.2.1 fixed it. */
const ENV = { SOURCE_DATE_EPOCH: String(Date.parse("2026-11-20T00:00:00Z") / 1000) };

test("the job summary shows the last 7 days and the 90-day levels when the store has the repository's deploys", async () => {
  const workspace = seedMetricsRepo({ repo: "octo-org/octo-app" });
  // The project installed shipready, so better-sqlite3 is in the workspace's node_modules.
  symlinkSync(join(repoRoot, "node_modules"), join(workspace, "node_modules"));
  const run = await runActionBundle(workspace, { inputs: { mode: "score" }, env: ENV });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.summary, /### 📊 Delivery performance: octo-org/);
  assert.match(run.summary, /The last 7 days \(2026-11-13 to 2026-11-20\): 2 deploys, 1 failed\./);
  assert.match(
    run.summary,
    /\| Change fail rate \| 50% \| 1 of 2 deploys failed \| \+50 points \(worse\) \| High \|/,
  );
  assert.ok(
    run.summary.includes(
      "incident \\<img src=x onerror=alert(1)\\> &amp; \\<\\!channel\\> \\*bold\\* \\| pipe: recovery 4 h",
    ),
    run.summary,
  );

  rmSync(join(workspace, "node_modules"));
  const without = await runActionBundle(workspace, { inputs: { mode: "score" }, env: ENV });
  assert.equal(without.code, 0, without.stdout + without.stderr);
  assert.doesNotMatch(without.summary, /Delivery performance/);
  assert.match(
    without.stdout,
    /::notice title=shipready::the delivery metrics are left out of the summary: SQLite is not available/,
  );
});

test("the job summary has no metrics section when the store has no deploys of this repository", async () => {
  const workspace = seedMetricsRepo({ repo: "someone/else" });
  symlinkSync(join(repoRoot, "node_modules"), join(workspace, "node_modules"));
  const run = await runActionBundle(workspace, { inputs: { mode: "score" }, env: ENV });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.summary, /Release readiness/);
  assert.doesNotMatch(run.summary, /Delivery performance/);
});

test("with SHIPREADY_DATABASE_URL the job summary reads the week from PostgreSQL, with nothing installed beside the Action", async () => {
  const env = { SHIPREADY_DATABASE_URL: await migratedDatabase() };
  const workspace = seedMetricsRepo({ repo: "octo-org/octo-app", env: { ...env } });
  // The events went to PostgreSQL, not to a SQLite file.
  assert.equal(existsSync(join(workspace, ".shipready", "metrics.db")), false);
  // No node_modules in the workspace: pg is inside the bundle.
  const run = await runActionBundle(workspace, { inputs: { mode: "score" }, env: { ...ENV, ...env } });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.summary, /### 📊 Delivery performance: octo-org/);
  assert.match(run.summary, /The last 7 days \(2026-11-13 to 2026-11-20\): 2 deploys, 1 failed\./);
});

test("a database the Action cannot reach costs the summary its metrics section, with a notice that shows no password", async () => {
  const postgres = await server;
  const url = await migratedDatabase();
  const workspace = seedMetricsRepo({ repo: "octo-org/octo-app", env: { SHIPREADY_DATABASE_URL: url } });
  const password = "s3cret-Pa55word";
  const unreachable = `postgres://${postgres.passwordUser.name}:${password}@127.0.0.1:1/none`;
  const run = await runActionBundle(workspace, {
    inputs: { mode: "score" },
    env: { ...ENV, SHIPREADY_DATABASE_URL: unreachable },
  });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.summary, /Release readiness/);
  assert.doesNotMatch(run.summary, /Delivery performance/);
  assert.match(
    run.stdout,
    /::notice title=shipready::the delivery metrics are left out of the summary: .*127\.0\.0\.1:1/,
  );
  assert.ok(!`${run.stdout}${run.stderr}${run.summary}`.includes(password));
});
