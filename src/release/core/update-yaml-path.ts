import { JSONPath } from "jsonpath-plus";
import { isScalar, parseAllDocuments, Scalar } from "yaml";

/**
 * `text` (YAML, one document or several) with `version` as the value of each string the JSONPath
 * selects, as release-please's GenericYaml updater sets it. Where release-please dumps the whole file
 * again, only the selected values are rewritten here, in their own quoting: comments, order and
 * layout keep their bytes. Says what is wrong when the file is not YAML or the path selects no string.
 */
export function updateYamlPath(
  text: string,
  jsonpath: string,
  version: string,
): { text: string; found: string[] } | { problem: string } {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { problem: "is empty" };
  const broken = docs.flatMap((doc) => doc.errors);
  if (broken.length > 0) return { problem: `is not YAML (${broken[0]!.message.split("\n", 1)[0]})` };
  const edits: { start: number; end: number; text: string }[] = [];
  const found: string[] = [];
  for (const doc of docs) {
    let matches: { path: string; value: unknown }[];
    try {
      matches = JSONPath({
        path: jsonpath,
        json: doc.toJS() as object,
        resultType: "all",
        wrap: true,
        eval: false,
      });
    } catch (error) {
      return { problem: `cannot use the jsonpath ${jsonpath} (${(error as Error).message})` };
    }
    for (const match of matches) {
      if (typeof match.value !== "string") continue;
      const node = doc.getIn(JSONPath.toPathArray(match.path).slice(1), true);
      if (!isScalar(node) || node.range === undefined || node.range === null) continue;
      if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
        return { problem: `holds a block scalar (| or >) at ${match.path}; write the version on one line` };
      }
      const [start, end] = node.range;
      const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : "";
      found.push(match.value);
      edits.push({ start, end, text: `${quote}${version}${quote}` });
    }
  }
  if (found.length === 0) return { problem: `has no string at ${jsonpath}` };
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return { text: out, found };
}
