import { Ajv, type ErrorObject } from "ajv";
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import semver from "semver";
import { RELEASE_PLEASE_VERSIONINGS, type ReleasePleaseVersioning } from "./release-please-versioning.js";
import { RELEASE_PLEASE_CONFIG_SCHEMA, RELEASE_PLEASE_MANIFEST_SCHEMA } from "./release-please-schemas.js";

/** A changelog section as release-please's `changelog-sections` names it. */
export interface ChangelogSectionSetting {
  type: string;
  section: string;
  hidden: boolean;
}

/** A file whose version a release also rewrites: by release-please's markers, or a JSONPath into JSON. */
export type ExtraFile =
  | { type: "generic"; path: string }
  | { type: "json" | "yaml" | "toml"; path: string; jsonpath: string }
  | { type: "xml"; path: string; xpath: string }
  | { type: "pom"; path: string };

/** One package of release-please-config.json, its settings merged over the top-level defaults. */
export interface ReleasePleasePackage {
  /** As the config names it: "." for the repository's root, else a folder (packages/a). */
  path: string;
  releaseType: "node" | "simple";
  /** `component`, else `package-name`; the node release type falls back on package.json's name. */
  component: string | null;
  packageName: string | null;
  /** Relative to the package's folder. */
  changelogPath: string;
  /** null: release-please's default sections. */
  changelogSections: ChangelogSectionSetting[] | null;
  bumpMinorPreMajor: boolean;
  bumpPatchForMinorPreMajor: boolean;
  includeComponentInTag: boolean;
  includeVInTag: boolean;
  /** include-v-in-release-name: a "v" before the version in the GitHub Release's name (default true). */
  includeVInReleaseName: boolean;
  tagSeparator: string;
  releaseAs: string | null;
  initialVersion: string | null;
  skipChangelog: boolean;
  /** versioning: how the next version is computed (release-please's versioning strategies). */
  versioning: ReleasePleaseVersioning;
  /** prerelease-type: the pre-release part the prerelease strategy starts (beta). */
  prereleaseType: string | null;
  /** prerelease: pre-release versions kept (prerelease strategy) and GitHub Releases marked pre-release. */
  prerelease: boolean;
  extraFiles: ExtraFile[];
  /** Folders whose commits do not count for this package (relative to the repository). */
  excludePaths: string[];
  /** The released version the manifest holds, or null before the first release. */
  version: string | null;
}

export interface ReleasePleaseSetup {
  packages: ReleasePleasePackage[];
  /** Where to stop reading history when nothing marks a package's last release. */
  bootstrapSha: string | null;
  /** The commit of the last release, when the config pins it. */
  lastReleaseSha: string | null;
}

export interface ReleasePleaseFile {
  /** The name the messages give it (release-please-config.json). */
  name: string;
  text: string;
}

/** The release types whose files shipready knows how to release; release-please has more. */
const SUPPORTED_TYPES = new Set(["node", "simple"]);

/**
 * release-please's config and manifest, read as release-please reads them: validated against its own
 * JSON Schemas, then each package's settings merged over the top-level ones with release-please's
 * defaults. Every problem comes back at once, each as `file:line:column: path: what is wrong`.
 */
