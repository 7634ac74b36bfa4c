import assert from "node:assert/strict";
import { test } from "node:test";
import type { CategoryRule } from "../../config/types.js";
import type { ChecklistGate } from "../types.js";
import type { Outcome } from "../../types.js";
import { assessGates, type AssessInput } from "./assess-gates.js";

function gate(name: string, heading: string, outcome: Outcome | null, line: number): ChecklistGate {
  return {
    name,
    heading,
    headingLine: 1,
    headingPath: [heading],
    line,
    form: "table-row",
    statusText: outcome ?? "??",
    writtenOutcome: outcome,
  };
}

const categories: CategoryRule[] = [
  { name: "Core Gates", headings: ["Core"], weight: 50, required: true },
  { name: "Optional Gates", headings: ["Optional"], weight: 20, required: false },
];

function input(extra: Partial<AssessInput>): AssessInput {
  const gates = [
    gate("🔒 Security Audit", "Core", "pending", 10),
    gate("Load Testing", "Optional", "fail", 20),
    gate("Smoke", "Core", "pass", 11),
    gate("Smoke", "Optional", null, 21),
  ];
  return {
    gates,
    categoryOf: ["Core Gates", "Optional Gates", "Core Gates", "Optional Gates"],
    categories,
    gateRules: [],
    waivers: [],
    today: "2026-11-22",
    checklistLabel: "release.md",
    configLabel: "shipready.yml",
    ...extra,
  };
}

test("gates take their category's required flag and the written outcome, unreadable ones are inconclusive", () => {
  const { gates } = assessGates(input({}));
  assert.deepEqual(
    gates.map((g) => [g.category, g.outcome, g.required]),
    [
      ["Core Gates", "pending", true],
      ["Optional Gates", "fail", false],
      ["Core Gates", "pass", true],
      ["Optional Gates", "inconclusive", false],
    ],
  );
  assert.equal(gates[0]!.provenance.source, "release.md:10");
  assert.match(gates[0]!.provenance.message!, /finish it/);
});

test("a waiver in force turns a failing gate into waived and keeps what it was", () => {
  const { gates, findings } = assessGates(
    input({
      waivers: [
        {
          gate: "load testing",
          reason: "soak run covers it",
          approver: "@qa",
          expires: "2026-11-22",
          line: 7,
        },
      ],
    }),
  );
  const load = gates.find((g) => g.name === "Load Testing")!;
  assert.equal(load.outcome, "waived");
  assert.equal(load.underlyingOutcome, "fail");
  assert.equal(load.waiver?.approver, "@qa");
  assert.deepEqual(findings, []);
});

test("an expired waiver stops counting and says so, with its line in shipready.yml", () => {
  const { gates, findings } = assessGates(
    input({
      waivers: [{ gate: "Load Testing", reason: "r", approver: "@qa", expires: "2026-11-21", line: 7 }],
    }),
  );
  assert.equal(gates.find((g) => g.name === "Load Testing")!.outcome, "fail");
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.code, "waiver-expired");
  assert.equal(findings[0]!.file, "shipready.yml");
  assert.equal(findings[0]!.line, 7);
  assert.match(findings[0]!.message, /expired on 2026-11-21/);
});

test("a gate setting names a gate by its name as written, emoji and case aside", () => {
  const { gates } = assessGates(input({ gateRules: [{ gate: "load testing", required: true }] }));
  assert.equal(gates.find((g) => g.name === "Load Testing")!.required, true);
});

test("a name found under two categories is ambiguous until a category is given", () => {
  const ambiguous = assessGates(input({ gateRules: [{ gate: "Smoke", required: false, line: 3 }] }));
  assert.equal(ambiguous.findings[0]!.code, "ambiguous-gate");
  assert.equal(
    ambiguous.gates.find((g) => g.name === "Smoke" && g.category === "Core Gates")!.required,
    true,
  );
  const named = assessGates(
    input({ gateRules: [{ gate: "Smoke", category: "Core Gates", required: false }] }),
  );
  assert.deepEqual(named.findings, []);
  assert.equal(named.gates.find((g) => g.name === "Smoke" && g.category === "Core Gates")!.required, false);
});

test("settings and waivers for gates the checklist does not have are reported, not ignored", () => {
  const { findings } = assessGates(
    input({ waivers: [{ gate: "Pen Test", reason: "r", approver: "@a", expires: "2027-01-01", line: 9 }] }),
  );
  assert.equal(findings[0]!.code, "unknown-gate");
  assert.equal(findings[0]!.line, 9);
});

test("gates no category scores are left out", () => {
  const { gates } = assessGates(input({ categoryOf: [null, "Optional Gates", null, null] }));
  assert.deepEqual(
    gates.map((g) => g.name),
    ["Load Testing"],
  );
});

test("a gate's owner, when the checklist names one, goes with the assessed gate", () => {
  const base = input({});
  const owned = {
    ...base,
    gates: base.gates.map((g, i) => (i === 0 ? { ...g, owner: "@security-team" } : g)),
  };
  const { gates } = assessGates(owned);
  assert.equal(gates[0]!.owner, "@security-team");
  assert.ok(!("owner" in gates[1]!), "no owner column: no owner field");
});
