import type { CategoryRule, ShipreadyConfig } from "../../config/types.js";
import { InputError, NoGatesError } from "../../errors.js";
import { describeSkipRule, GATE_SHAPES } from "./describe-skip-rule.js";
import { evidenceKey } from "../../evidence/core/evidence-key.js";
import type { EvidenceResult, EvidenceSpec } from "../../evidence/types.js";
import type { Finding } from "../../types.js";
import type { ParsedChecklist, Readiness } from "../types.js";
import { assessGates, type EvidenceOutcome } from "./assess-gates.js";
import { bindEvidence } from "./bind-evidence.js";
import { combineEvidence } from "./combine-evidence.js";
import { findClaims } from "./find-claims.js";
import { parseChecklist } from "./parse-checklist.js";
import { resolveCategories, type CategorySource, type UnscoredHeading } from "./resolve-categories.js";
import { scoreReadiness } from "./score-readiness.js";

/** What the checklist and its config say before any evidence: how a run names things in messages. */
export interface ChecklistContext {
  config: ShipreadyConfig;
  /** The checklist's path as shown in messages. */
  label: string;
  /** shipready.yml's path as shown in messages; null with the embedded defaults. */
  configLabel: string | null;
  /** The categories used when neither config nor headings name any (the seed's four). */
  seedCategories: readonly CategoryRule[];
}

/** The checklist parsed, its gates put in categories and bound to the evidence config names. */
export interface PreparedChecklist {
  source: string;
  parsed: ParsedChecklist;
  resolved: ReturnType<typeof resolveCategories>;
  bound: ReturnType<typeof bindEvidence>;
}

/** The parse and bind steps; throws InputError when the checklist cannot be used as it is. */
export function prepareChecklist(source: string, context: ChecklistContext): PreparedChecklist {
  const { label, config, configLabel } = context;
  const parsed = parseChecklist(source, { statuses: config.statuses, matrix: config.matrix });
  if (parsed.errors.length > 0) {
    throw new InputError(
      `${label} cannot be used as it is:\n${parsed.errors.map((e) => `  ${label}:${e.line}: ${e.message}`).join("\n")}`,
      "Fix what each line says, then run again; nothing was written.",
    );
  }
  if (parsed.gates.length === 0) throw noGates(label, parsed);
  if (parsed.gates.length > config.limits.gates) {
    throw new InputError(
      `${label} has ${parsed.gates.length} gates, beyond the limit of ${config.limits.gates}; nothing was written`,
      "If the checklist really has that many gates, raise limits.gates in shipready.yml.",
    );
  }
  const resolved = resolveCategories(parsed.gates, config.categories, context.seedCategories);
  const bound = bindEvidence({
    gates: parsed.gates,
    categoryOf: resolved.categoryOf,
    gateRules: config.gates,
    configLabel,
  });
  return { source, parsed, resolved, bound };
}

function noGates(label: string, parsed: ParsedChecklist): NoGatesError {
  const seen = parsed.skipped.slice(0, 5).map((p) => `  ${label}:${p.line}: ${describeSkipRule(p.rule)}`);
  const more = parsed.skipped.length > 5 ? [`  … and ${parsed.skipped.length - 5} more`] : [];
  return new NoGatesError(
    [
      `${label} has no gates: nothing in it has a shape shipready reads as one. It reads:`,
      ...GATE_SHAPES.map((shape) => `  - ${shape}`),
      ...(seen.length > 0 ? ["Places that show a status but are not gates:", ...seen, ...more] : []),
    ].join("\n"),
    "If this is the checklist, give its gates one of those shapes; otherwise name the checklist to read, or run `shipready init` for a starter checklist.",
  );
}

/** A checklist assessed and scored: what the score, the verdict and the rewrite are drawn from. */
export interface EvaluatedChecklist {
  source: string;
  parsed: ParsedChecklist;
  categories: CategorySource;
  readiness: Readiness;
  warnings: Finding[];
  unscored: UnscoredHeading[];
  /** Per gate index, the evidence bound to it and what it found. */
  evidenced: Map<number, EvidenceOutcome>;
}

/**
 * The assess and score steps. `results` is the evidence collected, by evidenceKey; null when the run
 * scores the written statuses only.
 */
export function evaluateChecklist(
  prepared: PreparedChecklist,
  input: {
    context: ChecklistContext;
    results: ReadonlyMap<string, EvidenceResult> | null;
    /** The run's time (ISO): waivers expire against its date. */
    now: string;
    threshold?: number;
    configWarnings: readonly Finding[];
  },
): EvaluatedChecklist {
  const { parsed, resolved, bound, source } = prepared;
  const { config, label, configLabel } = input.context;
  const evidenced = new Map<number, EvidenceOutcome>();
  if (input.results) {
    for (const [index, specs] of bound.bindings) {
      const found = specs.map((spec) => input.results!.get(evidenceKey(spec)) ?? changedMeanwhile(spec));
      evidenced.set(index, { ...combineEvidence(found), results: found });
    }
  }
  const assessed = assessGates({
    gates: parsed.gates,
    categoryOf: resolved.categoryOf,
    categories: resolved.categories,
    gateRules: config.gates,
    waivers: config.waivers,
    today: input.now.slice(0, 10),
    checklistLabel: label,
    configLabel,
    evidence: evidenced,
  });
  const readiness = scoreReadiness(assessed.gates, {
    categories: resolved.categories,
    bands: config.bands,
    threshold: input.threshold ?? config.threshold,
    inconclusive: config.inconclusive,
  });
  const emptyCategories: Finding[] = readiness.categories
    .filter((c) => c.gates.length === 0 && resolved.source === "configured")
    .map((c) => ({
      code: "empty-category",
      message: `category "${c.name}" matches no heading that holds gates in ${label}, so it is not scored; check its heading: in shipready.yml`,
      ...(configLabel ? { file: configLabel } : {}),
    }));
  const warnings = [
    ...parsed.findings,
    ...input.configWarnings,
    ...emptyCategories,
    ...bound.findings,
    ...assessed.findings,
    ...findClaims(parsed.prose, readiness, resolved.categories),
  ];
  return {
    source,
    parsed,
    categories: resolved.source,
    readiness,
    warnings,
    unscored: resolved.unscored,
    evidenced,
  };
}

/** A binding that was not there when evidence was collected: the checklist changed during the run. */
function changedMeanwhile(spec: EvidenceSpec): EvidenceResult {
  return {
    outcome: "inconclusive",
    provenance: {
      kind: spec.kind,
      source: spec.kind,
      observedAt: null,
      message: "the checklist changed while evidence was being collected; run again",
    },
  };
}