export function parseReleasePleaseConfig(
  config: ReleasePleaseFile,
  manifest: ReleasePleaseFile | null,
): { setup: ReleasePleaseSetup } | { problems: string[] } {
  const problems: string[] = [];
  const raw = readJson(config, RELEASE_PLEASE_CONFIG_SCHEMA, problems) as RawConfig | null;
  const versions = manifest
    ? (readJson(manifest, RELEASE_PLEASE_MANIFEST_SCHEMA, problems) as Record<string, string> | null)
    : {};
  if (raw === null || versions === null) return { problems };
  const at = (file: ReleasePleaseFile, path: (string | number)[]) => locate(file, path);
  for (const [path, version] of Object.entries(versions)) {
    if (semver.valid(version) === null) {
      problems.push(
        `${at(manifest!, [path])}: ${JSON.stringify(path)} is ${JSON.stringify(version)}, not a semantic version (1.2.3). Write the version last released.`,
      );
    }
  }
  const packages: ReleasePleasePackage[] = [];
  for (const [path, own] of Object.entries(raw.packages)) {
    const merged: RawPackage = { ...raw, ...own };
    const releaseType = merged["release-type"] ?? "node";
    if (!SUPPORTED_TYPES.has(releaseType)) {
      const where = own["release-type"] !== undefined ? ["packages", path, "release-type"] : ["release-type"];
      problems.push(
        `${at(config, where)}: release-type ${JSON.stringify(releaseType)} is not one shipready releases (node, simple). Use node or simple, or release this package with release-please.`,
      );
      continue;
    }
    for (const key of ["release-as", "initial-version"] as const) {
      const value = merged[key];
      if (value !== undefined && value !== "" && semver.valid(value) === null) {
        const where = own[key] !== undefined ? ["packages", path, key] : [key];
        problems.push(
          `${at(config, where)}: ${key} is ${JSON.stringify(value)}, not a semantic version (1.2.3).`,
        );
      }
    }
    const versioning = merged.versioning;
    if (versioning !== undefined && !(RELEASE_PLEASE_VERSIONINGS as readonly string[]).includes(versioning)) {
      const where = own.versioning !== undefined ? ["packages", path, "versioning"] : ["versioning"];
      problems.push(
        `${at(config, where)}: versioning ${JSON.stringify(versioning)} is not one shipready computes (${RELEASE_PLEASE_VERSIONINGS.join(", ")}). Use one of those, or release this package with release-please.`,
      );
    }
    const extraFiles: ExtraFile[] = [];
    (merged["extra-files"] ?? []).forEach((file, i) => {
      if (typeof file === "string") extraFiles.push({ type: "generic", path: file });
      else if (file.type === "generic") extraFiles.push({ type: "generic", path: file.path });
      else if ((file.type === "json" || file.type === "yaml" || file.type === "toml") && !file.glob)
        extraFiles.push({ type: file.type, path: file.path, jsonpath: file.jsonpath! });
      else if (file.type === "xml" && !file.glob)
        extraFiles.push({ type: "xml", path: file.path, xpath: file.xpath! });
      else if (file.type === "pom" && !file.glob) extraFiles.push({ type: "pom", path: file.path });
      else {
        const where =
          own["extra-files"] !== undefined ? ["packages", path, "extra-files", i] : ["extra-files", i];
        problems.push(
          `${at(config, where)}: extra-files of type ${file.type}${file.glob ? " with glob" : ""} are not ones shipready updates (a path, generic, json, yaml or toml with jsonpath, xml with xpath, pom). Use one of those, or release this package with release-please.`,
        );
      }
    });
    const version = versions[path];
    packages.push({
      path,
      releaseType: releaseType as "node" | "simple",
      component: merged.component || merged["package-name"] || null,
      packageName: merged["package-name"] ?? null,
      changelogPath: merged["changelog-path"] ?? "CHANGELOG.md",
      changelogSections:
        merged["changelog-sections"]?.map((s) => ({
          type: s.type,
          section: s.section,
          hidden: s.hidden === true,
        })) ?? null,
      bumpMinorPreMajor: merged["bump-minor-pre-major"] === true,
      bumpPatchForMinorPreMajor: merged["bump-patch-for-minor-pre-major"] === true,
      includeComponentInTag: merged["include-component-in-tag"] ?? true,
      includeVInTag: merged["include-v-in-tag"] ?? true,
      includeVInReleaseName: merged["include-v-in-release-name"] ?? true,
      tagSeparator: merged["tag-separator"] ?? "-",
      releaseAs: merged["release-as"] || null,
      initialVersion: merged["initial-version"] ?? null,
      skipChangelog: merged["skip-changelog"] === true,
      versioning: (merged.versioning ?? "default") as ReleasePleaseVersioning,
      prereleaseType: merged["prerelease-type"] || null,
      prerelease: merged.prerelease === true,
      extraFiles,
      excludePaths: merged["exclude-paths"] ?? [],
      // 0.0.0 is how a manifest says "not released yet".
      version:
        version !== undefined && semver.valid(version) !== null && version !== "0.0.0" ? version : null,
    });
  }
  if (problems.length > 0) return { problems };
  return {
    setup: {
      packages,
      bootstrapSha: raw["bootstrap-sha"] ?? null,
      lastReleaseSha: raw["last-release-sha"] ?? null,
    },
  };
}

