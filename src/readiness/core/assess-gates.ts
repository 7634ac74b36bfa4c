import type { AssessedGate, ChecklistGate } from "../types.js";
import type { CategoryRule, ConfiguredWaiver, GateRule } from "../../config/types.js";
import type { EvidenceResult } from "../../evidence/types.js";
import type { Finding, Outcome, Provenance } from "../../types.js";
import { matchGates } from "./match-gates.js";

/** An outcome established by evidence, replacing what the checklist says for one gate. */
export interface EvidenceOutcome {
  outcome: Outcome;
  provenance: Provenance;
  /** Every piece of evidence behind it. */
  results: EvidenceResult[];
}

export interface AssessInput {
  gates: readonly ChecklistGate[];
  /** The category of each gate (same index); null for gates no category scores. */
  categoryOf: readonly (string | null)[];
  categories: readonly CategoryRule[];
  gateRules: readonly GateRule[];
  waivers: readonly ConfiguredWaiver[];
  /** Today's date (YYYY-MM-DD, UTC), for waiver expiry. */
  today: string;
  /** How the checklist is named in provenance ("docs/release.md"). */
  checklistLabel: string;
  /** The config file's name, for findings about gate rules and waivers. */
  configLabel: string | null;
  /** Outcomes from evidence, by gate index. */
  evidence?: ReadonlyMap<number, EvidenceOutcome>;
}

const TO_DO: Partial<Record<Outcome, string>> = {
  fail: "fix it, then mark it PASS",
  pending: "finish it, then mark it PASS",
  warn: "resolve the warning, then mark it PASS",
  inconclusive: "write a known status in its cell (PASS, FAIL, PENDING, WARN or N/A)",
};

/**
 * Turns the checklist's gates into assessed gates: the written (or evidenced) outcome, whether the
 * gate is required, and waivers applied. Gates no category scores are left out.
 */
export function assessGates(input: AssessInput): { gates: AssessedGate[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const requiredCategories = new Set(input.categories.filter((c) => c.required).map((c) => c.name));
  const assessed: (AssessedGate | null)[] = input.gates.map((gate, i) => {
    const category = input.categoryOf[i];
    if (category === null || category === undefined) return null;
    const evidenced = input.evidence?.get(i);
    const outcome: Outcome = evidenced?.outcome ?? gate.writtenOutcome ?? "inconclusive";
    const provenance: Provenance = evidenced?.provenance ?? {
      kind: "checklist",
      source: `${input.checklistLabel}:${gate.line}`,
      observedAt: null,
      ...(TO_DO[outcome] ? { message: TO_DO[outcome] } : {}),
    };
    return {
      name: gate.name,
      category,
      line: gate.line,
      outcome,
      required: requiredCategories.has(category),
      provenance,
      ...(evidenced ? { evidence: evidenced.results } : {}),
      ...(gate.owner !== undefined ? { owner: gate.owner } : {}),
    };
  });

  const where = (line: number | undefined): Pick<Finding, "file" | "line"> =>
    input.configLabel ? { file: input.configLabel, ...(line ? { line } : {}) } : {};

  // A rule that only binds evidence has nothing to apply here; bindEvidence reports where it matches nothing.
  for (const rule of input.gateRules.filter((r) => r.required !== undefined)) {
    const matches = matchGates(assessed, rule, findings, where(rule.line), "gate setting");
    if (rule.required !== undefined) for (const gate of matches) gate.required = rule.required;
  }

  for (const waiver of input.waivers) {
    const matches = matchGates(assessed, waiver, findings, where(waiver.line), "waiver");
    if (matches.length === 0) continue;
    if (waiver.expires < input.today) {
      findings.push({
        code: "waiver-expired",
        message: `the waiver for "${waiver.gate}" (approved by ${waiver.approver}) expired on ${waiver.expires} and no longer counts; renew its expires date or remove it`,
        ...where(waiver.line),
      });
      continue;
    }
    for (const gate of matches) {
      if (gate.outcome === "pass" || gate.outcome === "n/a") continue;
      gate.underlyingOutcome = gate.outcome;
      gate.outcome = "waived";
      gate.waiver = {
        gate: waiver.gate,
        reason: waiver.reason,
        approver: waiver.approver,
        expires: waiver.expires,
      };
      if (waiver.category !== undefined) gate.waiver.category = waiver.category;
    }
  }
  return { gates: assessed.filter((g): g is AssessedGate => g !== null), findings };
}
