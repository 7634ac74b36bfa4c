/**
 * release-please's versioning strategies (`versioning` in release-please-config.json), as its
 * versioning-strategies/*.ts compute the next version: `default`, `always-bump-patch`,
 * `always-bump-minor`, `always-bump-major` and `prerelease` (with `prerelease-type` and
 * `prerelease`). Versions are handled as release-please's Version class handles them: a
 * pre-release part is kept by the plain bumps (1.2.3-beta + fix -> 1.2.4-beta), not dropped as
 * semver's `inc` would.
 */

export const RELEASE_PLEASE_VERSIONINGS = [
  "default",
  "always-bump-patch",
  "always-bump-minor",
  "always-bump-major",
  "prerelease",
] as const;

export type ReleasePleaseVersioning = (typeof RELEASE_PLEASE_VERSIONINGS)[number];

export interface ReleasePleaseVersioningOptions {
  versioning: ReleasePleaseVersioning;
  bumpMinorPreMajor: boolean;
  bumpPatchForMinorPreMajor: boolean;
  /** prerelease-type: the pre-release part a `prerelease` bump starts (beta -> 1.3.0-beta). */
  prereleaseType: string | null;
  /** prerelease: the `prerelease` strategy keeps the pre-release part; without it the version is promoted. */
  prerelease: boolean;
}

interface Version {
  major: number;
  minor: number;
  patch: number;
  preRelease: string | undefined;
  build: string | undefined;
}

type Level = "major" | "minor" | "patch";

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([^+\s]+))?(?:\+(\S+))?$/;

/** The next version after `current` for the commits (each its type and whether it breaks), as release-please bumps it. */
export function releasePleaseNextVersion(
  current: string,
  commits: readonly { type: string; breaking: boolean }[],
  options: ReleasePleaseVersioningOptions,
): string {
  const version = parse(current);
  const level = levelOf(version, commits, options);
  switch (options.versioning) {
    case "always-bump-patch":
      return format(plain(version, "patch"));
    case "always-bump-minor":
      return format(plain(version, "minor"));
    case "always-bump-major":
      return format(plain(version, "major"));
    case "prerelease": {
      const bumped = prereleaseBump(version, level, options.prereleaseType ?? undefined);
      return options.prerelease
        ? format(bumped)
        : format({ ...bumped, preRelease: undefined, build: undefined });
    }
    default:
      return format(plain(version, level));
  }
}

/** The level the commits ask for: release-please's DefaultVersioningStrategy.determineReleaseType. */
function levelOf(
  version: Version,
  commits: readonly { type: string; breaking: boolean }[],
  options: ReleasePleaseVersioningOptions,
): Level {
  const breaking = commits.some((c) => c.breaking);
  const features = commits.some((c) => !c.breaking && (c.type === "feat" || c.type === "feature"));
  const preMajor = version.major < 1;
  if (breaking) return preMajor && options.bumpMinorPreMajor ? "minor" : "major";
  if (features) return preMajor && options.bumpPatchForMinorPreMajor ? "patch" : "minor";
  return "patch";
}

/** MajorVersionUpdate, MinorVersionUpdate, PatchVersionUpdate: the pre-release and build parts stay. */
function plain(v: Version, level: Level): Version {
  if (level === "major") return { ...v, major: v.major + 1, minor: 0, patch: 0 };
  if (level === "minor") return { ...v, minor: v.minor + 1, patch: 0 };
  return { ...v, patch: v.patch + 1 };
}

/** PrereleasePatch/Minor/MajorVersionUpdate of versioning-strategies/prerelease.ts. */
function prereleaseBump(v: Version, level: Level, type: string | undefined): Version {
  if (level === "patch") {
    if (v.preRelease) return { ...v, preRelease: nextPrerelease(v.preRelease) };
    return { ...v, patch: v.patch + 1, preRelease: type };
  }
  if (level === "minor") {
    if (v.preRelease) {
      if (v.patch === 0) return { ...v, preRelease: nextPrerelease(v.preRelease) };
      return plain(v, "minor");
    }
    return { ...v, minor: v.minor + 1, patch: 0, preRelease: type };
  }
  if (v.preRelease) {
    if (v.patch === 0 && v.minor === 0) return { ...v, preRelease: nextPrerelease(v.preRelease) };
    return plain(v, "major");
  }
  return { ...v, major: v.major + 1, minor: 0, patch: 0, preRelease: type };
}

// The last run of digits: beta01-01 -> the second 01.
const PRERELEASE_NUMBER = /(\d+)(?=\D*$)/;

/** beta01 -> beta02 (the zeros kept), beta.1 -> beta.2, beta -> beta.1. */
function nextPrerelease(preRelease: string): string {
  const match = PRERELEASE_NUMBER.exec(preRelease);
  if (match === null) return `${preRelease}.1`;
  const digits = match[1]!;
  const next = String(Number(digits) + 1).padStart(digits.length, "0");
  return preRelease.replace(PRERELEASE_NUMBER, next);
}

function parse(text: string): Version {
  const m = VERSION.exec(text);
  if (m === null) throw new RangeError(`"${text}" is not a semantic version (1.2.3)`);
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    preRelease: m[4],
    build: m[5],
  };
}

function format(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.preRelease ? `-${v.preRelease}` : ""}${v.build ? `+${v.build}` : ""}`;
}