interface RawPackage {
  "release-type"?: string;
  component?: string;
  "package-name"?: string;
  "changelog-path"?: string;
  "changelog-sections"?: { type: string; section: string; hidden?: boolean }[];
  "bump-minor-pre-major"?: boolean;
  "bump-patch-for-minor-pre-major"?: boolean;
  "include-component-in-tag"?: boolean;
  "include-v-in-tag"?: boolean;
  "include-v-in-release-name"?: boolean;
  "tag-separator"?: string;
  "release-as"?: string;
  "initial-version"?: string;
  "skip-changelog"?: boolean;
  versioning?: string;
  "prerelease-type"?: string;
  prerelease?: boolean;
  "extra-files"?: (
    string | { type: string; path: string; jsonpath?: string; xpath?: string; glob?: boolean }
  )[];
  "exclude-paths"?: string[];
}

interface RawConfig extends RawPackage {
  packages: Record<string, RawPackage>;
  "bootstrap-sha"?: string;
  "last-release-sha"?: string;
}

/** The file's JSON when it parses and fits the schema; else null, with each problem added to `problems`. */
function readJson(file: ReleasePleaseFile, schema: object, problems: string[]): unknown {
  const errors: ParseError[] = [];
  const tree = parseTree(file.text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || tree === undefined) {
    for (const error of errors.slice(0, 5)) {
      problems.push(
        `${file.name}:${lineColumn(file.text, error.offset)}: the JSON does not parse (${describeParseError(error)}). Fix the JSON.`,
      );
    }
    if (errors.length === 0)
      problems.push(`${file.name}:1:1: the file is empty. Write the JSON object release-please reads.`);
    return null;
  }
  const data = JSON.parse(file.text) as unknown;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (validate(data)) return data;
  for (const error of keepTopErrors(validate.errors ?? [])) {
    const path = pointerSegments(error.instancePath);
    const extra =
      error.keyword === "additionalProperties"
        ? (error.params as { additionalProperty: string }).additionalProperty
        : null;
    const where = extra === null ? path : [...path, extra];
    problems.push(`${locate(file, where)}: ${describeError(error, where)}`);
  }
  return null;
}

/**
 * The errors worth showing: an `anyOf` that failed says more than each of its branches' complaints,
 * which are dropped.
 */
function keepTopErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOf = errors.filter((e) => e.keyword === "anyOf");
  const kept = errors.filter(
    (e) => e.keyword === "anyOf" || !anyOf.some((a) => e.schemaPath.startsWith(`${a.schemaPath}/`)),
  );
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath} ${e.keyword} ${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeError(error: ErrorObject, where: (string | number)[]): string {
  const name = where.length === 0 ? "the file" : displayPath(where);
  switch (error.keyword) {
    case "additionalProperties":
      return `${name} is not a key release-please knows. Remove it, or correct its spelling.`;
    case "required":
      return `${name} lacks ${(error.params as { missingProperty: string }).missingProperty}, which release-please requires. Add it.`;
    case "type":
      return `${name} must be ${article((error.params as { type: string }).type)}.`;
    case "enum":
      return `${name} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}.`;
    case "anyOf":
      return `${name} must be a file path, or { "type": "generic", "path": ... }, { "type": "json" (or "yaml", "toml"), "path": ..., "jsonpath": ... }, { "type": "xml", "path": ..., "xpath": ... } or { "type": "pom", "path": ... }.`;
    default:
      return `${name} ${error.message ?? "is not valid"}.`;
  }
}

function article(type: string): string {
  return type === "object" ? "an object" : type === "array" ? "an array" : `a ${type}`;
}

/** A JSON pointer's segments, numbers for array indices. */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** packages["packages/a"]["bump-minor-pre-major"], extra-files[0]: the path as a reader finds it. */
function displayPath(path: (string | number)[]): string {
  return path
    .map((s, i) =>
      typeof s === "number"
        ? `[${s}]`
        : /^[A-Za-z_$][\w$-]*$/.test(s)
          ? `${i === 0 ? "" : "."}${s}`
          : `[${JSON.stringify(s)}]`,
    )
    .join("");
}

/** file:line:column of the value at `path` (or of its key, for a key that is not wanted), else of its nearest parent. */
function locate(file: ReleasePleaseFile, path: (string | number)[]): string {
  const tree = parseTree(file.text);
  let node: Node | undefined;
  for (let n = path.length; n >= 0 && node === undefined; n--) {
    node = tree === undefined ? undefined : findNodeAtLocation(tree, path.slice(0, n));
  }
  // A key's position reads better than its value's for "not a key release-please knows".
  const offset = node?.parent?.type === "property" ? node.parent.offset : (node?.offset ?? 0);
  return `${file.name}:${lineColumn(file.text, offset)}`;
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `${line}:${offset - start + 1}`;
}

function describeParseError(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
