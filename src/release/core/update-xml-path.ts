import { DOMParser, type Node as XmlNode } from "@xmldom/xmldom";
import xpath from "xpath";

/** The version of a Maven pom.xml, as release-please's PomXml finds it: the project's own, else its parent's. */
export const POM_PROJECT_VERSION = '/*[local-name()="project"]/*[local-name()="version"]';
export const POM_PARENT_VERSION =
  '/*[local-name()="project"]/*[local-name()="parent"]/*[local-name()="version"]';

/**
 * `text` (XML) with `version` as the text of each element (or the value of each attribute) the XPath
 * selects, as release-please's GenericXml updater sets it (and PomXml with `paths` tried in turn until
 * one selects something). release-please serialises the whole document again; here the parser's
 * positions say where each value stands and only those bytes change. Says what is wrong when the file
 * is not XML or the path selects nothing.
 */
export function updateXmlPath(
  text: string,
  paths: readonly string[],
  version: string,
): { text: string; found: string[] } | { problem: string } {
  const errors: string[] = [];
  let doc: ReturnType<DOMParser["parseFromString"]>;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") errors.push(message);
      },
    }).parseFromString(text, "text/xml");
  } catch (error) {
    return { problem: `is not XML (${firstLine((error as Error).message)})` };
  }
  if (errors.length > 0) return { problem: `is not XML (${firstLine(errors[0]!)})` };
  let nodes: XmlNode[] = [];
  for (const path of paths) {
    let selected: unknown;
    try {
      selected = xpath.select(path, doc as unknown as globalThis.Node);
    } catch (error) {
      return { problem: `cannot use the xpath ${path} (${(error as Error).message})` };
    }
    nodes = Array.isArray(selected) ? (selected as XmlNode[]) : [];
    if (nodes.length > 0) break;
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offsetOf = (node: XmlNode) => lineStarts[node.lineNumber! - 1]! + node.columnNumber! - 1;
  const edits: { start: number; end: number; text: string }[] = [];
  const found: string[] = [];
  for (const node of nodes) {
    const span = valueSpan(text, node, offsetOf);
    if ("problem" in span) return span;
    found.push(span.value);
    edits.push({ start: span.start, end: span.end, text: version });
  }
  if (found.length === 0) return { problem: `has nothing at ${paths.join(" or ")}` };
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return { text: out, found };
}

/** Where the node's value stands in the text: an element's one text child, an attribute's value, a text node. */
function valueSpan(
  text: string,
  node: XmlNode,
  offsetOf: (node: XmlNode) => number,
): { start: number; end: number; value: string } | { problem: string } {
  const name = node.nodeName;
  if (node.nodeType === 2) {
    const value = node.nodeValue ?? "";
    // The parser places an attribute at its opening quote.
    const quote = text[offsetOf(node)];
    const start = offsetOf(node) + 1;
    if (
      (quote !== '"' && quote !== "'") ||
      text.slice(start, start + value.length) !== value ||
      text[start + value.length] !== quote
    ) {
      return {
        problem: `has an attribute ${name} whose value cannot be rewritten in place (write it without entities)`,
      };
    }
    return { start, end: start + value.length, value };
  }
  const textNode = node.nodeType === 3 ? node : onlyTextChild(node);
  if (textNode === null) {
    return { problem: `has an element <${name}> that holds no text of its own; write the version inside it` };
  }
  const value = textNode.nodeValue ?? "";
  const start = offsetOf(textNode);
  if (text.slice(start, start + value.length) !== value) {
    return {
      problem: `has an element <${name}> whose text cannot be rewritten in place (write it without entities or CDATA)`,
    };
  }
  return { start, end: start + value.length, value };
}

function onlyTextChild(node: XmlNode): XmlNode | null {
  const children = node.childNodes;
  if (children === undefined || children === null || children.length !== 1) return null;
  const child = children.item(0);
  return child !== null && child.nodeType === 3 ? child : null;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0]!;
}
