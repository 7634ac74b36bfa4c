import { isLocalKind } from "../../evidence/core/evidence-reach.js";
import type { Outcome } from "../../types.js";
import type { AssessedGate, Readiness } from "../types.js";
import { combineEvidence } from "./combine-evidence.js";

/** A gate judged on the evidence this clone holds. */
export interface PreflightGate {
  name: string;
  category: string;
  line: number;
  required: boolean;
  /** The outcome of the gate's local evidence alone (waived when a waiver covers the gate). */
  outcome: Outcome;
  /** What the deciding evidence says to do; absent on a pass. */
  message?: string;
  /** Where the deciding evidence came from (command, file, report). */
  source: string;
  kind: string;
  /** Extra lines the deciding evidence kept (a command's last lines, failing tests). */
  details?: string[];
}

/** What preflight found: the gates that would block the release, those that warn, and what it did not check. */
export interface PreflightVerdict {
  /** true when no gate blocks on local evidence. */
  ok: boolean;
  blocking: PreflightGate[];
  /** Local evidence that is not a pass yet does not block (a warn; an inconclusive gate that is not required). */
  notes: PreflightGate[];
  passing: PreflightGate[];
  /** Gates bound only to evidence that needs the network (GitHub, HTTP): not checked, with their kinds. */
  unchecked: Array<{ name: string; category: string; line: number; kinds: string[] }>;
  /** Gates bound to no evidence: their written status is not checked by preflight. */
  unbound: number;
}

/**
 * Judges a readiness run made with local evidence only. A gate blocks when its local evidence
 * fails, or, for a required gate, when its local evidence is anything but a pass or a warn (the
 * release's veto). A waived gate never blocks. The part of a gate's evidence that needs the network
 * is reported as not checked; a gate's written status is not evidence, so it is not judged.
 */
export function judgePreflight(readiness: Readiness): PreflightVerdict {
  const verdict: PreflightVerdict = {
    ok: true,
    blocking: [],
    notes: [],
    passing: [],
    unchecked: [],
    unbound: 0,
  };
  for (const category of readiness.categories) {
    for (const gate of category.gates) judgeGate(gate, verdict);
  }
  verdict.ok = verdict.blocking.length === 0;
  return verdict;
}

function judgeGate(gate: AssessedGate, verdict: PreflightVerdict): void {
  if (!gate.evidence || gate.evidence.length === 0) {
    verdict.unbound++;
    return;
  }
  const local = gate.evidence.filter((result) => isLocalKind(result.provenance.kind));
  const remote = gate.evidence.filter((result) => !local.includes(result));
  if (local.length === 0) {
    verdict.unchecked.push({
      name: gate.name,
      category: gate.category,
      line: gate.line,
      kinds: [...new Set(remote.map((r) => r.provenance.kind))],
    });
    return;
  }
  const decided = combineEvidence(local);
  const deciding = local.find((r) => r.provenance === decided.provenance)!;
  const waived = gate.outcome === "waived";
  const judged: PreflightGate = {
    name: gate.name,
    category: gate.category,
    line: gate.line,
    required: gate.required,
    outcome: waived ? "waived" : decided.outcome,
    source: decided.provenance.source,
    kind: decided.provenance.kind,
    ...(decided.provenance.message !== undefined && { message: decided.provenance.message }),
    ...(deciding.details !== undefined && { details: deciding.details }),
  };
  const outcome = judged.outcome;
  if (outcome === "pass" || outcome === "waived" || outcome === "n/a") verdict.passing.push(judged);
  else if (outcome === "fail" || (gate.required && outcome !== "warn")) verdict.blocking.push(judged);
  else verdict.notes.push(judged);
}
