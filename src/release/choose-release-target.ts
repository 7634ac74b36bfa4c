import semver from "semver";
import { InputError } from "../errors.js";
import type { Finding } from "../types.js";
import type { ReleaseSite } from "./locate-release.js";
import { planRelease, type ReleasePlan } from "./plan-release.js";
import type { ReleasePorts, VersionTag } from "./ports.js";
import type { ReleaseOptions } from "./types.js";
import type { PackageRelease } from "./plan-package-files.js";
import type { TagToMake } from "./release-state.js";

/** What a run releases, or why it releases nothing. */
export type ReleaseTarget =
  | {
      version: string;
      tag: string;
      /** An earlier try already put the tag on HEAD: the release carries on after it. */
      tagged: boolean;
      /** The commits released and their changelog section (of the first package, in a monorepo). */
      plan: ReleasePlan | null;
      previousTag: string | null;
      /** Every tag the release makes. */
      tags: TagToMake[];
      /** In a release-please monorepo: the packages released; null for a single project. */
      packages: PackageRelease[] | null;
      warnings: Finding[];
    }
  | {
      version: null;
      tag: null;
      previousTag: string | null;
      /** Why there is nothing to release. */
      notes: string;
      warnings: Finding[];
    };

/**
 * The resume decision: the next version of the commits since the last release, or, when an earlier
 * try tagged HEAD and stopped before the end (or finished), that tag's version, to carry on from it.
 * Refuses a new version whose tag already stands on another commit.
 */
export async function chooseReleaseTarget(
  site: ReleaseSite,
  options: ReleaseOptions,
  ports: ReleasePorts,
): Promise<ReleaseTarget> {
  const planned = await planRelease(
    {
      cwd: options.cwd,
      ...(options.config ? { config: options.config } : {}),
      ...(options.pre ? { pre: options.pre } : {}),
    },
    ports,
  );
  const warnings = [...planned.warnings];
  const { tagPattern } = site.config.release;
  const taggedHead = await ports.history.findLastReleaseTag(site.top, "HEAD", tagPattern, {
    includePrerelease: true,
  });
  const headTag = taggedHead.tag?.commit === site.head ? taggedHead.tag : null;
  // New commits to release, unless they add up to the very version already tagged on HEAD.
  if (planned.next.version !== null && headTag?.version !== planned.next.version) {
    const checked = await checkNewTag(site, planned, ports);
    return {
      ...checked,
      plan: planned,
      previousTag: planned.range.from,
      tags: [tagOf(site, checked, planned.range.from, planned.markdown)],
      packages: null,
      warnings,
    };
  }
  if (headTag) {
    const resumed = await resumeFromTag(site, headTag, options, ports);
    return {
      ...resumed,
      tags: [tagOf(site, resumed, resumed.previousTag, resumed.plan.markdown)],
      packages: null,
      warnings,
    };
  }
  const since = planned.range.from ? `since ${planned.range.from}` : "in the history";
  return {
    version: null,
    tag: null,
    previousTag: planned.range.from,
    notes: `The ${planned.counts.commits} commits ${since} hold no feature, fix, performance change or breaking change: nothing to release.`,
    warnings,
  };
}

function tagOf(
  site: ReleaseSite,
  target: { version: string; tag: string; tagged: boolean },
  previousTag: string | null,
  markdown: string,
): TagToMake {
  return {
    packageLabel: null,
    version: target.version,
    tag: target.tag,
    releaseName: target.tag,
    prerelease: semver.prerelease(target.version) !== null,
    previousTag,
    markdown,
    changelogFile: site.config.release.changelogFile,
    tagged: target.tagged,
    notes: "",
  };
}

/** The new version's tag: absent, or already on HEAD (an earlier try made it); on another commit it is refused. */
async function checkNewTag(
  site: ReleaseSite,
  planned: ReleasePlan,
  ports: ReleasePorts,
): Promise<{ version: string; tag: string; tagged: boolean }> {
  const version = planned.next.version!;
  const tag = planned.next.tag!;
  const at = await ports.releaseGit.tagCommit(site.top, tag);
  if (at !== null && at !== site.head) {
    throw new InputError(
      `The tag ${tag} already exists at ${at.slice(0, 12)}, not at HEAD (${site.head.slice(0, 12)}), so ${version} was released from another commit.`,
      `If that release is wrong, delete the tag (git tag -d ${tag}; git push ${site.config.release.remote} :refs/tags/${tag}); otherwise release the new commits as the next version.`,
    );
  }
  return { version, tag, tagged: at === site.head };
}

/** The release an earlier try tagged on HEAD: its version, and the commits since the release before it. */
async function resumeFromTag(
  site: ReleaseSite,
  headTag: VersionTag,
  options: ReleaseOptions,
  ports: ReleasePorts,
): Promise<{ version: string; tag: string; tagged: true; plan: ReleasePlan; previousTag: string | null }> {
  const parent = (await ports.releaseGit.describeCommit(site.top, site.head)).parents[0];
  const before = parent
    ? await ports.history.findLastReleaseTag(site.top, parent, site.config.release.tagPattern)
    : null;
  const previousTag = before?.tag?.name ?? null;
  const plan = await planRelease(
    { cwd: options.cwd, ...(options.config ? { config: options.config } : {}), from: previousTag },
    ports,
  );
  return { version: headTag.version, tag: headTag.name, tagged: true, plan, previousTag };
}
