import { basename, relative, resolve } from "node:path";
import semver from "semver";
import { bumpVersionText } from "./core/bump-version-text.js";
import { prependChangelogSection } from "./core/changelog-file.js";
import { InputError } from "../errors.js";
import type { ReleasePlan } from "./plan-release.js";
import type { Files } from "../ports.js";
import type { ShipreadyConfig } from "../config/types.js";
import type { VersionFile } from "./types.js";

/** A file the release writes, with its text now and as the release leaves it. */
export interface PlannedFile {
  /** Relative to the top folder, as git names it. */
  path: string;
  label: string;
  before: string | null;
  after: string;
  /** The versions found in a version file (empty for the changelog). */
  found: string[];
  /** The version written, when it is not the release's (a package's, in a monorepo); a list of them for the manifest. */
  version?: string;
}

/** The configured version files, or package.json and VERSION where they exist. */
export async function versionFilesOf(
  config: ShipreadyConfig,
  ports: { files: Files },
): Promise<VersionFile[]> {
  if (config.release.versionFiles !== null) return config.release.versionFiles;
  const found = await Promise.all(
    ["package.json", "VERSION"].map(async (name) => {
      const path = resolve(config.root, name);
      return (await ports.files.exists(path)) ? { path } : null;
    }),
  );
  return found.filter((f): f is VersionFile => f !== null);
}

/**
 * Each file the release writes, read and rewritten in memory: the version files (configured, or
 * package.json and VERSION where they exist) and the changelog. Every problem is reported at once.
 */
export async function planReleaseFiles(
  top: string,
  config: ShipreadyConfig,
  candidates: VersionFile[],
  plan: ReleasePlan,
  version: string,
  ports: { files: Files },
): Promise<PlannedFile[]> {
  const settings = config.release;
  const problems: string[] = [];
  const files: PlannedFile[] = [];
  for (const file of candidates) {
    const label = relative(config.root, file.path) || basename(file.path);
    if (!(await ports.files.exists(file.path))) {
      problems.push(
        `${label} does not exist (release.versionFiles names it). Create it, or remove it from the list.`,
      );
      continue;
    }
    const before = await ports.files.readText(file.path);
    const bumped = bumpVersionText(
      before,
      {
        file: label,
        ...(file.pattern ? { pattern: file.pattern } : {}),
        ...(file.marker ? { marker: file.marker } : {}),
      },
      version,
    );
    if ("problem" in bumped) {
      problems.push(bumped.problem);
      continue;
    }
    const ahead = bumped.found.find((found) => semver.valid(found) && semver.gt(found, version));
    if (ahead) {
      problems.push(
        `${label} holds ${ahead}, ahead of the version this release makes (${version}). Correct the file, or tag the release it belongs to.`,
      );
      continue;
    }
    files.push({
      path: relative(top, file.path).split("\\").join("/"),
      label,
      before,
      after: bumped.text,
      found: bumped.found,
    });
  }
  if (problems.length > 0) {
    throw new InputError(
      `The version of ${version} cannot be written:\n${problems.map((p) => `  ${p}`).join("\n")}`,
      "Nothing was written. Fix the files or release.versionFiles in shipready.yml, then run again.",
    );
  }
  const changelogFile = settings.changelogFile;
  const before = await readIfExists(ports, changelogFile);
  files.push({
    path: relative(top, changelogFile).split("\\").join("/"),
    label: relative(config.root, changelogFile) || basename(changelogFile),
    before,
    after: prependChangelogSection(before, plan.markdown, version),
    found: [],
  });
  return files;
}

export async function readIfExists(ports: { files: Files }, path: string): Promise<string | null> {
  return (await ports.files.exists(path)) ? ports.files.readText(path) : null;
}
