import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { initRepo } from "../../test/helpers/git-repo.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { makeConfig, makeDeployPorts, makeStrategy } from "../../test/helpers/deploy-run.js";
import { runDeploy } from "./run-deploy.js";

const READY = `# Release

| Gate | Status |
|------|--------|
| Unit tests | PASS |
| Docs | PASS |
`;

function project(checklist: string, check: string) {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), checklist);
  initRepo(dir);
  const strategy = makeStrategy(dir, {
    workflows: [{ name: "release_workflow", steps: ["validate", "deploy"], timeoutMs: 60_000 }],
    validationGates: [{ name: "service_validation", checks: ["health"], timeoutMs: 30_000 }],
    checks: { health: [{ kind: "command", run: check, timeoutMs: 10_000 }] },
    steps: { deploy: { kind: "command", run: "touch deployed" } },
  });
  const config = { ...makeConfig(dir, strategy), checklist: join(dir, "RELEASE.md") };
  return { dir, config, ports: makeDeployPorts(dir, strategy) };
}

test("validate: a ready commit whose validation checks pass goes on to the deploy", async () => {
  const { dir, config, ports } = project(READY, "true");
  const { record } = await runDeploy({ config, actor: null }, ports);
  assert.equal(record.outcome, "succeeded");
  const validate = record.steps[0]!;
  assert.equal(validate.name, "validate");
  assert.match(validate.detail ?? "", /^ready: 100% .* at [0-9a-f]{7}; 1 check\(s\) passed$/);
  assert.deepEqual(
    validate.metrics?.map((m) => [m.name, m.verdict]),
    [["service_validation.health", "pass"]],
  );
  assert.ok(existsSync(join(dir, "deployed")));
});

test("validate: a commit that is not ready, or a failing check, stops the deploy before anything is deployed", async () => {
  const notReady = project(READY.replace("| Docs | PASS |", "| Docs | FAIL |"), "true");
  const first = await runDeploy({ config: notReady.config, actor: null }, notReady.ports);
  assert.equal(first.record.outcome, "failed");
  assert.match(first.record.steps[0]!.detail ?? "", /^not ready: /);
  assert.ok(!existsSync(join(notReady.dir, "deployed")));

  const failing = project(READY, "echo unhealthy; exit 1");
  const second = await runDeploy({ config: failing.config, actor: null }, failing.ports);
  assert.equal(second.record.outcome, "failed");
  assert.match(second.record.steps[0]!.detail ?? "", /service_validation\.health fail/);
  assert.equal(second.record.rollback, undefined, "nothing was deployed, so nothing is rolled back");
  assert.ok(!existsSync(join(failing.dir, "deployed")));
});
