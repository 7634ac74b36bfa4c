import { applyEdits, modify, parse, type ParseError } from "jsonc-parser";

/**
 * `text` (a package-lock.json or npm-shrinkwrap.json) with `version` written where release-please's
 * node strategy writes it: the top-level "version", and for lock files of version 2 and 3 the root
 * package's `packages[""].version`. Only those values change; the file keeps its other bytes.
 */
export function updatePackageLock(
  text: string,
  version: string,
): { text: string; found: string[] } | { problem: string } {
  const errors: ParseError[] = [];
  const data = parse(text, errors, { disallowComments: true, allowTrailingComma: false }) as unknown;
  if (errors.length > 0 || data === null || typeof data !== "object" || Array.isArray(data)) {
    return { problem: "is not a JSON object" };
  }
  const lock = data as { version?: unknown; lockfileVersion?: unknown; packages?: Record<string, unknown> };
  const found: string[] = [];
  const indent = detectIndent(text);
  const set = (current: string, path: (string | number)[]) =>
    applyEdits(current, modify(current, path, version, { formattingOptions: indent }));
  if (typeof lock.version === "string") found.push(lock.version);
  let out = set(text, ["version"]);
  const root = lock.packages?.[""];
  if (
    (lock.lockfileVersion === 2 || lock.lockfileVersion === 3) &&
    root !== null &&
    typeof root === "object"
  ) {
    const rootVersion = (root as { version?: unknown }).version;
    if (typeof rootVersion === "string") found.push(rootVersion);
    out = set(out, ["packages", "", "version"]);
  }
  return { text: out, found };
}

/** The file's own indentation, for a key that has to be added (npm writes two spaces). */
function detectIndent(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const line = /\n([ \t]+)\S/.exec(text);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (line?.[1]?.startsWith("\t")) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: line?.[1]?.length ?? 2, eol };
}
