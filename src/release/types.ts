/** The release settings: versions, tags, changelog and the files a release rewrites. */

export interface ReleaseSettings {
  /** How release tags are written; {version} stands for the version. */
  tagPattern: string;
  /** What a breaking change bumps while the major version is 0. */
  preMajor: "minor" | "major";
  /** List every commit type in the changelog, not only what users notice. */
  showAll: boolean;
  /** Commits that are not conventional: listed under Other Changes, or only counted. */
  others: "list" | "drop";
  /** The commit types lint-commits accepts. */
  commitTypes: string[];
  /** Files `release` writes the new version into (absolute paths); null: package.json and VERSION, those that exist. */
  versionFiles: VersionFile[] | null;
  /** The changelog `release` prepends to (absolute path). */
  changelogFile: string;
  /** The release commit's message; {version} stands for the version. */
  commitMessage: string;
  /** Push the release commit and tag. */
  push: boolean;
  /** The remote releases are pushed to. */
  remote: string;
  /** Create a GitHub Release; null: when the repository is on GitHub. */
  githubRelease: boolean | null;
}

/** A file a release writes its version into: read as readVersion reads it, or through a pattern or a marker. */
export interface VersionFile {
  /** Absolute path. */
  path: string;
  /** A regular expression whose first group is the version. */
  pattern?: string;
  /** Text marking the lines that hold the version. */
  marker?: string;
}
