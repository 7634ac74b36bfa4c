import {
  applyEdits,
  modify,
  parseTree,
  findNodeAtLocation,
  getNodeValue,
  type ParseError,
} from "jsonc-parser";

export type FlagEdit = { ok: true; text: string; was: string | null } | { ok: false; problem: string };

/**
 * An OpenFeature flagd flag file with `flags.<flag>.defaultVariant` set to `variant`. Only that value
 * changes: every other byte (indentation, key order, comments, the final newline) is kept. Refuses a
 * file that is not JSON, a flag it does not define, and a variant the flag does not list.
 */
export function setFlagdVariant(text: string, flag: string, variant: string): FlagEdit {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (tree === undefined || errors.length > 0 || tree.type !== "object") {
    return { ok: false, problem: "is not a flagd flag file: it does not hold one JSON object" };
  }
  const node = findNodeAtLocation(tree, ["flags", flag]);
  if (node === undefined || node.type !== "object") {
    const flags = findNodeAtLocation(tree, ["flags"]);
    const known = flags?.type === "object" ? Object.keys(getNodeValue(flags) as object) : [];
    return {
      ok: false,
      problem: `defines no flag "${flag}"${known.length > 0 ? ` (it defines ${known.join(", ")})` : ""}`,
    };
  }
  const variants = findNodeAtLocation(node, ["variants"]);
  if (variants?.type === "object") {
    const names = Object.keys(getNodeValue(variants) as object);
    if (!names.includes(variant)) {
      return {
        ok: false,
        problem: `has no variant "${variant}" for flag "${flag}" (it has ${names.join(", ")})`,
      };
    }
  }
  const current = findNodeAtLocation(node, ["defaultVariant"]);
  const was = typeof current?.value === "string" ? current.value : null;
  const edits = modify(text, ["flags", flag, "defaultVariant"], variant, {
    formattingOptions: detectFormatting(text),
  });
  return { ok: true, text: applyEdits(text, edits), was };
}

/** The file's own indentation and line ending, so an added key looks like its neighbours. */
function detectFormatting(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}
