import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChecklistGate } from "../types.js";
import type { EvidenceSpec, EvidenceResult } from "../../evidence/types.js";
import { bindEvidence } from "./bind-evidence.js";
import { combineEvidence } from "./combine-evidence.js";

function gate(name: string, line: number): ChecklistGate {
  return {
    name,
    heading: "h",
    headingLine: 1,
    headingPath: ["h"],
    line,
    form: "table-row",
    statusText: "PASS",
    writtenOutcome: "pass",
  };
}

const junit: EvidenceSpec = { kind: "junit", files: "reports/*.xml", minTests: 1, timeoutMs: 1000 };
const command: EvidenceSpec = { kind: "command", run: "true", timeoutMs: 1000 };

const gates = [gate("🧪 Build & Unit Tests", 5), gate("Smoke", 6), gate("Smoke", 9), gate("Docs", 12)];
const categoryOf = ["Core Gates", "Core Gates", "Optional Gates", null];

test("a binding finds its gate by name (emoji and case ignored); two rules for one gate add up, with a warning naming both", () => {
  const { bindings, findings } = bindEvidence({
    gates,
    categoryOf,
    gateRules: [
      { gate: "build & unit tests", evidence: [junit], line: 3 },
      { gate: "Build & Unit Tests", category: "Core Gates", evidence: [command], line: 8 },
    ],
    configLabel: "shipready.yml",
  });
  assert.deepEqual([...bindings], [[0, [junit, command]]]);
  assert.deepEqual(
    findings.map((f) => [f.code, f.file, f.line]),
    [["duplicate-binding", "shipready.yml", 8]],
  );
  assert.match(findings[0]!.message, /bound to evidence by 2 entries \(shipready\.yml:3, shipready\.yml:8\)/);
});

test("one rule binding a gate gives no duplicate warning", () => {
  const { findings } = bindEvidence({
    gates,
    categoryOf,
    gateRules: [
      { gate: "Docs", evidence: [junit], line: 3 },
      { gate: "build & unit tests", evidence: [junit] },
    ],
    configLabel: "shipready.yml",
  });
  assert.ok(!findings.some((f) => f.code === "duplicate-binding"));
});

test("a binding to a gate that is not in the checklist, or not scored, is a finding with the config line", () => {
  const { bindings, findings } = bindEvidence({
    gates,
    categoryOf,
    gateRules: [
      { gate: "Load Testing", evidence: [junit], line: 7 },
      { gate: "Docs", evidence: [junit], line: 9 },
    ],
    configLabel: "shipready.yml",
  });
  assert.equal(bindings.size, 0);
  assert.deepEqual(
    findings.map((f) => [f.code, f.file, f.line]),
    [
      ["unknown-gate", "shipready.yml", 7],
      ["unknown-gate", "shipready.yml", 9],
    ],
  );
  assert.match(findings[0]!.message, /evidence for "Load Testing" matches no scored gate/);
});

test("an ambiguous name binds nothing until category: says which", () => {
  const ambiguous = bindEvidence({
    gates,
    categoryOf,
    gateRules: [{ gate: "Smoke", evidence: [command] }],
    configLabel: null,
  });
  assert.equal(ambiguous.bindings.size, 0);
  assert.match(ambiguous.findings[0]!.message, /Core Gates and Optional Gates; add category:/);
  const chosen = bindEvidence({
    gates,
    categoryOf,
    gateRules: [{ gate: "Smoke", category: "optional gates", evidence: [command] }],
    configLabel: null,
  });
  assert.deepEqual([...chosen.bindings.keys()], [2]);
});

test("a rule that also sets required: is reported once, by assessGates, not here", () => {
  const { findings } = bindEvidence({
    gates,
    categoryOf,
    gateRules: [{ gate: "Nope", required: true, evidence: [command] }],
    configLabel: null,
  });
  assert.deepEqual(findings, []);
});

function result(outcome: EvidenceResult["outcome"], source: string): EvidenceResult {
  return { outcome, provenance: { kind: "junit", source, observedAt: null } };
}

test("the worst evidence decides: a failure beats missing evidence, missing evidence beats a pass", () => {
  assert.equal(combineEvidence([result("pass", "a"), result("fail", "b")]).provenance.source, "b");
  assert.equal(combineEvidence([result("pass", "a"), result("inconclusive", "b")]).outcome, "inconclusive");
  assert.equal(combineEvidence([result("inconclusive", "a"), result("fail", "b")]).outcome, "fail");
  assert.equal(combineEvidence([result("warn", "a"), result("pending", "b")]).outcome, "pending");
  assert.equal(combineEvidence([result("n/a", "a"), result("pass", "b")]).outcome, "pass");
  // Equals: the first listed decides.
  assert.equal(combineEvidence([result("fail", "a"), result("fail", "b")]).provenance.source, "a");
});
