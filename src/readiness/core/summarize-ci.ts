import type { CiHealth, CiRun, CiSnapshot, CiWorkflow } from "../types.js";

/** Conclusions that say nothing about the code: they are left out of pass rates and of the health. */
const NOT_COUNTED = new Set(["cancelled", "skipped", "neutral", "stale"]);

export interface SummarizeCiInput {
  repo: string;
  branch: string;
  actionsUrl: string;
  observedAt: string;
  workflows: readonly CiWorkflow[];
}

/**
 * The CI snapshot from recent runs: per workflow the last run, its duration and the pass rate, and the
 * overall health from each workflow's latest finished run on the branch (the seed's HEALTHY / DEGRADED
 * / FAILING): every latest run succeeded is HEALTHY; some failed, but fewer than half of the workflows,
 * is DEGRADED; half or more is FAILING. A pass rate pooled over all runs would let one busy green
 * workflow hide several red ones, so it is kept as information only. Cancelled and skipped runs do not
 * count either way; runs still going count once they finish.
 */
export function summarizeCi(input: SummarizeCiInput): CiSnapshot {
  let passed = 0;
  let counted = 0;
  let workflowsFinished = 0;
  let workflowsFailing = 0;
  const workflows = input.workflows.map((workflow) => {
    const finished = workflow.runs.filter(counts);
    const ok = finished.filter((run) => run.conclusion === "success").length;
    passed += ok;
    counted += finished.length;
    const latest = finished[0] ?? null;
    if (latest) {
      workflowsFinished++;
      if (latest.conclusion !== "success") workflowsFailing++;
    }
    const last = workflow.runs[0] ?? null;
    const lastFinished = workflow.runs.find((run) => run.conclusion !== null) ?? null;
    return {
      name: workflow.name,
      url: workflow.url,
      last,
      latest,
      durationMs: lastFinished ? durationOf(lastFinished) : null,
      passRate: finished.length === 0 ? null : round1((ok / finished.length) * 100),
      passed: ok,
      counted: finished.length,
      runs: [...workflow.runs],
    };
  });
  return {
    repo: input.repo,
    branch: input.branch,
    actionsUrl: input.actionsUrl,
    observedAt: input.observedAt,
    workflows,
    successRate: counted === 0 ? null : round1((passed / counted) * 100),
    health: healthOf(workflowsFailing, workflowsFinished),
    workflowsFailing,
    workflowsFinished,
    passed,
    counted,
  };
}

/** A finished run whose conclusion says something about the code. */
function counts(run: CiRun): boolean {
  return run.conclusion !== null && !NOT_COUNTED.has(run.conclusion);
}

function healthOf(failing: number, finished: number): CiHealth {
  if (finished === 0) return "UNKNOWN";
  if (failing === 0) return "HEALTHY";
  return failing * 2 < finished ? "DEGRADED" : "FAILING";
}

function durationOf(run: CiRun): number | null {
  const ms = Date.parse(run.updatedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
