import { relative, resolve } from "node:path";
import semver from "semver";
import { readChangelogSection } from "./core/changelog-file.js";
import { renderReleaseBody, renderTagMessage } from "./core/render-release-notes.js";
import { InputError, ShipreadyError, UsageError } from "../errors.js";
import { readIfExists, type PlannedFile } from "./plan-release-files.js";
import type { ReleasePorts } from "./ports.js";
import { runReadiness } from "../readiness/run-readiness.js";
import type { ReadinessRun } from "../readiness/types.js";
import type { ShipreadyConfig } from "../config/types.js";
import { checkBeforeWriting } from "./check-before-writing.js";
import { chooseReleaseTarget, type ReleaseTarget } from "./choose-release-target.js";
import { locateRelease } from "./locate-release.js";
import type { ReleaseState } from "./release-state.js";
import type {
  ReleaseOptions,
  ReleaseProgress,
  ReleaseReport,
  ReleaseStep,
  StepName,
  StepState,
} from "./types.js";

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
  const target = await chooseReleaseTarget(site, options, ports);
  const report = startReport(site.head, target, options);
  if (target.version === null) return report;
  progress.onPlan?.(report);
  const state = await checkBeforeWriting(site, target, report, options, ports);
  try {
    return await runSteps(state, progress);
  } finally {
    if (state.github !== null && "api" in state.github) state.github.api.close();
  }
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
    steps: [],
    warnings: target.warnings,
  };
}

