import type { MarkerName, ParsedChecklist } from "../types.js";
import type { Span } from "../../types.js";

export interface OwnedEdit {
  /** A marker block's content, or a gate's cell. */
  target: { marker: MarkerName } | { span: Span };
  text: string;
}

/**
 * Splices new text into the ranges shipready owns and leaves every other byte as it was: the BOM,
 * line endings, trailing spaces and text outside the ranges are copied, never re-serialised.
 * A missing READINESS_SCORE block is inserted below the document's title.
 */
export function rewriteOwnedRanges(
  source: string,
  parsed: ParsedChecklist,
  edits: readonly OwnedEdit[],
): string {
  const bom = parsed.bom ? "\uFEFF" : "";
  const text = parsed.bom ? source.slice(1) : source;
  const splices: { span: Span; text: string }[] = [];
  for (const edit of edits) {
    if ("span" in edit.target) {
      splices.push({ span: edit.target.span, text: edit.text });
      continue;
    }
    const name = edit.target.marker;
    const block = parsed.markers.find((m) => m.name === name);
    if (block) {
      splices.push({ span: block.content, text: edit.text });
      continue;
    }
    const at = parsed.insertAt;
    const eol = parsed.eol;
    const before = at > 0 && !/\r?\n$|\r$/.test(text.slice(0, at)) ? eol : "";
    const gap = at > 0 ? eol : "";
    splices.push({
      span: { start: at, end: at },
      text: `${before}${gap}<!-- ${name}_START -->${eol}${edit.text}<!-- ${name}_END -->${eol}${at === 0 ? eol : ""}`,
    });
  }
  splices.sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const s of splices) out = out.slice(0, s.span.start) + s.text + out.slice(s.span.end);
  return bom + out;
}
