// release-please's Generic updater, rule for rule: the same markers, the same regular expressions.
const VERSION = /(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)(-(?<preRelease>[\w.]+))?(\+(?<build>[-\w.]+))?/;
const MAJOR = /\d+\b/;
const SINGLE = /\b\d+\b/;
const INLINE = /x-release-please-(?<scope>major|minor|patch|version-date|version|date)/;
const BLOCK_START = /x-release-please-start-(?<scope>major|minor|patch|version-date|version|date)/;
const BLOCK_END = /x-release-please-end/;

type Scope = "major" | "minor" | "patch" | "version" | "date" | "version-date";

/**
 * `text` with `version` written where release-please's markers say, as its Generic updater does: on a
 * line holding `x-release-please-version` (or -major, -minor, -patch) the first version (or number)
 * is replaced; between `x-release-please-start-version` and `x-release-please-end` every line's is.
 * Dates (`-date`) are left as they are. Lines end in \n afterwards, as release-please leaves them.
 * `replaced` counts the lines that hold a marker or sit in a block.
 */
export function updateReleasePleaseMarkers(
  text: string,
  version: string,
): { text: string; replaced: number } {
  const [major, minor, patch] = version.split(/[.+-]/) as [string, string, string];
  const parts = { major, minor, patch };
  const lines: string[] = [];
  let block: Scope | null = null;
  let replaced = 0;
  const replace = (line: string, scope: Scope) => {
    replaced++;
    if (scope === "version" || scope === "version-date") return line.replace(VERSION, version);
    if (scope === "major") return line.replace(MAJOR, parts.major);
    if (scope === "minor" || scope === "patch") return line.replace(SINGLE, parts[scope]);
    return line;
  };
  for (const line of text.split(/\r?\n/)) {
    const inline = INLINE.exec(line);
    if (inline) lines.push(replace(line, (inline.groups?.scope ?? "version") as Scope));
    else if (block !== null) {
      lines.push(replace(line, block));
      if (BLOCK_END.test(line)) block = null;
    } else {
      const start = BLOCK_START.exec(line);
      if (start) block = (start.groups?.scope ?? "version") as Scope;
      lines.push(line);
    }
  }
  return { text: lines.join("\n"), replaced };
}
