import { changelogStep } from "./changelog-step.js";
import { checkBeforeWriting } from "./check-before-writing.js";
import { choosePackageTargets } from "./choose-package-targets.js";
import { chooseReleaseTarget, type ReleaseTarget } from "./choose-release-target.js";
import { readReleasePleaseSetup } from "./read-release-please-setup.js";
import { commitStep } from "./commit-step.js";
import { runReleaseSteps, type ReleaseStepDefinition } from "./core/run-release-steps.js";
import { githubReleaseStep } from "./github-release-step.js";
import { locateRelease } from "./locate-release.js";
import type { ReleasePorts } from "./ports.js";
import { ExitCode, PartlyDoneError, ShipreadyError, UsageError } from "../errors.js";
import { pushStep } from "./push-step.js";
import { readinessStep } from "./readiness-step.js";
import type { ReleaseState } from "./release-state.js";
import { tagStep } from "./tag-step.js";
import type { ReleaseOptions, ReleaseProgress, ReleaseReport } from "./types.js";
import { writeFilesStep } from "./write-files-step.js";

export type { ReleasePorts } from "./ports.js";
export type {
  ReleaseOptions,
  ReleaseProgress,
  ReleaseReadiness,
  ReleaseReport,
  ReleaseStep,
  StepName,
  StepState,
} from "./types.js";

/** The steps of a release, in the order they run and the report lists them. */
const RELEASE_STEPS: readonly ReleaseStepDefinition<ReleaseState>[] = [
  readinessStep,
  writeFilesStep("version-files"),
  changelogStep,
  commitStep,
  tagStep,
  pushStep,
  githubReleaseStep,
];

/**
 * Cuts a release of the commits since the last release tag, step by step, each step first checking
 * whether it is already done so that a release that stopped half-way resumes where it stopped:
 * readiness of the exact commit released, the version files, CHANGELOG.md, the release commit, the
 * annotated tag, the push, and the GitHub Release. Everything that can be checked is checked before
 * the first write, so bad input leaves nothing half-written.
 */
export async function cutRelease(
  options: ReleaseOptions,
  ports: ReleasePorts,
  progress: ReleaseProgress = {},
): Promise<ReleaseReport> {
  const site = await locateRelease(options, ports);
  const setup = await readReleasePleaseSetup(site.top, ports);
  if (setup === null && options.package !== undefined) {
    throw new UsageError(
      `--package ${options.package} picks a package of release-please-config.json, and this repository has none.`,
      "Leave --package off to release the repository, or add release-please-config.json.",
    );
  }
  const target =
    setup === null
      ? await chooseReleaseTarget(site, options, ports)
      : await choosePackageTargets(site, setup, ports, options.package);
  const report = startReport(site.head, target, options);
  if (target.version === null) return report;
  progress.onPlan?.(report);
  const state = await checkBeforeWriting(site, target, report, options, ports);
  try {
    await runReleaseSteps(RELEASE_STEPS, state, report, progress);
    return report;
  } catch (error) {
    throw partlyDone(error, report);
  } finally {
    if (state.github !== null && "api" in state.github) state.github.api.close();
  }
}

/** Steps that change something: once one of them is done, a failure leaves the release half-made. */
const WRITING_STEPS = new Set(["version-files", "changelog", "commit", "tag", "push", "github-release"]);

/**
 * A failure after the release wrote something is not "bad input, nothing written" (exit 2): it says
 * what is done, what failed, and that running again resumes (exit 4). An interruption keeps its code.
 */
function partlyDone(error: unknown, report: ReleaseReport): unknown {
  const done = report.steps.filter((s) => s.state === "done" && WRITING_STEPS.has(s.name));
  if (done.length === 0 || (error instanceof ShipreadyError && error.exitCode === ExitCode.Interrupted))
    return error;
  const failed = error instanceof Error ? error.message : String(error);
  const fix = error instanceof ShipreadyError && error.fix ? ` ${error.fix}` : "";
  return new PartlyDoneError(
    `The release is partly done: ${done.map((s) => `${s.name} (${s.summary})`).join("; ")}. Then it stopped: ${failed}`,
    `Fix that, then run shipready release again: it finds what is done and resumes where it stopped.${fix}`,
    { cause: error },
  );
}

/** The report before any step: what is released, or why nothing is. */
function startReport(head: string, target: ReleaseTarget, options: ReleaseOptions): ReleaseReport {
  return {
    version: target.version,
    tag: target.tag,
    previousTag: target.previousTag,
    releaseCommit: null,
    checkedCommit: head,
    readiness: null,
    override: null,
    refused: false,
    nothingToRelease: target.version === null,
    dryRun: Boolean(options.dryRun),
    notes: target.version === null ? target.notes : "",
    releaseUrl: null,
    ...(target.version !== null && target.packages !== null
      ? {
          packages: target.tags.map((t) => ({
            package: t.packageLabel!,
            version: t.version,
            tag: t.tag,
            previousTag: t.previousTag,
            releaseUrl: null,
          })),
        }
      : {}),
    steps: [],
    warnings: target.warnings,
  };
}