async function runSteps(s: ReleaseState, progress: ReleaseProgress): Promise<ReleaseReport> {
  const { options, ports, report, top, config, branch, head, version, tag, tagged, plan, dirty } = s;
  const { commitMessage, headIsReleaseCommit, pushWanted, remoteUrl, github } = s;
  const releaseFiles = s.files;
  const settings = config.release;
  const git = ports.releaseGit;
  const record = (step: ReleaseStep) => {
    report.steps.push(step);
    progress.onStep?.(step);
  };
  // 1. Readiness of the exact commit released.
  const readinessStep = await checkReadiness(options, ports, report);
  record(readinessStep);
  if (readinessStep.state === "refused") {
    report.refused = true;
    // A dry run goes on to show what a ready release would do.
    if (!options.dryRun) return report;
  }

  const notesOf = (changelog: string | null) =>
    (changelog !== null ? readChangelogSection(changelog, version) : null) ?? stripHeading(plan.markdown);

  // 2. and 3. The version files and the changelog.
  const versionFiles = releaseFiles.filter((f) => f.path !== changelogPath(top, config));
  const changelog = releaseFiles.find((f) => f.path === changelogPath(top, config)) ?? null;
  record(await writeFilesStep("version-files", versionFiles, version, tagged, options, ports, top));
  record(
    await writeFilesStep("changelog", changelog ? [changelog] : [], version, tagged, options, ports, top),
  );
  report.notes = notesOf(changelog ? changelog.after : await readIfExists(ports, settings.changelogFile));

  // 4. The release commit.
  let releaseCommit: string | null = head;
  if (tagged) {
    record(step("commit", "already-done", `${tag} is already tagged at ${short(head)}`));
  } else {
    const toCommit = releaseFiles.filter((f) => f.before !== f.after || dirty.has(f.path)).map((f) => f.path);
    if (toCommit.length > 0) {
      if (options.dryRun) {
        releaseCommit = null;
        record({
          ...step("commit", "planned", `commit ${toCommit.join(", ")} as "${commitMessage}" on ${branch}`),
          changes: toCommit,
        });
      } else {
        releaseCommit = await git.commitFiles(top, toCommit, commitMessage);
        record(
          step(
            "commit",
            "done",
            `committed ${toCommit.join(", ")} as ${short(releaseCommit)} "${commitMessage}"`,
          ),
        );
      }
    } else if (headIsReleaseCommit) {
      record(step("commit", "already-done", `HEAD ${short(head)} is the release commit "${commitMessage}"`));
    } else {
      record(
        step("commit", "skipped", `the files already hold ${version}: the tag goes on HEAD ${short(head)}`),
      );
    }
  }
  report.releaseCommit = releaseCommit;

  // 5. The annotated tag.
  const tagMessage = renderTagMessage(version, report);
  if (tagged) {
    record(step("tag", "already-done", `${tag} is at ${short(head)}`));
  } else if (options.dryRun) {
    record({
      ...step(
        "tag",
        "planned",
        `tag ${releaseCommit ? short(releaseCommit) : "the release commit"} as ${tag} (annotated)`,
      ),
      changes: [`refs/tags/${tag}`],
    });
  } else {
    await git.createTag(top, tag, releaseCommit!, tagMessage);
    record(step("tag", "done", `tagged ${short(releaseCommit!)} as ${tag}`));
  }

  // 6. The push.
  let pushed = false;
  if (!pushWanted) {
    record(step("push", "skipped", "not pushed (release.push: false, or --no-push)"));
  } else if (remoteUrl === null) {
    record(step("push", "skipped", `there is no remote "${settings.remote}": the release stays local`));
  } else {
    const refs = [`refs/heads/${branch}`, `refs/tags/${tag}`];
    const there = await git.remoteRefs(top, settings.remote, refs);
    const remoteTag = there.get(`refs/tags/${tag}`);
    const target = releaseCommit ?? head;
    if (remoteTag && releaseCommit !== null && remoteTag.commit !== releaseCommit) {
      throw new InputError(
        `${settings.remote} already has a tag ${tag} at ${short(remoteTag.commit)}, not at the release commit ${short(releaseCommit)}.`,
        `If the remote's tag is wrong, delete it (git push ${settings.remote} :refs/tags/${tag}) and run again; otherwise delete the local tag (git tag -d ${tag}).`,
      );
    }
    const remoteBranch = there.get(`refs/heads/${branch}`);
    const branchThere =
      releaseCommit !== null &&
      remoteBranch !== undefined &&
      (remoteBranch.commit === releaseCommit ||
        (await git.isAncestor(top, releaseCommit, remoteBranch.commit)));
    const refspecs = [
      ...(branchThere ? [] : [`${releaseCommit ?? "HEAD"}:refs/heads/${branch}`]),
      ...(remoteTag ? [] : [`refs/tags/${tag}:refs/tags/${tag}`]),
    ];
    if (refspecs.length === 0) {
      pushed = true;
      record(step("push", "already-done", `${settings.remote} has ${branch} and ${tag}`));
    } else if (options.dryRun) {
      record({
        ...step(
          "push",
          "planned",
          `push ${refspecs.map((r) => r.split(":")[1]).join(" and ")} to ${settings.remote}`,
        ),
        reads: [`${settings.remote} ${refs.join(" ")}`],
        changes: refspecs,
      });
    } else {
      await git.push(
        top,
        settings.remote,
        refspecs.map((r) => r.replace(/^HEAD:/, `${target}:`)),
      );
      pushed = true;
      record(
        step(
          "push",
          "done",
          `pushed ${refspecs.map((r) => r.split(":")[1]!.replace(/^refs\/(heads|tags)\//, "")).join(" and ")} to ${settings.remote}`,
        ),
      );
    }
  }

  // 7. The GitHub Release.
  if (github === null || "skip" in github) {
    record(
      step(
        "github-release",
        "skipped",
        github?.skip ??
          "the remote is not on GitHub; set github.repo in shipready.yml (or release.githubRelease: true) for a GitHub Release",
      ),
    );
  } else if (!pushed && !options.dryRun) {
    record(
      step(
        "github-release",
        "skipped",
        `the tag is not on ${settings.remote}, so GitHub cannot release it; push it, then run again`,
      ),
    );
  } else {
    const where = `${github.repo.owner}/${github.repo.repo}`;
    const existing = await github.api.findRelease(github.repo, tag);
    if (existing) {
      report.releaseUrl = existing.htmlUrl;
      record(step("github-release", "already-done", `${where} has the release ${tag}: ${existing.htmlUrl}`));
    } else if (options.dryRun) {
      record({
        ...step(
          "github-release",
          "planned",
          `create the GitHub Release ${tag} on ${where}${semver.prerelease(version) ? " (pre-release)" : ""}`,
        ),
        reads: [`the release of ${tag} on ${where}`],
        changes: [`release ${tag}`],
      });
    } else {
      const made = await github.api.createRelease(github.repo, {
        tag,
        targetCommitish: releaseCommit ?? head,
        name: tag,
        body: renderReleaseBody(report.notes, report),
        prerelease: semver.prerelease(version) !== null,
      });
      report.releaseUrl = made.htmlUrl;
      record(
        step(
          "github-release",
          made.created ? "done" : "already-done",
          `${made.created ? "created" : "found"} the GitHub Release ${tag}: ${made.htmlUrl}`,
        ),
      );
    }
  }
  return report;
}

