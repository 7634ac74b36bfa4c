import { resolve } from "node:path";
import { applyEdits, modify } from "jsonc-parser";
import { InputError } from "../errors.js";
import type { Files } from "../ports.js";
import { bumpVersionText } from "./core/bump-version-text.js";
import { prependChangelogSection } from "./core/changelog-file.js";
import type { ReleasePleasePackage } from "./core/parse-release-please-config.js";
import { ROOT_PACKAGE } from "./core/split-commit-by-package.js";
import { updateJsonPath } from "./core/update-json-path.js";
import { updatePackageLock } from "./core/update-package-lock.js";
import { updateTomlPath } from "./core/update-toml-path.js";
import { POM_PARENT_VERSION, POM_PROJECT_VERSION, updateXmlPath } from "./core/update-xml-path.js";
import { updateYamlPath } from "./core/update-yaml-path.js";
import { updateReleasePleaseMarkers } from "./core/update-release-please-markers.js";
import type { PlannedFile } from "./plan-release-files.js";
import { readIfExists } from "./plan-release-files.js";
import { RELEASE_PLEASE_MANIFEST } from "./read-release-please-setup.js";

/** A package released in this run: its settings, the new version and its changelog section. */
export interface PackageRelease {
  pkg: ReleasePleasePackage;
  version: string;
  markdown: string;
}

const NODE_LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json"];

const VERSION_TEXT = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?/;

/** A file of a package, as git names it from the top folder: relative to the package, or to the top with a leading /. */
export function packageFile(pkg: ReleasePleasePackage, file: string): string {
  if (pkg.path === ROOT_PACKAGE || file.startsWith("/")) return file.replace(/^\/+/, "");
  return `${pkg.path.replace(/\/+$/, "")}/${file}`;
}

/**
 * Every file the packages' releases write, read and rewritten in memory, as release-please's release
 * pull request would change them: each package's version file (node: package.json; simple:
 * version.txt, where it exists), its extra-files, its changelog, and the manifest with every new
 * version. Every problem is reported at once, before anything is written.
 */
export async function planPackageFiles(
  top: string,
  releases: PackageRelease[],
  ports: { files: Files },
): Promise<PlannedFile[]> {
  const problems: string[] = [];
  const files: PlannedFile[] = [];
  let version = "";
  // A file two updaters (or two packages) name is rewritten in turn, each on the one before's text.
  const latest = new Map<string, string>();
  const add = (path: string, before: string | null, after: string, found: string[]) => {
    latest.set(path, after);
    files.push({ path, label: path, before, after, found, version });
  };
  const current = async (path: string) => latest.get(path) ?? (await readIfExists(ports, resolve(top, path)));
  for (const release of releases) {
    const { pkg, markdown } = release;
    version = release.version;
    const own = pkg.releaseType === "node" ? "package.json" : "version.txt";
    const ownPath = packageFile(pkg, own);
    const ownText = await current(ownPath);
    if (ownText !== null) {
      const bumped =
        own === "package.json"
          ? bumpVersionText(ownText, { file: ownPath }, version)
          : VERSION_TEXT.test(ownText)
            ? { text: ownText.replace(VERSION_TEXT, version), found: [VERSION_TEXT.exec(ownText)![0]] }
            : { problem: `${ownPath} holds no version (1.2.3).` };
      if ("problem" in bumped) problems.push(bumped.problem);
      else add(ownPath, ownText, bumped.text, bumped.found);
    } else if (pkg.releaseType === "node") {
      problems.push(
        `${ownPath} does not exist, and a node package (release-type node) keeps its version there.`,
      );
    }
    if (pkg.releaseType === "node") {
      // As release-please's node strategy: the lock files beside package.json, where they exist.
      for (const lock of NODE_LOCK_FILES) {
        const path = packageFile(pkg, lock);
        const text = await current(path);
        if (text === null) continue;
        const updated = updatePackageLock(text, version);
        if ("problem" in updated) problems.push(`${path} ${updated.problem}.`);
        else add(path, text, updated.text, updated.found);
      }
    }
    for (const extra of pkg.extraFiles) {
      const path = packageFile(pkg, extra.path);
      const text = await current(path);
      if (text === null) {
        problems.push(`${path} does not exist (extra-files of ${pkg.path} names it).`);
        continue;
      }
      if (extra.type !== "generic") {
        const updated =
          extra.type === "json"
            ? updateJsonPath(text, extra.jsonpath, version)
            : extra.type === "yaml"
              ? updateYamlPath(text, extra.jsonpath, version)
              : extra.type === "toml"
                ? updateTomlPath(text, extra.jsonpath, version)
                : extra.type === "xml"
                  ? updateXmlPath(text, [extra.xpath], version)
                  : updateXmlPath(text, [POM_PROJECT_VERSION, POM_PARENT_VERSION], version);
        if ("problem" in updated) problems.push(`${path} ${updated.problem}.`);
        else add(path, text, updated.text, updated.found);
      } else {
        const updated = updateReleasePleaseMarkers(text, version);
        if (updated.replaced === 0) {
          problems.push(
            `${path} has no x-release-please-version marker (extra-files of ${pkg.path} names it).`,
          );
        } else add(path, text, updated.text, []);
      }
    }
    if (!pkg.skipChangelog) {
      const path = packageFile(pkg, pkg.changelogPath);
      const before = await current(path);
      add(path, before, prependChangelogSection(before, markdown, version), []);
    }
  }
  const manifestPath = resolve(top, RELEASE_PLEASE_MANIFEST);
  const manifest = await readIfExists(ports, manifestPath);
  let after = manifest ?? "{}\n";
  for (const { pkg, version } of releases) {
    after = applyEdits(
      after,
      modify(after, [pkg.path], version, { formattingOptions: { insertSpaces: true, tabSize: 2 } }),
    );
  }
  version = releases.map((r) => `${JSON.stringify(r.pkg.path)} -> ${r.version}`).join(", ");
  add(RELEASE_PLEASE_MANIFEST, manifest, after, []);
  if (problems.length > 0) {
    throw new InputError(
      `The release cannot write its files:\n${problems.map((p) => `  ${p}`).join("\n")}`,
      "Nothing was written. Fix the files or release-please-config.json, then run again.",
    );
  }
  return mergeSamePath(files);
}

/** One entry per file: the text before the first rewrite, the text after the last (each applied on the one before). */
function mergeSamePath(files: PlannedFile[]): PlannedFile[] {
  const byPath = new Map<string, PlannedFile>();
  for (const file of files) {
    const earlier = byPath.get(file.path);
    byPath.set(
      file.path,
      earlier === undefined
        ? file
        : { ...earlier, after: file.after, found: [...earlier.found, ...file.found] },
    );
  }
  return [...byPath.values()];
}
