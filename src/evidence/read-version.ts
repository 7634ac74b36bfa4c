import { basename, resolve } from "node:path";
import type { VersionSource } from "./types.js";
import type { EvidenceContext } from "./evidence-context.js";
import { parseJson } from "./parse-json.js";
import { readCappedText, type SizeLimit } from "./read-capped-text.js";

// Version files are small; a file far larger than this was named by mistake.
const VERSION_FILE_LIMIT: SizeLimit = {
  maxBytes: 1024 * 1024,
  tooLarge: () => "too large to be a version file. Name the file that holds the version.",
};

/** A version as read from one source, or why there is none: "fail" when the file lacks it, "inconclusive" when it could not be told. */
export type VersionReading =
  | { version: string; file: string }
  | { version: null; file: string; outcome: "fail" | "inconclusive"; problem: string };

/**
 * Reads a version from package.json (or any JSON with a top-level version), pyproject.toml,
 * Cargo.toml, a VERSION file, or any file with a pattern whose first group is the version.
 */
export async function readVersion(
  source: VersionSource,
  context: Pick<EvidenceContext, "root" | "files">,
): Promise<VersionReading> {
  const file = source.path;
  const missing = (outcome: "fail" | "inconclusive", problem: string): VersionReading => ({
    version: null,
    file,
    outcome,
    problem,
  });

  let pattern: RegExp | null = null;
  if (source.pattern !== undefined) {
    try {
      pattern = new RegExp(source.pattern, "m");
    } catch (error) {
      return missing(
        "inconclusive",
        `the version pattern for ${file} is not a valid regular expression (${(error as Error).message}). Correct it in shipready.yml.`,
      );
    }
    if (countGroups(pattern) === 0) {
      return missing(
        "inconclusive",
        `the version pattern for ${file} has no group: put the version part in parentheses, as in version: "([^"]+)".`,
      );
    }
  }

  const path = resolve(context.root, file);
  if (!(await context.files.exists(path))) {
    return missing(
      "fail",
      `${file} does not exist. Create it, or correct the version source in shipready.yml.`,
    );
  }
  const read = await readCappedText(path, file, VERSION_FILE_LIMIT, context);
  if ("problem" in read) return missing("inconclusive", read.problem);
  const { text } = read;

  if (pattern) {
    const found = pattern.exec(text)?.[1]?.trim();
    return found
      ? { version: found, file }
      : missing(
          "fail",
          `${file} has no text matching the version pattern ${source.pattern}. Write the version there, or correct the pattern.`,
        );
  }

  const name = basename(file).toLowerCase();
  if (name.endsWith(".json")) return readJsonVersion(text, file, missing);
  if (name === "pyproject.toml") return readPyprojectVersion(text, file, missing);
  if (name === "cargo.toml") return readCargoVersion(text, file, missing);
  if (/^\.?version(\.txt)?$/.test(name)) {
    const first = text.split(/\r?\n/).find((line) => line.trim() !== "");
    return first
      ? { version: first.trim(), file }
      : missing("fail", `${file} is empty. Write the version on its first line.`);
  }
  return missing(
    "inconclusive",
    `cannot tell how to read a version from ${file}. Give a pattern whose first group is the version ` +
      "(package.json, pyproject.toml, Cargo.toml and VERSION files need none).",
  );
}

type Missing = (outcome: "fail" | "inconclusive", problem: string) => VersionReading;

function readJsonVersion(text: string, file: string, missing: Missing): VersionReading {
  const parsed = parseJson(text);
  if ("error" in parsed) return missing("inconclusive", `${file} is ${parsed.error}. Correct the file.`);
  const version = (parsed.value as { version?: unknown } | null)?.version;
  if (typeof version === "string" && version.trim() !== "") return { version: version.trim(), file };
  return missing("fail", `${file} has no "version" field. Add one, or read the version from another file.`);
}

