/**
 * A verification's verdict from its metrics' results.
 *
 * - Critical metrics decide (the default): any critical metric failed -> fail; else any critical
 *   metric inconclusive -> inconclusive; else pass. A critical failure overrides whatever the
 *   others say.
 * - A metric marked `critical: false` is advisory: its result is shown and kept, and the reason
 *   names it when it failed (or, beside a pass, had no outcome), but it does not decide. When no metric is critical, every metric decides: a
 *   verification that nothing can fail would be a pass without evidence.
 * - An inconclusive verdict then goes through the stage's policy: `rollback` keeps it inconclusive
 *   (the deploy rolls back on it), `fail` makes it a fail, `pass-with-warning` a pass whose reason
 *   starts with the warning. No metric at all is inconclusive, whatever the policy.
 */
import type { StageSpec } from "../types.js";
import type { MetricResult, Verdict } from "../types.js";
import { worseVerdict } from "./judge-metric.js";

export interface CombinedResult {
  verdict: Verdict;
  metrics: MetricResult[];
  reason: string;
}

export function combineMetricResults(
  results: MetricResult[],
  critical: ReadonlySet<string>,
  policy: StageSpec["inconclusive"],
): CombinedResult {
  if (results.length === 0) {
    return { verdict: "inconclusive", metrics: results, reason: "no metric to verify" };
  }
  const deciding = critical.size === 0 ? results : results.filter((r) => critical.has(r.name));
  const advisory = results.filter((r) => !deciding.includes(r));
  const raw = deciding.reduce<Verdict>((verdict, r) => worseVerdict(verdict, r.verdict), "pass");
  const reason = describe(raw, deciding, advisory);
  if (raw !== "inconclusive" || policy === "rollback") return { verdict: raw, metrics: results, reason };
  if (policy === "fail") {
    return {
      verdict: "fail",
      metrics: results,
      reason: `inconclusive, which this stage counts as a failure: ${reason}`,
    };
  }
  return {
    verdict: "pass",
    metrics: results,
    reason: `passed with a warning (this stage lets an inconclusive verification pass): ${reason}`,
  };
}

function describe(verdict: Verdict, deciding: MetricResult[], advisory: MetricResult[]): string {
  const line = (r: MetricResult) => `${r.name}: ${r.reason}`;
  // An advisory metric that failed is always told; one without an outcome only beside a pass (when
  // the verification failed, it was most likely stopped by the failure).
  const notes = advisory
    .filter((r) => r.verdict === "fail" || (r.verdict === "inconclusive" && verdict === "pass"))
    .map((r) => `${r.name} (advisory) ${r.verdict === "fail" ? "failed" : "was inconclusive"}: ${r.reason}`);
  const withNotes = (text: string) => [text, ...notes].join("; ");
  if (verdict === "pass") {
    const count = deciding.length;
    return withNotes(count === 1 ? `${deciding[0]!.name} passed` : `all ${count} metrics passed`);
  }
  return withNotes(
    deciding
      .filter((r) => r.verdict === verdict)
      .map(line)
      .join("; "),
  );
}
