import assert from "node:assert/strict";
import { test } from "node:test";
import type { EvidenceResult } from "../../evidence/types.js";
import type { Outcome } from "../../types.js";
import type { AssessedGate, Readiness } from "../types.js";
import { judgePreflight } from "./judge-preflight.js";

function result(kind: string, outcome: Outcome, message?: string): EvidenceResult {
  return {
    outcome,
    provenance: { kind, source: `${kind} source`, observedAt: null, ...(message && { message }) },
  };
}

function gate(
  name: string,
  evidence: EvidenceResult[] | undefined,
  extra: Partial<AssessedGate> = {},
): AssessedGate {
  return {
    name,
    category: "Core",
    line: 1,
    outcome: "pending",
    required: false,
    provenance: { kind: "checklist", source: "x", observedAt: null },
    ...(evidence && { evidence }),
    ...extra,
  };
}

function readinessOf(gates: AssessedGate[]): Readiness {
  return { categories: [{ gates }] } as unknown as Readiness;
}

test("a gate is judged on its local evidence; network evidence is reported as not checked", () => {
  const verdict = judgePreflight(
    readinessOf([
      gate("tests", [result("junit", "pass"), result("github-actions", "inconclusive")]),
      gate("lint", [result("command", "fail", "exit 1")]),
      gate("ci", [result("github-checks", "inconclusive"), result("http", "inconclusive")]),
      gate("perf", [result("command", "warn")]),
      gate("docs", undefined),
      gate("coverage", [result("coverage", "inconclusive")]),
      gate("required coverage", [result("coverage", "inconclusive")], { required: true }),
      gate("waived", [result("command", "fail")], { outcome: "waived" }),
      gate("hooks in CI", [result("hooks", "n/a")], { required: true }),
    ]),
  );
  assert.equal(verdict.ok, false);
  assert.deepEqual(
    verdict.blocking.map((g) => [g.name, g.outcome, g.message]),
    [
      ["lint", "fail", "exit 1"],
      ["required coverage", "inconclusive", undefined],
    ],
  );
  assert.deepEqual(
    verdict.notes.map((g) => g.name),
    ["perf", "coverage"],
  );
  assert.deepEqual(
    verdict.passing.map((g) => [g.name, g.outcome]),
    [
      ["tests", "pass"],
      ["waived", "waived"],
      ["hooks in CI", "n/a"],
    ],
  );
  assert.deepEqual(verdict.unchecked, [
    { name: "ci", category: "Core", line: 1, kinds: ["github-checks", "http"] },
  ]);
  assert.equal(verdict.unbound, 1);
});

test("nothing bound to evidence, nothing blocks", () => {
  const verdict = judgePreflight(readinessOf([gate("a", undefined, { outcome: "fail", required: true })]));
  assert.equal(verdict.ok, true);
  assert.equal(verdict.unbound, 1);
});
