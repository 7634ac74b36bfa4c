import assert from "node:assert/strict";
import { rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/repo-paths.js";
import { runActionBundle } from "../helpers/run-action-bundle.js";
import { seedMetricsRepo } from "../helpers/seed-metrics.js";

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
