import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from "yaml";

/**
 * The line (1-based) of the node at `at` (keys and list indexes) in a parsed YAML document; the
 * line of the deepest part of the path that exists, so a missing key points at its parent.
 */
export function lineOfPath(doc: Document, lineCounter: LineCounter, at: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = isNode(node) && node.range ? node.range[0] : 0;
  for (const key of at) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(key),
      );
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item: unknown = node.items[key];
      if (!isNode(item) || !item.range) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}
