import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { fingerprintFinding, severityOf, type SarifResultFacts } from "./classify-sarif-finding.js";

const result = (facts: Partial<SarifResultFacts>): SarifResultFacts => ({
  ruleId: "r",
  suppressed: false,
  ...facts,
});

test("security-severity maps as GitHub code scanning maps it; without it the level decides", () => {
  const cases: [
    Partial<SarifResultFacts>,
    { securitySeverity?: unknown; level?: string } | undefined,
    string,
  ][] = [
    [{}, { securitySeverity: "9.8" }, "critical"],
    [{}, { securitySeverity: "9.0" }, "critical"],
    [{}, { securitySeverity: "8.9" }, "high"],
    [{}, { securitySeverity: 7 }, "high"],
    [{}, { securitySeverity: "6.9" }, "medium"],
    [{}, { securitySeverity: "4.0" }, "medium"],
    [{}, { securitySeverity: "3.9" }, "low"],
    [{}, { securitySeverity: "0.1" }, "low"],
    [{}, { securitySeverity: "0.0" }, "none"],
    [{ securitySeverity: "9.1" }, { securitySeverity: "2.0" }, "critical"],
    [{ level: "error" }, { securitySeverity: "not a number" }, "high"],
    [{ level: "error" }, undefined, "high"],
    [{ level: "warning" }, undefined, "medium"],
    [{ level: "note" }, undefined, "low"],
    [{ level: "none" }, undefined, "none"],
    [{}, { level: "error" }, "high"],
    [{ level: "note" }, { level: "error" }, "low"],
    // SARIF's default level is warning.
    [{}, undefined, "medium"],
    [{ kind: "pass", level: "error" }, undefined, "none"],
    [{ kind: "fail", level: "error" }, undefined, "high"],
    [{ suppressed: true }, { securitySeverity: "9.8" }, "none"],
  ];
  for (const [facts, rule, expected] of cases) {
    assert.equal(
      severityOf(result(facts), rule ? { id: "r", ...rule } : undefined),
      expected,
      JSON.stringify([facts, rule]),
    );
  }
});

test("fingerprints follow partialFingerprints whatever their order, else rule and location", () => {
  const a = fingerprintFinding(result({ partialFingerprints: { x: "1", y: "2" }, uri: "a.js", line: 1 }));
  const b = fingerprintFinding(result({ partialFingerprints: { y: "2", x: "1" }, uri: "b.js", line: 9 }));
  assert.equal(a, b, "a finding that moved keeps its partial fingerprints");
  assert.match(a, /^[0-9a-f]{16}$/);
  const located = fingerprintFinding(result({ uri: "a.js", line: 1 }));
  assert.notEqual(located, fingerprintFinding(result({ uri: "a.js", line: 2 })));
  assert.notEqual(located, fingerprintFinding(result({ ruleId: "other", uri: "a.js", line: 1 })));
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.nat(), (rule, uri, line) => {
      const facts = result({ ruleId: rule, uri, line });
      return fingerprintFinding(facts) === fingerprintFinding({ ...facts });
    }),
  );
});
