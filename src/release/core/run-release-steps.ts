import type { ReleaseProgress, ReleaseReport, ReleaseStep, StepName, StepState } from "../types.js";

/** What a step reports: one line, and what it reads and changes (listed in a dry run). */
export interface StepOutcome {
  summary: string;
  reads?: string[];
  changes?: string[];
}

/** What a step did when it ran: done unless it says otherwise. */
export interface StepResult extends StepOutcome {
  /** already-done: it found the work done as it went (a retried write); refused: the release stops here. */
  state?: "done" | "already-done" | "refused";
}

/** What a step finds when it looks before it acts. */
export type StepCheck =
  /** Nothing to do: done by an earlier run (or by hand), or not wanted or not possible here. */
  | ({ state: "already-done" | "skipped" } & StepOutcome)
  /**
   * Work left: what it would do (what a dry run lists), and doing it. A plan of null marks a step
   * that only reads, which a dry run runs too.
   */
  | { state: "to-do"; plan: StepOutcome | null; run: () => Promise<StepResult> };

/** One step of a release: it looks first, so that a release that stopped half-way resumes where it stopped. */
export interface ReleaseStepDefinition<S> {
  name: StepName;
  /** Whether the step is done, skipped or still to do, and how to do it. May note on the state what it found. */
  check(state: S): Promise<StepCheck>;
}

/**
 * Walks the steps in order: a step found done or skipped is recorded so and not run; in a dry run a
 * step that writes is recorded as planned; any other is run. Each entry goes into the report and to
 * onStep as the step ends. A refusal stops the rest, except in a dry run, which goes on to show what a
 * ready release would do; an error stops the rest and is thrown.
 */
export async function runReleaseSteps<S>(
  steps: readonly ReleaseStepDefinition<S>[],
  state: S,
  report: Pick<ReleaseReport, "dryRun" | "refused" | "steps">,
  progress: Pick<ReleaseProgress, "onStep"> = {},
): Promise<void> {
  for (const step of steps) {
    const found = await step.check(state);
    let entry: ReleaseStep;
    if (found.state !== "to-do") entry = entryOf(step.name, found.state, found);
    else if (report.dryRun && found.plan !== null) entry = entryOf(step.name, "planned", found.plan);
    else {
      const result = await found.run();
      entry = entryOf(step.name, result.state ?? "done", result);
    }
    report.steps.push(entry);
    progress.onStep?.(entry);
    if (entry.state === "refused") {
      report.refused = true;
      if (!report.dryRun) return;
    }
  }
}

function entryOf(name: StepName, state: StepState, outcome: StepOutcome): ReleaseStep {
  return {
    name,
    state,
    summary: outcome.summary,
    reads: outcome.reads ?? [],
    changes: outcome.changes ?? [],
  };
}
