import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReadinessRun } from "../readiness/types.js";
import type { EvidenceSpec } from "../evidence/types.js";
import { describeProgress } from "./describe-progress.js";

const spec = { kind: "command", run: "test -f ready.flag", timeoutMs: 1000 } as unknown as EvidenceSpec;

function resultWith(gates: { name: string; source: string }[]): ReadinessRun {
  return {
    readiness: {
      categories: [
        {
          gates: gates.map((g) => ({
            name: g.name,
            evidence: [
              { outcome: "fail", provenance: { kind: "command", source: g.source, observedAt: null } },
            ],
          })),
        },
      ],
    },
  } as unknown as ReadinessRun;
}

test("evidence is named by the gates bound to it", () => {
  const last = resultWith([
    { name: "Ready flag", source: "test -f ready.flag" },
    { name: "Other", source: "true" },
  ]);
  assert.deepEqual(describeProgress({ type: "start", key: "k", spec }, last), {
    key: "k",
    label: "Ready flag",
    state: "start",
  });
  const done = describeProgress(
    {
      type: "done",
      key: "k",
      spec,
      result: { outcome: "pass", provenance: { kind: "command", source: "x", observedAt: null } },
    },
    last,
  );
  assert.deepEqual(done, { key: "k", label: "Ready flag", state: "end", outcome: "pass" });
});

test("evidence no gate showed yet is named by its kind and source", () => {
  assert.equal(
    describeProgress({ type: "start", key: "k", spec }, undefined).label,
    "command: test -f ready.flag",
  );
});
