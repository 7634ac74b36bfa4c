import type { Outcome, Provenance } from "../../types.js";
import type { MetricResult, Verdict } from "../types.js";

/** A gate outcome as a verification verdict: nothing pending or unknown ever passes. */
export function verdictOfOutcome(outcome: Outcome): Verdict {
  if (outcome === "fail") return "fail";
  if (outcome === "pending" || outcome === "inconclusive") return "inconclusive";
  return "pass";
}

/** A validation gate's check, collected once, as a result beside the metrics: one sample, 1 for a pass, 0 for a fail. */
export function checkResult(
  name: string,
  outcome: Outcome,
  provenance: Provenance,
  at: string,
): MetricResult {
  const verdict = verdictOfOutcome(outcome);
  const value = verdict === "pass" ? 1 : verdict === "fail" ? 0 : null;
  const said = provenance.message ? `: ${provenance.message}` : "";
  return {
    name,
    verdict,
    reason: `${provenance.source} (${provenance.kind}) ${outcome}${said}`,
    judgement: { min: 1, share: 1 },
    samples: [
      { at: provenance.observedAt ?? at, value, ...(provenance.message ? { note: provenance.message } : {}) },
    ],
  };
}

/** The verdict of several results: a fail fails, else anything not known is inconclusive, else a pass. */
export function overallVerdict(results: readonly { verdict: Verdict }[]): Verdict {
  if (results.some((r) => r.verdict === "fail")) return "fail";
  if (results.some((r) => r.verdict === "inconclusive")) return "inconclusive";
  return "pass";
}
