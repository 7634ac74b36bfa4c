import type { ShipreadyConfig } from "../config/types.js";
import type { ReleaseGitHub } from "./open-release-github.js";
import type { PlannedFile } from "./plan-release-files.js";
import type { ReleasePlan } from "./plan-release.js";
import type { ReleasePorts } from "./ports.js";
import type { ReleaseOptions, ReleaseReport } from "./types.js";

/**
 * What the steps of one release work from: everything settled by the checks before the first write.
 * The steps note what they find and do on the report (the readiness, the notes, the release commit,
 * the release's address).
 */
export interface ReleaseState {
  options: ReleaseOptions;
  ports: ReleasePorts;
  report: ReleaseReport;
  config: ShipreadyConfig;
  top: string;
  branch: string;
  head: string;
  version: string;
  tag: string;
  /** An earlier try already put the tag on HEAD: everything before the push went out with it. */
  tagged: boolean;
  /** The commits released and their changelog section. */
  plan: ReleasePlan | null;
  /** Every tag this release makes (one per package released in a monorepo; else one). */
  tags: TagToMake[];
  /** The version files and the changelog, read and rewritten in memory; none once tagged. */
  files: PlannedFile[];
  /** The files of the version-files step: all but the changelog. */
  versionFiles: PlannedFile[];
  /** The changelogs among them (one per package released). */
  changelogs: PlannedFile[];
  /** What git sees changed in the working tree (only release files, an earlier try's writes). */
  dirty: ReadonlySet<string>;
  commitMessage: string;
  /** HEAD is the release commit of an earlier try. */
  headIsReleaseCommit: boolean;
  pushWanted: boolean;
  remoteUrl: string | null;
  github: ReleaseGitHub;
}

/** One tag of a release: a version of the project, or of one package of a monorepo. */
export interface TagToMake {
  /** The package's component or path in a monorepo; null for a single project. */
  packageLabel: string | null;
  version: string;
  tag: string;
  /** The GitHub Release's name: the tag, or as release-please names it (`my-lib: v1.2.3`). */
  releaseName: string;
  /** The GitHub Release is marked pre-release. */
  prerelease: boolean;
  previousTag: string | null;
  /** The changelog section of this version. */
  markdown: string;
  /** The changelog the section goes into (absolute), or null when the package keeps none. */
  changelogFile: string | null;
  /** An earlier try already put this tag on HEAD. */
  tagged: boolean;
  /** The release notes, settled by the changelog step. */
  notes: string;
}
