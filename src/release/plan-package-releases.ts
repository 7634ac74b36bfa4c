import semver from "semver";
import { InputError, InternalError } from "../errors.js";
import { findReleaseAs } from "./core/find-release-as.js";
import { bumpOf } from "./core/next-version.js";
import { releasePleaseNextVersion } from "./core/release-please-versioning.js";
import type { ReleasePleasePackage, ReleasePleaseSetup } from "./core/parse-release-please-config.js";
import {
  isMergeCommitMessage,
  parseCommitForChangelog,
  parseRevertMessage,
} from "./core/parse-conventional-commit.js";
import { releasePleaseTag } from "./core/release-please-tag.js";
import { DEFAULT_CHANGELOG_TYPES, startChangelog } from "./core/render-changelog.js";
import { ROOT_PACKAGE, splitCommitByPackage } from "./core/split-commit-by-package.js";
import type { GitHistory, PackageHistory } from "./ports.js";
import { RELEASE_PLEASE_MANIFEST } from "./read-release-please-setup.js";

/** What the commits since a package's last release add up to. */
export interface PackagePlan {
  pkg: ReleasePleasePackage;
  /** The component, else the package's path: how messages name it. */
  label: string;
  fromVersion: string | null;
  /** The tag of fromVersion as the package names its tags (for the compare link), whether or not it exists. */
  previousTag: string | null;
  /** The commit the range starts after, or null for the whole history. */
  since: string | null;
  /** How `since` was found, for the plan's text. */
  sinceReason: string;
  /** The commits of the range that belong to the package. */
  commits: number;
  /** The version a Release-As footer or release-as setting asks for, if any. */
  releaseAs: string | null;
  bump: "major" | "minor" | "patch" | "none";
  /** null: nothing to release for this package. */
  version: string | null;
  tag: string | null;
  markdown: string;
}

export interface PackagePlanPorts {
  history: GitHistory;
  packageHistory: PackageHistory;
}

/**
 * Each package's next release: its commits since its last release (those that touched its folder, as
 * release-please splits them), the version they ask for (or a Release-As), its tag and its changelog
 * section. Read-only.
 */
export async function planPackageReleases(
  top: string,
  setup: ReleasePleaseSetup,
  to: string,
  context: { repoUrl: string | null; date: string; listOthers: boolean },
  ports: PackagePlanPorts,
): Promise<PackagePlan[]> {
  const manifestHistory = await ports.packageHistory.readFileHistory(top, RELEASE_PLEASE_MANIFEST, to);
  const plans: PackagePlan[] = [];
  for (const pkg of setup.packages) {
    const start = await findLastRelease(top, pkg, setup, manifestHistory, ports);
    plans.push(await planPackage(top, pkg, setup, start, to, context, ports));
  }
  return plans;
}

/**
 * Where a package's last release is: its tag when it exists; else the last-release-sha the config
 * pins; else the commit that set its version in the manifest (a release-please release commit); else
 * bootstrap-sha; else nothing (the whole history).
 */
async function findLastRelease(
  top: string,
  pkg: ReleasePleasePackage,
  setup: ReleasePleaseSetup,
  manifestHistory: { sha: string; text: string | null }[],
  ports: PackagePlanPorts,
): Promise<{ since: string | null; reason: string }> {
  if (pkg.version !== null) {
    const tag = releasePleaseTag(tagFormatOf(pkg), pkg.version);
    const tagged = await ports.packageHistory.resolveCommit(top, `refs/tags/${tag}`);
    if (tagged !== null) return { since: tagged, reason: `the tag ${tag}` };
  }
  if (setup.lastReleaseSha !== null) {
    return { since: setup.lastReleaseSha, reason: `last-release-sha ${setup.lastReleaseSha.slice(0, 7)}` };
  }
  if (pkg.version !== null) {
    let setter: string | null = null;
    for (const entry of manifestHistory) {
      if (versionIn(entry.text, pkg.path) !== pkg.version) break;
      setter = entry.sha;
    }
    if (setter !== null) {
      return {
        since: setter,
        reason: `${setter.slice(0, 7)}, which set ${pkg.version} in ${RELEASE_PLEASE_MANIFEST}`,
      };
    }
  }
  if (setup.bootstrapSha !== null) {
    return { since: setup.bootstrapSha, reason: `bootstrap-sha ${setup.bootstrapSha.slice(0, 7)}` };
  }
  return { since: null, reason: "the start of the history" };
}