function readPyprojectVersion(text: string, file: string, missing: Missing): VersionReading {
  const tables = readTomlTables(text);
  for (const table of ["project", "tool.poetry"]) {
    const version = readTomlString(tables.get(table)?.get("version"));
    if (version) return { version, file };
  }
  const dynamic = tables.get("project")?.get("dynamic") ?? "";
  if (/["']version["']/.test(dynamic)) {
    return missing(
      "inconclusive",
      `${file} declares its version dynamic, so the version is written elsewhere. Read it there with a pattern, ` +
        `for example { path: src/mypackage/__init__.py, pattern: '__version__ = "([^"]+)"' }.`,
    );
  }
  return missing(
    "fail",
    `${file} has no version in [project] or [tool.poetry]. Add version = "..." to [project].`,
  );
}

function readCargoVersion(text: string, file: string, missing: Missing): VersionReading {
  const tables = readTomlTables(text);
  const pkg = tables.get("package");
  const version = readTomlString(pkg?.get("version"));
  if (version) return { version, file };
  const inherits =
    pkg?.get("version.workspace") === "true" || /workspace\s*=\s*true/.test(pkg?.get("version") ?? "");
  const shared = readTomlString(tables.get("workspace.package")?.get("version"));
  if (shared && (inherits || !pkg)) return { version: shared, file };
  if (inherits) {
    return missing(
      "inconclusive",
      `${file} takes its version from the workspace (version.workspace = true). Name the workspace's Cargo.toml instead.`,
    );
  }
  return missing("fail", `${file} has no version in [package]. Add version = "..." to [package].`);
}

/**
 * Table name -> key -> raw value text, read line by line. Enough for version lookups: values that
 * span lines and keys nested below the table's own level are not needed and not read.
 */
function readTomlTables(text: string): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>([["", new Map()]]);
  let current: Map<string, string> | null = tables.get("")!;
  // An array that spans lines (dynamic = [\n "version",\n]) is gathered into one value.
  let gathering: { key: string; value: string; depth: number } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (gathering) {
      gathering.value += ` ${line.trim()}`;
      gathering.depth += bracketDepth(line);
      if (gathering.depth <= 0) {
        current?.set(gathering.key, gathering.value);
        gathering = null;
      }
      continue;
    }
    if (/^\s*\[\[/.test(line)) {
      // An array of tables ([[bin]]) never holds the package's version.
      current = null;
      continue;
    }
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      const name = normaliseTomlKey(header[1]!);
      current = tables.get(name) ?? new Map<string, string>();
      tables.set(name, current);
      continue;
    }
    const pair = /^\s*([A-Za-z0-9_\-."' ]+?)\s*=\s*(.*)$/.exec(line);
    if (pair && current) {
      const key = normaliseTomlKey(pair[1]!);
      const value = pair[2]!.trim();
      const depth = value.startsWith("[") ? bracketDepth(value) : 0;
      if (depth > 0) gathering = { key, value, depth };
      else if (!current.has(key)) current.set(key, value);
    }
  }
  return tables;
}

function bracketDepth(text: string): number {
  const unquoted = text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, "").replace(/#.*$/, "");
  return (unquoted.match(/\[/g)?.length ?? 0) - (unquoted.match(/\]/g)?.length ?? 0);
}

function normaliseTomlKey(key: string): string {
  return key
    .split(".")
    .map((part) => part.trim().replace(/^["']|["']$/g, ""))
    .join(".");
}

function readTomlString(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const basic = /^"((?:[^"\\]|\\.)*)"/.exec(raw);
  const literal = /^'([^']*)'/.exec(raw);
  const value = (basic?.[1] ?? literal?.[1])?.trim();
  return value ? value : null;
}

function countGroups(pattern: RegExp): number {
  // An alternative that matches the empty string makes exec succeed, showing how many groups there are.
  return new RegExp(`${pattern.source}|`).exec("")!.length - 1;
}
