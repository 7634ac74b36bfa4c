import type { CiRun, CiSnapshot, CiSnapshotSettings, CiWorkflow } from "../types.js";

/** Conclusions that say nothing about the code: they are left out of pass rates. */
const NOT_COUNTED = new Set(["cancelled", "skipped", "neutral", "stale"]);

export interface SummarizeCiInput {
  repo: string;
  branch: string;
  actionsUrl: string;
  observedAt: string;
  workflows: readonly CiWorkflow[];
  settings: Pick<CiSnapshotSettings, "healthy" | "degraded">;
}

/**
 * The CI snapshot from recent runs: per workflow the last run, its duration and the pass rate, and the
 * overall health by success rate (the seed's HEALTHY / DEGRADED / FAILING). Cancelled and skipped runs
 * do not count either way; runs still going count once they finish.
 */
export function summarizeCi(input: SummarizeCiInput): CiSnapshot {
  let passed = 0;
  let counted = 0;
  const workflows = input.workflows.map((workflow) => {
    const finished = workflow.runs.filter(
      (run) => run.conclusion !== null && !NOT_COUNTED.has(run.conclusion),
    );
    const ok = finished.filter((run) => run.conclusion === "success").length;
    passed += ok;
    counted += finished.length;
    const last = workflow.runs[0] ?? null;
    const lastFinished = workflow.runs.find((run) => run.conclusion !== null) ?? null;
    return {
      name: workflow.name,
      url: workflow.url,
      last,
      durationMs: lastFinished ? durationOf(lastFinished) : null,
      passRate: finished.length === 0 ? null : round1((ok / finished.length) * 100),
      passed: ok,
      counted: finished.length,
      runs: [...workflow.runs],
    };
  });
  const successRate = counted === 0 ? null : round1((passed / counted) * 100);
  return {
    repo: input.repo,
    branch: input.branch,
    actionsUrl: input.actionsUrl,
    observedAt: input.observedAt,
    workflows,
    successRate,
    health: healthOf(successRate, input.settings),
    passed,
    counted,
  };
}

function healthOf(rate: number | null, levels: SummarizeCiInput["settings"]): CiSnapshot["health"] {
  if (rate === null) return "UNKNOWN";
  if (rate >= levels.healthy) return "HEALTHY";
  if (rate >= levels.degraded) return "DEGRADED";
  return "FAILING";
}

function durationOf(run: CiRun): number | null {
  const ms = Date.parse(run.updatedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
