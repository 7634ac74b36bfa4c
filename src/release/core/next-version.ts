import semver from "semver";

export type Bump = "major" | "minor" | "patch" | "none";

export interface NextVersionOptions {
  /** What a breaking change does while the major version is 0: "minor" (the default) or "major". */
  preMajor?: "minor" | "major";
  /** What a feature does while the major version is 0: "minor" (the default) or "patch" (release-please's bump-patch-for-minor-pre-major). */
  preMajorFeature?: "minor" | "patch";
  /** Pre-release id (`rc`, `beta`): the next version is a pre-release such as 1.4.0-rc.0. */
  pre?: string;
}

export interface NextVersion {
  /**
   * The level the new version is over the last stable release: what the commits ask for, or, when
   * a pre-release already carries more, the level of that pre-release (1.4.0-rc.0 -> rc.1 is a
   * minor). "none" when nothing is released.
   */
  bump: Bump;
  /** The next version without a `v`, or null when there is nothing to release. */
  version: string | null;
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
// A pre-release id is one semver identifier; a numeric one would read as the counter.
const PRE_ID = /^[0-9A-Za-z-]*[A-Za-z-][0-9A-Za-z-]*$/;

/**
 * The bump a set of conventional commits asks for: breaking -> major, feat -> minor, fix, perf and
 * revert -> patch, anything else -> none. A revert is a patch whatever it reverts: taking a feature
 * back out is not a new feature, and reverting a breaking change breaks nothing for users of the
 * last release. Callers count git's `Revert "..."` commits by passing them as type "revert".
 */
export function bumpOf(commits: readonly { type: string; breaking: boolean }[]): Bump {
  let bump: Bump = "none";
  for (const commit of commits) {
    if (commit.breaking) return "major";
    if (commit.type === "feat") bump = "minor";
    else if (
      bump === "none" &&
      (commit.type === "fix" || commit.type === "perf" || commit.type === "revert")
    ) {
      bump = "patch";
    }
  }
  return bump;
}

/**
 * The version to release after `current` (null when nothing has been released: the first release
 * is 1.0.0) given the conventional commits since it. A pre-release that already carries the bump
 * the commits ask for counts up (1.4.0-rc.0 -> 1.4.0-rc.1) or, without `pre`, is promoted
 * (1.4.0-rc.1 -> 1.4.0); a bigger bump starts from the next base (1.4.0-rc.1 + breaking -> 2.0.0-rc.0).
 * Throws a RangeError for a current version that is not semver or a pre-release id that is not one
 * identifier, or one that sorts before the current pre-release's id (1.4.0-rc.0 with `beta`).
 */
export function nextVersion(
  current: string | null,
  commits: readonly { type: string; breaking: boolean }[],
  options: NextVersionOptions = {},
): NextVersion {
  const pre = options.pre;
  if (pre !== undefined && !PRE_ID.test(pre)) {
    throw new RangeError(
      `pre-release id "${pre}" is not a single semver identifier: use letters, digits and hyphens, such as "rc" or "beta"`,
    );
  }
  const asked = bumpOf(commits);
  if (current === null) {
    if (asked === "none") return { bump: "none", version: null };
    return { bump: asked, version: pre === undefined ? "1.0.0" : `1.0.0-${pre}.0` };
  }
  const parsed = semver.parse(current);
  if (parsed === null) {
    throw new RangeError(`"${current}" is not a semantic version (MAJOR.MINOR.PATCH, such as 1.4.2)`);
  }
  const wanted: Bump =
    asked === "major" && parsed.major === 0 && (options.preMajor ?? "minor") === "minor"
      ? "minor"
      : asked === "minor" && parsed.major === 0 && options.preMajorFeature === "patch"
        ? "patch"
        : asked;

  if (parsed.prerelease.length === 0) {
    if (wanted === "none") return { bump: "none", version: null };
    return { bump: wanted, version: increment(parsed, wanted, pre) };
  }

  // A pre-release's base already carries a bump over the last stable release: 1.4.0-rc.0 is
  // on its way to a minor, 2.0.0-rc.0 to a major, 1.3.3-rc.0 to a patch.
  const carried: Bump = parsed.patch !== 0 ? "patch" : parsed.minor !== 0 ? "minor" : "major";
  if (wanted !== "none" && RANK[wanted] > RANK[carried])
    return { bump: wanted, version: increment(parsed, wanted, pre) };
  if (pre === undefined) {
    return { bump: carried, version: `${parsed.major}.${parsed.minor}.${parsed.patch}` };
  }
  if (wanted === "none") return { bump: "none", version: null };
  const version = semver.inc(parsed.version, "prerelease", pre);
  if (version === null || !semver.gt(version, parsed.version)) {
    throw new RangeError(
      `pre-release id "${pre}" sorts before "${String(parsed.prerelease[0])}" in ${parsed.version}, so ${version ?? "its next pre-release"} would not be newer: keep "${String(parsed.prerelease[0])}", pick an id that sorts after it, or release ${parsed.major}.${parsed.minor}.${parsed.patch} first`,
    );
  }
  return { bump: carried, version };
}

function increment(parsed: semver.SemVer, bump: Exclude<Bump, "none">, pre: string | undefined): string {
  // Only bumps that move the base on come here: from a stable version, or beyond what a
  // pre-release carries, where semver's `inc` starts from the next base (1.4.0-rc.1 + major -> 2.0.0).
  const version =
    pre === undefined ? semver.inc(parsed.version, bump) : semver.inc(parsed.version, `pre${bump}`, pre);
  if (version === null) throw new RangeError(`cannot apply a ${bump} bump to ${parsed.version}`);
  return version;
}
