/** How a version is found in a file: by the file's kind, through a pattern, or on the lines a marker marks. */
export interface VersionLocator {
  /** The file's name as the user wrote it, for messages and to tell its kind (package.json, VERSION). */
  file: string;
  /** A regular expression whose first group is the version; every match is rewritten. */
  pattern?: string;
  /** Text marking the lines that hold the version. */
  marker?: string;
}

export type VersionBump =
  | {
      /** The versions found where the new one goes (usually one). */
      found: string[];
      /** The text with the new version written in; the same text when it already held it. */
      text: string;
    }
  | { problem: string };

// A version as it appears in text: 1.4.0, 1.4.0-rc.1, 1.4.0+build.5.
const VERSION_TEXT = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?/;

/**
 * Writes `version` where `locator` says the version is, changing no other byte: package.json's
 * top-level "version", the [project]/[tool.poetry] or [package] version of pyproject.toml and
 * Cargo.toml, the first line of a VERSION file, each match of a pattern's first group, or the version
 * on each line holding a marker. Says what is wrong instead when the version is not where it should be.
 */
export function bumpVersionText(text: string, locator: VersionLocator, version: string): VersionBump {
  const spans = locateVersion(text, locator);
  if ("problem" in spans) return spans;
  let out = "";
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + version;
    at = span.end;
  }
  out += text.slice(at);
  return { found: spans.map((s) => text.slice(s.start, s.end)), text: out };
}

interface Span {
  start: number;
  end: number;
}

function locateVersion(text: string, locator: VersionLocator): Span[] | { problem: string } {
  const { file } = locator;
  if (locator.pattern !== undefined) return byPattern(text, file, locator.pattern);
  if (locator.marker !== undefined) return byMarker(text, file, locator.marker);
  const name = (file.split(/[\\/]/).pop() ?? file).toLowerCase();
  if (name.endsWith(".json")) return byJsonKey(text, file);
  if (name === "pyproject.toml") return byTomlTable(text, file, ["project", "tool.poetry"]);
  if (name === "cargo.toml") return byTomlTable(text, file, ["package", "workspace.package"]);
  if (/^\.?version(\.txt)?$/.test(name)) {
    const line = /^[ \t]*(\S[^\r\n]*?)[ \t]*$/m.exec(text);
    if (!line) return { problem: `${file} is empty. Write the current version on its first line.` };
    const start = line.index + line[0].indexOf(line[1]!);
    return [{ start, end: start + line[1]!.length }];
  }
  return {
    problem: `cannot tell where the version is in ${file}. Give it a pattern (release.versionFiles: - { path: ${file}, pattern: 'version = "([^"]+)"' }) or a marker.`,
  };
}

function byPattern(text: string, file: string, pattern: string): Span[] | { problem: string } {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "gmd");
  } catch (error) {
    return {
      problem: `the version pattern of ${file} does not compile (${(error as Error).message}). Fix it in shipready.yml.`,
    };
  }
  const spans: Span[] = [];
  for (const match of text.matchAll(regex)) {
    const group = match.indices?.[1];
    if (group === undefined) {
      return { problem: `the version pattern of ${file} has no group: put the version in parentheses.` };
    }
    if (group[1] > group[0]) spans.push({ start: group[0], end: group[1] });
    if (match[0] === "") break;
  }
  if (spans.length === 0) {
    return {
      problem: `${file} has no text matching the version pattern ${pattern}. Write the current version there, or correct release.versionFiles in shipready.yml.`,
    };
  }
  return spans;
}

function byMarker(text: string, file: string, marker: string): Span[] | { problem: string } {
  const spans: Span[] = [];
  let lineStart = 0;
  let marked = 0;
  for (const line of text.split("\n")) {
    if (line.includes(marker)) {
      marked++;
      const found = VERSION_TEXT.exec(line);
      if (found)
        spans.push({ start: lineStart + found.index, end: lineStart + found.index + found[0].length });
    }
    lineStart += line.length + 1;
  }
  if (spans.length > 0) return spans;
  return {
    problem:
      marked === 0
        ? `${file} has no line holding the marker ${JSON.stringify(marker)}. Add it beside the version, or correct release.versionFiles.`
        : `the lines of ${file} holding the marker ${JSON.stringify(marker)} hold no version (1.2.3). Write the current version there.`,
  };
}

/** The top-level "version" of a JSON document, found by walking it: nested "version" keys are not it. */
function byJsonKey(text: string, file: string): Span[] | { problem: string } {
  let depth = 0;
  let expectKey = false;
  let key: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[") {
      depth++;
      expectKey = c === "{";
    } else if (c === "}" || c === "]") {
      depth--;
    } else if (c === ",") {
      expectKey = true;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (end >= text.length) break;
      const value = text.slice(i + 1, end);
      if (depth === 1 && expectKey) {
        key = value;
        expectKey = false;
      } else if (depth === 1 && key === "version") {
        return [{ start: i + 1, end }];
      }
      i = end;
    } else if (c === ":") {
      continue;
    } else if (!/\s/.test(c!) && depth === 1 && key === "version") {
      return { problem: `${file} has a "version" that is not a string. Write it as "version": "1.2.3".` };
    }
    if (c === "," || c === "{") key = null;
  }
  return {
    problem: `${file} has no top-level "version" field. Add "version": "0.0.0", or name another file.`,
  };
}

function byTomlTable(text: string, file: string, tables: string[]): Span[] | { problem: string } {
  let table = "";
  let offset = 0;
  for (const line of text.split("\n")) {
    const header = /^\s*\[([^\][]+)\]\s*(#.*)?\r?$/.exec(line);
    if (header) {
      table = header[1]!.replace(/\s+/g, "").replace(/["']/g, "");
    } else if (tables.includes(table)) {
      const pair = /^(\s*version\s*=\s*)(["'])([^"'\r\n]*)\2/.exec(line);
      if (pair) {
        const start = offset + pair[1]!.length + 1;
        return [{ start, end: start + pair[3]!.length }];
      }
    }
    offset += line.length + 1;
  }
  return {
    problem: `${file} has no version = "..." in [${tables.join("] or [")}]. Add one, or give the file a pattern in release.versionFiles.`,
  };
}
