/** What releasing needs from the outside world: the history of commits and version tags, and the git writes. */
import type { ReleaseGit } from "../ports.js";
import type { ReadinessPorts } from "../readiness/ports.js";

/** One commit as git stores it, before any conventional-commit parsing. */
export interface RawCommit {
  sha: string;
  /** Parent commits; two or more for a merge, none for a root commit. */
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** The author date, strict ISO 8601 with the author's UTC offset. */
  date: string;
  /** The whole message as git stores it (subject, body, trailers), line endings untouched. */
  message: string;
}

/** The commits reachable from `to` and not from `from`; all of `to`'s history when `from` is null. */
export interface CommitRange {
  from: string | null;
  to: string;
}

/** A tag whose name parses as a semantic version through the tag pattern. */
export interface VersionTag {
  /** The tag name, such as `v1.4.0`. */
  name: string;
  /** The version it carries, normalised by semver (`1.4.0`, `2.0.0-rc.1`). */
  version: string;
  /** The commit the tag points at, annotated tags peeled. */
  commit: string;
  annotated: boolean;
}

export interface LastReleaseTag {
  /** The highest-version tag on the history of `to`, or null before the first release. */
  tag: VersionTag | null;
  /** Tags in the repository that fit the pattern but are not semver (worth a warning). */
  notSemver: string[];
}

/** A repository's history, read for changelogs and versions. */
export interface GitHistory {
  /** Streams the commits of `range`, newest first, to `onCommit`; memory stays flat however long the history. */
  readCommits(
    dir: string,
    range: CommitRange,
    onCommit: (commit: RawCommit) => void,
  ): Promise<{ count: number }>;
  /** The highest released (not pre-release) version tag on the history of `to`. */
  findLastReleaseTag(
    dir: string,
    to: string,
    pattern: string,
    options?: { includePrerelease?: boolean },
  ): Promise<LastReleaseTag>;
}

/** What cutting a release is given: what a readiness run is, the history and the git writes. */
export interface ReleasePorts extends ReadinessPorts {
  history: GitHistory;
  releaseGit: ReleaseGit;
  /** Needed only in a repository that release-please-config.json describes. */
  packageHistory?: PackageHistory;
}

/** What releasing the packages of a release-please monorepo needs of git besides the history. */
export interface PackageHistory {
  /**
   * The files each non-merge commit of the range changed, by sha (a rename as the old and the new
   * path); a commit that changed none maps to an empty list.
   */
  readChangedFiles(dir: string, range: CommitRange): Promise<Map<string, string[]>>;
  /** The text of `path` at each commit on `to`'s history that changed it, newest first; null where it was deleted. */
  readFileHistory(dir: string, path: string, to: string): Promise<{ sha: string; text: string | null }[]>;
  /** The commit a ref (a tag, a sha) names, or null when there is none. */
  resolveCommit(dir: string, ref: string): Promise<string | null>;
}