function step(name: StepName, state: StepState, summary: string): ReleaseStep {
  return { name, state, summary, reads: [], changes: [] };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function changelogPath(top: string, config: ShipreadyConfig): string {
  return relative(top, config.release.changelogFile).split("\\").join("/");
}

/** The section without its `##` heading: what release notes hold. */
function stripHeading(markdown: string): string {
  return markdown.replace(/^#{1,6} [^\n]*\n/, "").trim();
}

async function writeFilesStep(
  name: "version-files" | "changelog",
  files: PlannedFile[],
  version: string,
  tagged: boolean,
  options: ReleaseOptions,
  ports: ReleasePorts,
  top: string,
): Promise<ReleaseStep> {
  const what = name === "changelog" ? "the changelog" : "the version files";
  if (tagged) return step(name, "already-done", `${what} went out with the tag`);
  if (files.length === 0)
    return step(
      name,
      "skipped",
      "no version file: package.json and VERSION do not exist and release.versionFiles names none",
    );
  const changing = files.filter((f) => f.before !== f.after);
  const describe = (f: PlannedFile) =>
    name === "changelog"
      ? `${f.label}: ${f.before === null ? "create it with" : "prepend"} the ${version} section`
      : `${f.label}: ${[...new Set(f.found)].join(", ")} -> ${version}`;
  const reads = files.map((f) => f.label);
  if (changing.length === 0) {
    return {
      ...step(
        name,
        "already-done",
        `${files.map((f) => f.label).join(", ")} already ${name === "changelog" ? "has" : "hold"} ${version}`,
      ),
      reads,
    };
  }
  if (options.dryRun) {
    return {
      ...step(name, "planned", changing.map(describe).join("; ")),
      reads,
      changes: changing.map((f) => f.label),
    };
  }
  for (const file of changing) await ports.files.writeAtomic(resolve(top, file.path), file.after);
  return {
    ...step(name, "done", changing.map(describe).join("; ")),
    reads,
    changes: changing.map((f) => f.label),
  };
}

/** Runs the readiness check on the commit being released; refuses unless ready or forced. */
async function checkReadiness(
  options: ReleaseOptions,
  ports: ReleasePorts,
  report: ReleaseReport,
): Promise<ReleaseStep> {
  let result: ReadinessRun;
  try {
    result = await runReadiness(
      {
        cwd: options.cwd,
        mode: "check",
        commit: report.checkedCommit,
        ...(options.checklist ? { checklist: options.checklist } : {}),
        ...(options.config ? { config: options.config } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      ports,
    );
  } catch (error) {
    if (!(error instanceof ShipreadyError) || error.exitCode === 130) throw error;
    if (options.force === undefined) {
      throw new UsageError(
        `The release checks the readiness of ${short(report.checkedCommit)} first, but ${lowerFirst(error.message)}`,
        `${error.fix ?? ""} To release without a readiness check, say why: --force "<reason>".`.trim(),
      );
    }
    report.override = options.force;
    report.readiness = {
      ready: false,
      score: 0,
      band: "unknown",
      threshold: 0,
      checklist: "",
      blockers: [],
      problem: error.message,
    };
    return step("readiness", "done", `not checked (${error.message}); released anyway: ${options.force}`);
  }
  const r = result.readiness;
  report.readiness = {
    ready: r.ready,
    score: r.score,
    band: r.band.name,
    threshold: r.threshold,
    checklist: result.checklist.label,
    blockers: r.blockers,
  };
  report.warnings.push(...result.warnings);
  const verdict = `${r.score}% ${r.band.name} (threshold ${r.threshold}) at ${short(report.checkedCommit)}`;
  if (r.ready) return { ...step("readiness", "done", `ready: ${verdict}`), reads: [result.checklist.label] };
  if (options.force !== undefined) {
    report.override = options.force;
    return {
      ...step("readiness", "done", `NOT ready: ${verdict}; released anyway: ${options.force}`),
      reads: [result.checklist.label],
    };
  }
  const blockers = r.blockers.length;
  return {
    ...step(
      "readiness",
      "refused",
      `not ready: ${verdict}${blockers > 0 ? `, ${blockers} blocker${blockers === 1 ? "" : "s"}` : ""}`,
    ),
    reads: [result.checklist.label],
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
