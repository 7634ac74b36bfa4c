import { judgePreflight, type PreflightVerdict } from "./core/judge-preflight.js";
import type { ReadinessPorts } from "./ports.js";
import { runReadiness } from "./run-readiness.js";
import type { ReadinessOptions, ReadinessRun } from "./types.js";

/** What preflight is told: where the checklist and config are, and how to report progress. */
export type PreflightOptions = Pick<
  ReadinessOptions,
  "cwd" | "checklist" | "config" | "signal" | "onEvidence" | "commit"
>;

export interface PreflightRun {
  run: ReadinessRun;
  verdict: PreflightVerdict;
}

/**
 * The release's gates judged on this clone's evidence alone, before a push: the readiness run in
 * check mode, collecting local evidence only (nothing is written, no history, no GitHub), then
 * judged by judgePreflight.
 */
export async function runPreflight(options: PreflightOptions, ports: ReadinessPorts): Promise<PreflightRun> {
  const run = await runReadiness({ ...options, mode: "check", evidence: true, localOnly: true }, ports);
  return { run, verdict: judgePreflight(run.readiness) };
}
