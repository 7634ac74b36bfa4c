import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { repoRoot, seedDashboard } from "../helpers/repo-paths.js";
import { makeTempDir } from "../helpers/temp-dir.js";

test("the package's main export scores a checklist with the default ports", async () => {
  const pkg = (await import(
    pathToFileURL(join(repoRoot, "dist/src/index.js")).href
  )) as typeof import("../../src/index.js");
  const dir = makeTempDir();
  copyFileSync(seedDashboard, join(dir, "release-checklist.md"));
  const result = await pkg.runReadiness({ cwd: dir, mode: "score", checklist: "release-checklist.md" });
  assert.equal(result.readiness.score, 77.9);
  assert.equal(result.readiness.ready, false);
  assert.equal(pkg.ExitCode.NotReady, 1);
  assert.deepEqual(pkg.defineConfig({ threshold: 80 }), { threshold: 80 });
});
