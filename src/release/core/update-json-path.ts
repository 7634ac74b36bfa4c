import { applyEdits, modify } from "jsonc-parser";
import { JSONPath } from "jsonpath-plus";

const VERSION = /(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)(-(?<preRelease>[\w.]+))?(\+(?<build>[-\w.]+))?/;

/**
 * `text` (JSON) with `version` written into each string the JSONPath selects, where it holds a version,
 * as release-please's GenericJson updater does. Only those values change: the rest of the file keeps
 * its bytes. Says what is wrong when the file is not JSON or the path selects no version.
 */
export function updateJsonPath(
  text: string,
  jsonpath: string,
  version: string,
): { text: string; found: string[] } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: `is not JSON (${(error as Error).message})` };
  }
  let matches: { path: string; value: unknown }[];
  try {
    matches = JSONPath({
      path: jsonpath,
      json: data as object,
      resultType: "all",
      wrap: true,
      eval: false,
    }) as {
      path: string;
      value: unknown;
    }[];
  } catch (error) {
    return { problem: `cannot use the jsonpath ${jsonpath} (${(error as Error).message})` };
  }
  const found: string[] = [];
  let out = text;
  for (const match of matches) {
    if (typeof match.value !== "string") continue;
    const current = VERSION.exec(match.value);
    if (current === null) continue;
    found.push(current[0]);
    const segments = jsonSegments(data, JSONPath.toPathArray(match.path).slice(1));
    const edits = modify(out, segments, match.value.replace(VERSION, version), {});
    out = applyEdits(out, edits);
  }
  if (found.length === 0) return { problem: `has no version (1.2.3) at ${jsonpath}` };
  return { text: out, found };
}

/** The path's segments as jsonc-parser takes them: numbers where the value on the way is an array. */
function jsonSegments(data: unknown, path: string[]): (string | number)[] {
  let node = data;
  return path.map((segment) => {
    const key = Array.isArray(node) ? Number(segment) : segment;
    node = (node as Record<string, unknown>)[segment];
    return key;
  });
}
