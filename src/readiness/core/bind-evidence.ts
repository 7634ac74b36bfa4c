import type { ChecklistGate } from "../types.js";
import type { EvidenceSpec } from "../../evidence/types.js";
import type { Finding } from "../../types.js";
import type { GateRule } from "../../config/types.js";
import { matchGates } from "./match-gates.js";

export interface BindInput {
  gates: readonly ChecklistGate[];
  /** The category of each gate (same index); null for gates no category scores. */
  categoryOf: readonly (string | null)[];
  gateRules: readonly GateRule[];
  /** The config file's name, for findings. */
  configLabel: string | null;
}

/**
 * Which checklist gates are bound to which evidence, by gate index. Two rules naming one gate add up,
 * with a warning naming the line of each (often a copy left behind). A binding that matches no gate
 * (or gates in several categories) is a finding, and binds nothing.
 */
export function bindEvidence(input: BindInput): {
  bindings: Map<number, EvidenceSpec[]>;
  findings: Finding[];
} {
  const findings: Finding[] = [];
  const bindings = new Map<number, EvidenceSpec[]>();
  if (!input.gateRules.some((rule) => rule.evidence && rule.evidence.length > 0))
    return { bindings, findings };
  const candidates = input.gates.map((gate, index) => {
    const category = input.categoryOf[index];
    return category === null || category === undefined ? null : { name: gate.name, category, index };
  });
  const boundBy = new Map<number, GateRule[]>();
  for (const rule of input.gateRules) {
    if (!rule.evidence || rule.evidence.length === 0) continue;
    // A rule that also sets required: is matched (and reported) by assessGates; report it once.
    const sink = rule.required === undefined ? findings : [];
    const where = input.configLabel
      ? { file: input.configLabel, ...(rule.line ? { line: rule.line } : {}) }
      : {};
    for (const match of matchGates(candidates, rule, sink, where, "evidence")) {
      bindings.set(match.index, [...(bindings.get(match.index) ?? []), ...rule.evidence]);
      boundBy.set(match.index, [...(boundBy.get(match.index) ?? []), rule]);
    }
  }
  for (const [index, rules] of boundBy) {
    if (rules.length > 1) findings.push(duplicateBinding(input.gates[index]!, rules, input.configLabel));
  }
  return { bindings, findings };
}

function duplicateBinding(gate: ChecklistGate, rules: GateRule[], configLabel: string | null): Finding {
  const file = configLabel ?? "shipready.yml";
  const lines = rules.map((rule) => (rule.line ? `${file}:${rule.line}` : file));
  return {
    code: "duplicate-binding",
    message: `gate "${gate.name}" (line ${gate.line}) is bound to evidence by ${rules.length} entries (${lines.join(", ")}); all their evidence counts together. Keep one entry, listing every piece of evidence under it`,
    ...(configLabel ? { file: configLabel } : {}),
    ...(rules[1]!.line ? { line: rules[1]!.line } : {}),
  };
}
