import type Token from "markdown-it/lib/token.mjs";
import { inlineTextOf } from "./read-inline-text.js";
import { cleanName } from "./normalize-text.js";
import { readStatusLine } from "./read-status-line.js";
import type { SkippedPlace } from "../types.js";
import type { PartialGate, ReadGate, ReadOptions } from "./read-table.js";
import type { SourceLines } from "./source-lines.js";

const TASK_MARKER = /^\[([ xX])\](?=\s|$)/;
const CHECKBOX_ON_LINE = /^(?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/;

/**
 * A list item that is a gate: a task item (`- [x] name`, the box decides), or a bullet that states
 * a status (`- ✅ name`, `- **name:** PASS`, `- **Status:** done`). `nameFromHeading` marks a status
 * whose gate is named by its heading.
 */
export function readListItem(
  tokens: Token[],
  index: number,
  lines: SourceLines,
  options: ReadOptions,
): (ReadGate & { nameFromHeading: boolean }) | { skipped: SkippedPlace } | null {
  const item = tokens[index]!;
  const paragraph = tokens[index + 1];
  const inline = tokens[index + 2];
  if (paragraph?.type !== "paragraph_open" || inline?.type !== "inline") return null;
  const line = item.map![0];
  const task = readTaskItem(inline, line, lines);
  if (task?.name === "")
    return { skipped: { line: line + 1, text: lines.line(line).trim(), rule: "unnamed" } };
  if (task) return { gate: task, reading: { outcome: task.writtenOutcome }, nameFromHeading: false };
  const stated = readStatusLine(inline.content, options.classify);
  if (!stated) return null;
  const gate: PartialGate = {
    name: stated.name ?? "",
    line: line + 1,
    form: "list-item",
    statusText: stated.statusText,
    writtenOutcome: stated.reading.outcome,
  };
  return { gate, reading: stated.reading, nameFromHeading: stated.name === null };
}

function readTaskItem(inline: Token, line: number, lines: SourceLines): PartialGate | null {
  const marker = TASK_MARKER.exec(inline.content);
  if (!marker) return null;
  const rest = inline.content.replace(TASK_MARKER, "");
  // The name a reader sees; the item's own text when markup leaves nothing (an item is never dropped).
  const name = cleanName(inlineTextOf(rest)) || rest.trim();
  const checked = marker[1] !== " ";
  const gate: PartialGate = {
    name,
    line: line + 1,
    form: "task-item",
    statusText: checked ? "[x]" : "[ ]",
    writtenOutcome: checked ? "pass" : "pending",
  };
  const onLine = CHECKBOX_ON_LINE.exec(lines.line(line));
  if (onLine) {
    const end = lines.start(line) + onLine[0].length;
    gate.statusCell = { start: end - 3, end };
  }
  return gate;
}
