import { JSONPath } from "jsonpath-plus";
import { getStaticTOMLValue, parseTOML } from "toml-eslint-parser";
import type { AST } from "toml-eslint-parser";

/**
 * `text` (TOML) with `version` as the value of each string the JSONPath selects, as release-please's
 * GenericToml updater sets it: the parser's positions say where each value stands, and only those
 * bytes change (the string keeps its quotes, basic or literal). Says what is wrong when the file is
 * not TOML or the path selects no string.
 */
export function updateTomlPath(
  text: string,
  jsonpath: string,
  version: string,
): { text: string; found: string[] } | { problem: string } {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text);
  } catch (error) {
    return { problem: `is not TOML (${(error as Error).message})` };
  }
  const values = new Map<string, AST.TOMLContentNode>();
  const top = ast.body[0];
  for (const item of top.body) {
    if (item.type === "TOMLKeyValue") collect(values, [], item);
    else for (const pair of item.body) collect(values, item.resolvedKey, pair);
  }
  let matches: { path: string; value: unknown }[];
  try {
    matches = JSONPath({
      path: jsonpath,
      json: getStaticTOMLValue(ast) as object,
      resultType: "all",
      wrap: true,
      eval: false,
    });
  } catch (error) {
    return { problem: `cannot use the jsonpath ${jsonpath} (${(error as Error).message})` };
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const found: string[] = [];
  for (const match of matches) {
    if (typeof match.value !== "string") continue;
    const node = values.get(keyOf(JSONPath.toPathArray(match.path).slice(1)));
    if (node === undefined || node.type !== "TOMLValue" || node.kind !== "string") continue;
    if (node.multiline)
      return { problem: `holds a multi-line string at ${match.path}; write the version on one line` };
    const quote = node.style === "literal" ? "'" : '"';
    found.push(match.value);
    edits.push({ start: node.range[0], end: node.range[1], text: `${quote}${version}${quote}` });
  }
  if (found.length === 0) return { problem: `has no string at ${jsonpath}` };
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return { text: out, found };
}

/** Each value under `pair`, by its full path (tables, dotted keys, inline tables and arrays followed). */
function collect(
  into: Map<string, AST.TOMLContentNode>,
  table: readonly (string | number)[],
  pair: AST.TOMLKeyValue,
): void {
  const path = [...table, ...pair.key.keys.map((k) => (k.type === "TOMLBare" ? k.name : k.value))];
  walk(into, path, pair.value);
}

function walk(
  into: Map<string, AST.TOMLContentNode>,
  path: (string | number)[],
  node: AST.TOMLContentNode,
): void {
  into.set(keyOf(path), node);
  if (node.type === "TOMLInlineTable") for (const pair of node.body) collect(into, path, pair);
  else if (node.type === "TOMLArray")
    node.elements.forEach((element, i) => walk(into, [...path, i], element));
}

function keyOf(path: readonly (string | number)[]): string {
  return JSON.stringify(path.map(String));
}
