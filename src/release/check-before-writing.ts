import { InputError } from "../errors.js";
import type { ReleaseGit } from "../ports.js";
import type { ReleaseTarget } from "./choose-release-target.js";
import { isReleaseCommit } from "./core/is-release-commit.js";
import type { ReleaseSite } from "./locate-release.js";
import { openReleaseGitHub } from "./open-release-github.js";
import { planPackageFiles } from "./plan-package-files.js";
import { planReleaseFiles, versionFilesOf, type PlannedFile } from "./plan-release-files.js";
import type { ReleasePorts } from "./ports.js";
import type { ReleaseState } from "./release-state.js";
import { repoPath } from "./repo-path.js";
import type { ReleaseOptions, ReleaseReport } from "./types.js";

/**
 * The checks a release makes once it knows what it releases and before its first write, so that bad
 * input leaves nothing half-written: every version file takes the new version, nothing else in the
 * working tree is changed, and the GitHub side is settled (a missing token must not stop a release
 * half-way). Also finds whether HEAD is an earlier try's release commit, and so which commit's
 * readiness is checked. Returns what the steps work from.
 */
export async function checkBeforeWriting(
  site: ReleaseSite,
  target: Extract<ReleaseTarget, { version: string }>,
  report: ReleaseReport,
  options: ReleaseOptions,
  ports: ReleasePorts,
): Promise<ReleaseState> {
  const { top, config, head } = site;
  const settings = config.release;
  let files: PlannedFile[];
  let releasePaths: Set<string>;
  if (target.packages !== null) {
    files = target.tagged ? [] : await planPackageFiles(top, target.packages, ports);
    releasePaths = new Set(files.map((f) => f.path));
  } else {
    const managed = await versionFilesOf(config, ports);
    files = target.tagged
      ? []
      : await planReleaseFiles(top, config, managed, target.plan!, target.version, ports);
    releasePaths = new Set([
      ...managed.map((f) => repoPath(top, f.path)),
      repoPath(top, settings.changelogFile),
    ]);
  }
  const changelogPaths = new Set(
    target.tags.flatMap((t) => (t.changelogFile === null ? [] : [repoPath(top, t.changelogFile)])),
  );
  const commitMessage = settings.commitMessage.replaceAll("{version}", releasedVersions(target));
  const headCommit = await ports.releaseGit.describeCommit(top, head);
  const headIsReleaseCommit = isReleaseCommit(headCommit, commitMessage, releasePaths);
  report.checkedCommit = headIsReleaseCommit ? headCommit.parents[0]! : head;
  const dirty = await checkWorkingTree(ports.releaseGit, top, files);
  const remoteUrl = await ports.git.remoteUrl(top, settings.remote);
  const github = await openReleaseGitHub(config, top, remoteUrl, options, ports, report.warnings);
  return {
    ...site,
    options,
    ports,
    report,
    version: target.version,
    tag: target.tag,
    tagged: target.tagged,
    plan: target.plan,
    tags: target.tags,
    files,
    versionFiles: files.filter((f) => !changelogPaths.has(f.path)),
    changelogs: files.filter((f) => changelogPaths.has(f.path)),
    dirty,
    commitMessage,
    headIsReleaseCommit,
    pushWanted: options.push ?? settings.push,
    remoteUrl,
    github,
  };
}

/** What {version} stands for in the release commit's message: the version, or each package's tag in a monorepo. */
export function releasedVersions(target: {
  version: string;
  tags: { tag: string }[];
  packages: unknown[] | null;
}): string {
  return target.packages === null ? target.version : target.tags.map((t) => t.tag).join(", ");
}

/**
 * Nothing is written while something else in the working tree is changed: it would be left out of
 * the release commit, or swept into it. A release file an earlier try already rewrote is expected.
 * Returns the paths git sees changed.
 */
async function checkWorkingTree(git: ReleaseGit, top: string, files: PlannedFile[]): Promise<Set<string>> {
  const status = await git.changedFiles(top);
  const stray = status.filter((entry) => {
    if (entry.untracked) return false;
    const file = files.find((f) => f.path === entry.path);
    return file === undefined || file.before !== file.after;
  });
  if (stray.length > 0) {
    const names = stray.slice(0, 8).map((e) => e.path);
    throw new InputError(
      `The working tree has changes that are not committed: ${names.join(", ")}${stray.length > 8 ? ` and ${stray.length - 8} more` : ""}. A release is made from committed work only.`,
      "Commit or stash them (git stash), then run shipready release again.",
    );
  }
  return new Set(status.map((e) => e.path));
}
