import assert from "node:assert/strict";
import { test } from "node:test";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { makeTempTree } from "../../test/helpers/make-temp-tree.js";
import type { Shell } from "../ports.js";
import { createRedactor } from "../shared/create-redactor.js";
import { collectEvidence } from "./collect-evidence.js";

test("every result passes the run's redactor: its source, its message and its lines", async () => {
  const secret = "canary-collect-7d1e";
  // A shell that hides nothing: the redactor of the run still does.
  const leaky: Shell = {
    run: async () => ({
      exitCode: 1,
      signal: null,
      timedOut: false,
      tail: [`connecting as ${secret}`, `failed: ${Buffer.from(`ci:${secret}`).toString("base64")}`],
      durationMs: 5,
    }),
  };
  const context = makeEvidenceContext(makeTempTree({}), { shell: leaky, redact: createRedactor([secret]) });
  const results = await collectEvidence(
    [{ kind: "command", run: `deploy --check ${secret}`, timeoutMs: 5_000 }],
    context,
  );
  const [result] = [...results.values()];
  assert.equal(result?.outcome, "fail");
  assert.ok(!JSON.stringify(result).includes(secret), JSON.stringify(result));
  assert.deepEqual(result?.details, ["connecting as ***", "failed: ***"]);
  assert.equal(result?.provenance.message, "exited with code 1: failed: ***");
  assert.equal(result?.provenance.source, "deploy --check ***");
});
