import semver from "semver";
import { resolve } from "node:path";
import { InputError, InternalError } from "../errors.js";
import { parseRemote } from "../shared/parse-remote.js";
import type { ReleasePleasePackage, ReleasePleaseSetup } from "./core/parse-release-please-config.js";
import { releasePleaseReleaseName, releasePleaseTag } from "./core/release-please-tag.js";
import { ROOT_PACKAGE } from "./core/split-commit-by-package.js";
import type { ReleaseTarget } from "./choose-release-target.js";
import type { ReleaseSite } from "./locate-release.js";
import { packageFile, type PackageRelease } from "./plan-package-files.js";
import { planPackageReleases, tagFormatOf, type PackagePlan } from "./plan-package-releases.js";
import type { PackageHistory, ReleasePorts } from "./ports.js";
import { checkPackageNamed, isPackageNamed } from "./plan-repository-packages.js";
import { RELEASE_PLEASE_MANIFEST } from "./read-release-please-setup.js";
import type { TagToMake } from "./release-state.js";

/**
 * What a run releases in a release-please repository: each package whose commits since its last
 * release ask for a version (one commit, one tag each), or, when HEAD is the release commit of an
 * earlier try, the packages it released, to carry on from them.
 */
export async function choosePackageTargets(
  site: ReleaseSite,
  setup: ReleasePleaseSetup,
  ports: ReleasePorts,
  only?: string,
): Promise<ReleaseTarget> {
  const packageHistory = ports.packageHistory;
  if (packageHistory === undefined)
    throw new InternalError("releasing packages needs the package history port.");
  if (only !== undefined) checkPackageNamed(setup.packages, only);
  const wanted = (pkg: ReleasePleasePackage) => only === undefined || isPackageNamed(pkg, only);
  const resumed = (await findResumed(site, setup, packageHistory, ports)).filter((c) => wanted(c.pkg));
  if (resumed.length > 0) return targetOf(site, resumed, true);
  const remote = await ports.git.remoteUrl(site.top, site.config.release.remote);
  const parsed = remote === null ? null : parseRemote(remote);
  const plans = await planPackageReleases(
    site.top,
    setup,
    "HEAD",
    {
      repoUrl: parsed ? `https://${parsed.host}/${parsed.repo}` : null,
      date: ports.clock.now().toISOString().slice(0, 10),
      listOthers: site.config.release.others === "list",
    },
    { history: ports.history, packageHistory },
  );
  // Every package is planned, so that each commit goes to the package release-please gives it.
  const chosen = plans.filter((p) => wanted(p.pkg));
  const releasing = chosen.filter((p) => p.version !== null);
  if (releasing.length === 0) {
    return {
      version: null,
      tag: null,
      previousTag: null,
      notes: `Nothing to release: ${chosen.map((p) => `${p.label} has ${p.commits} commit${p.commits === 1 ? "" : "s"} since ${p.sinceReason}, none listed in its changelog`).join("; ")}.`,
      warnings: [],
    };
  }
  for (const plan of releasing) {
    const at = await ports.releaseGit.tagCommit(site.top, plan.tag!);
    if (at !== null && at !== site.head) {
      throw new InputError(
        `The tag ${plan.tag} already exists at ${at.slice(0, 12)}, not at HEAD (${site.head.slice(0, 12)}), so ${plan.label} ${plan.version} was released from another commit, yet ${RELEASE_PLEASE_MANIFEST} says ${plan.fromVersion ?? "nothing"}.`,
        `Write ${plan.version} for "${plan.pkg.path}" in ${RELEASE_PLEASE_MANIFEST} if that release is right; otherwise delete the tag (git tag -d ${plan.tag}).`,
      );
    }
  }
  return targetOf(
    site,
    releasing.map((p) => ({
      pkg: p.pkg,
      version: p.version!,
      tag: p.tag!,
      previousTag: p.previousTag,
      markdown: p.markdown,
    })),
    false,
  );
}

interface Chosen extends PackageRelease {
  tag: string;
  previousTag: string | null;
}

function targetOf(
  site: ReleaseSite,
  chosen: (Chosen & { tagged?: boolean })[],
  resuming: boolean,
): ReleaseTarget {
  const tags: TagToMake[] = chosen.map((c) => ({
    packageLabel: c.pkg.component ?? (c.pkg.path === ROOT_PACKAGE ? "root" : c.pkg.path),
    version: c.version,
    tag: c.tag,
    releaseName: releasePleaseReleaseName(
      { ...tagFormatOf(c.pkg), includeVInName: c.pkg.includeVInReleaseName },
      c.version,
    ),
    // As release-please marks it: with prerelease set, a pre-release version or one below 1.0.0.
    prerelease: c.pkg.prerelease && (semver.prerelease(c.version) !== null || semver.major(c.version) === 0),
    previousTag: c.previousTag,
    markdown: c.markdown,
    changelogFile: c.pkg.skipChangelog ? null : resolve(site.top, packageFile(c.pkg, c.pkg.changelogPath)),
    tagged: c.tagged ?? false,
    notes: "",
  }));
  const first = tags[0]!;
  return {
    version: first.version,
    tag: first.tag,
    tagged: resuming && tags.every((t) => t.tagged),
    plan: null,
    previousTag: first.previousTag,
    tags,
    packages: chosen.map(({ pkg, version, markdown }) => ({ pkg, version, markdown })),
    warnings: [],
  };
}

/**
 * The packages an earlier try released at HEAD: those whose manifest version is tagged at HEAD, or
 * whose version HEAD, a release commit, set in the manifest and whose tag is still missing.
 */
async function findResumed(
  site: ReleaseSite,
  setup: ReleaseSetupLike,
  packageHistory: PackageHistory,
  ports: ReleasePorts,
): Promise<(Chosen & { tagged: boolean })[]> {
  const history = await packageHistory.readFileHistory(site.top, RELEASE_PLEASE_MANIFEST, "HEAD");
  const headSetManifest = history[0]?.sha === site.head;
  const before = headSetManifest ? parseManifest(history[1]?.text ?? null) : {};
  const head = await ports.releaseGit.describeCommit(site.top, site.head);
  const pattern = site.config.release.commitMessage.split("\n", 1)[0]!;
  const [prefix, suffix] = pattern.split("{version}") as [string, string];
  const subject = head.message.split("\n", 1)[0]!;
  const isReleaseCommit = subject.startsWith(prefix) && subject.endsWith(suffix ?? "");
  const found: (Chosen & { tagged: boolean })[] = [];
  for (const pkg of setup.packages) {
    if (pkg.version === null) continue;
    const format = tagFormatOf(pkg);
    const tag = releasePleaseTag(format, pkg.version);
    const at = await ports.releaseGit.tagCommit(site.top, tag);
    const setByHead = isReleaseCommit && headSetManifest && before[pkg.path] !== pkg.version;
    if (at === site.head || (at === null && setByHead)) {
      const previous = headSetManifest ? before[pkg.path] : undefined;
      found.push({
        pkg,
        version: pkg.version,
        tag,
        previousTag: previous ? releasePleaseTag(format, previous) : null,
        markdown: "",
        tagged: at === site.head,
      });
    }
  }
  return found;
}

type ReleaseSetupLike = { packages: ReleasePleasePackage[] };

function parseManifest(text: string | null): Record<string, string> {
  if (text === null) return {};
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return {};
  }
}

export type { PackagePlan };