function versionIn(text: string | null, path: string): string | null {
  if (text === null) return null;
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[path];
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

async function planPackage(
  top: string,
  pkg: ReleasePleasePackage,
  setup: ReleasePleaseSetup,
  start: { since: string | null; reason: string },
  to: string,
  context: { repoUrl: string | null; date: string; listOthers: boolean },
  ports: PackagePlanPorts,
): Promise<PackagePlan> {
  const range = { from: start.since, to };
  const files = await ports.packageHistory.readChangedFiles(top, range);
  const changelog = startChangelog({
    repoUrl: context.repoUrl,
    showAll: false,
    listOthers: context.listOthers,
    types: pkg.changelogSections ?? DEFAULT_CHANGELOG_TYPES,
  });
  const shown = new Set(
    (pkg.changelogSections ?? DEFAULT_CHANGELOG_TYPES).filter((s) => !s.hidden).map((s) => s.type),
  );
  const bumpers: { type: string; breaking: boolean }[] = [];
  let commits = 0;
  let listed = 0;
  // Newest first: the first Release-As found is the newest, which release-please obeys.
  let releaseAs: { version: string; sha: string } | null = null;
  await ports.history.readCommits(top, range, (commit) => {
    if (commit.parents.length > 1 || isMergeCommitMessage(commit.message)) return;
    const changed = files.get(commit.sha);
    if (changed === undefined) throw new InternalError(`git listed no files for ${commit.sha}.`);
    if (!splitCommitByPackage(changed, setup.packages).includes(pkg.path)) return;
    commits++;
    const asked = findReleaseAs(commit.message);
    if (asked !== null && releaseAs === null) releaseAs = { version: asked, sha: commit.sha };
    const parsed = parseCommitForChangelog(commit.message);
    if (parsed === null) {
      const revert = parseRevertMessage(commit.message);
      if (revert === null) {
        changelog.addOther({ sha: commit.sha, header: commit.message.split("\n", 1)[0]!.replace(/\r$/, "") });
        if (context.listOthers) listed++;
        return;
      }
      bumpers.push({ type: "revert", breaking: false });
      if (shown.has("revert")) listed++;
      changelog.add({
        sha: commit.sha,
        type: "revert",
        scope: null,
        subject: revert.header,
        breaking: false,
        breakingNote: null,
        references: [],
      });
      return;
    }
    bumpers.push({ type: parsed.type === "feature" ? "feat" : parsed.type, breaking: parsed.breaking });
    if (parsed.breaking || shown.has(parsed.type)) listed++;
    changelog.add({
      sha: commit.sha,
      type: parsed.type,
      scope: parsed.scope,
      subject: parsed.subject,
      breaking: parsed.breaking,
      breakingNote: parsed.breakingNote,
      references: parsed.references,
    });
  });
  const forced = releaseAsOf(pkg, releaseAs);
  const format = tagFormatOf(pkg);
  // release-please releases when the changelog lists something; a Release-As releases on its own.
  const wanted = listed > 0 || (forced !== null && forced !== pkg.version);
  let version: string | null = null;
  if (wanted) {
    version =
      forced ??
      (pkg.version === null
        ? (pkg.initialVersion ?? "1.0.0")
        : releasePleaseNextVersion(pkg.version, bumpers, {
            versioning: pkg.versioning,
            bumpMinorPreMajor: pkg.bumpMinorPreMajor,
            bumpPatchForMinorPreMajor: pkg.bumpPatchForMinorPreMajor,
            prereleaseType: pkg.prereleaseType,
            prerelease: pkg.prerelease,
          }));
  }
  const tag = version === null ? null : releasePleaseTag(format, version);
  const previousTag = pkg.version === null ? null : releasePleaseTag(format, pkg.version);
  const markdown = changelog.finish({ version, tag, previousTag, date: context.date });
  return {
    pkg,
    label: pkg.component ?? pkg.path,
    fromVersion: pkg.version,
    previousTag,
    since: start.since,
    sinceReason: start.reason,
    commits,
    releaseAs: forced,
    bump: bumpBetween(pkg.version, version, bumpers),
    version,
    tag,
    markdown,
  };
}

/** The level a release moves the version by; for a first release, what its commits ask for. */
function bumpBetween(
  from: string | null,
  to: string | null,
  commits: { type: string; breaking: boolean }[],
): "major" | "minor" | "patch" | "none" {
  if (to === null) return "none";
  if (from === null) {
    const asked = bumpOf(commits);
    return asked === "none" ? "patch" : asked;
  }
  const diff = semver.diff(from, to);
  if (diff === "major" || diff === "premajor") return "major";
  if (diff === "minor" || diff === "preminor") return "minor";
  return "patch";
}

function releaseAsOf(
  pkg: ReleasePleasePackage,
  found: { version: string; sha: string } | null,
): string | null {
  if (found !== null) {
    const version = semver.valid(found.version);
    if (version === null) {
      throw new InputError(
        `The commit ${found.sha.slice(0, 12)} asks for Release-As: ${found.version}, which is not a semantic version (1.2.3).`,
        "Fix the footer in a new commit (Release-As: 1.2.3), since a pushed commit cannot change.",
      );
    }
    return version;
  }
  return pkg.releaseAs;
}

export function tagFormatOf(pkg: ReleasePleasePackage) {
  return {
    component: pkg.includeComponentInTag ? pkg.component : null,
    separator: pkg.tagSeparator,
    includeV: pkg.includeVInTag,
  };
}

export { ROOT_PACKAGE };
