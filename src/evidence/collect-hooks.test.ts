import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gitHookFolder } from "../adapters/git/git-hook-folder.js";
import { renderHookScript } from "../hooks/core/render-hook-script.js";
import { git } from "../../test/helpers/git-repo.js";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { collectHooks } from "./collect-hooks.js";
import type { HooksSpec } from "./types.js";

const SPEC: HooksSpec = { kind: "hooks", installed: ["pre-push", "commit-msg"], timeoutMs: 30_000 };

function repo(): string {
  const dir = makeTempDir();
  git(dir, "init", "-q", "-b", "main");
  return dir;
}

test("fails with what to do when hooks are missing, passes once shipready's are installed, warns when outdated", async () => {
  const dir = repo();
  const context = makeEvidenceContext(dir, { hooks: gitHookFolder });
  const missing = await collectHooks(SPEC, context);
  assert.equal(missing.outcome, "fail");
  assert.match(
    missing.provenance.message ?? "",
    /pre-push and commit-msg do not run shipready.*shipready hooks install/,
  );

  for (const hook of ["pre-push", "commit-msg"] as const) {
    await gitHookFolder.writeExecutable(join(dir, ".git", "hooks", hook), renderHookScript(hook));
  }
  const installed = await collectHooks(SPEC, context);
  assert.equal(installed.outcome, "pass");
  assert.equal(installed.provenance.source, join(".git", "hooks"));

  writeFileSync(
    join(dir, ".git", "hooks", "pre-push"),
    renderHookScript("pre-push").replace("pre-push 1", "pre-push 0"),
  );
  const outdated = await collectHooks({ ...SPEC, installed: ["pre-push"] }, context);
  assert.equal(outdated.outcome, "warn");
  assert.match(outdated.provenance.message ?? "", /another version/);
});

test("in CI the gate does not apply; outside a repository it is inconclusive", async () => {
  const ci = await collectHooks(
    SPEC,
    makeEvidenceContext(repo(), { hooks: gitHookFolder, env: { CI: "true" } }),
  );
  assert.equal(ci.outcome, "n/a");
  const outside = await collectHooks(SPEC, makeEvidenceContext(makeTempDir(), { hooks: gitHookFolder }));
  assert.equal(outside.outcome, "inconclusive");
  assert.match(outside.provenance.message ?? "", /not inside a git work tree/);
});
