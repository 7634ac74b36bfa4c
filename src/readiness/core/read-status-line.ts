import type { StatusReading } from "./classify-status.js";
import { splitLeadingStatus } from "./classify-status.js";
import { inlineTextOf } from "./read-inline-text.js";
import { cleanName, nameKey } from "./normalize-text.js";

/** A line that states a status: its gate's name (null: named by its heading) and what it says. */
export interface StatusLine {
  name: string | null;
  statusText: string;
  reading: StatusReading;
}

/** The words that name a status, as a column header or a line's label, in a few languages. */
export const STATUS_WORDS = [
  "status",
  "state",
  "result",
  "outcome",
  "estado",
  "statut",
  "stato",
  "stand",
  "zustand",
  "状态",
  "狀態",
  "ステータス",
];
const STATUS_LABELS = new Set(STATUS_WORDS);
// `**Label:** value` or `**Label**: value` (also with __), and a plain `Status: value`.
const BOLD_LABEL = /^(?:\*\*|__)(.+?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(.*)$/s;
const PLAIN_LABEL = /^([^:*_]{1,40}):\s*(.+)$/s;
// What follows a name to restate its status: "Build: PASS", "Build - PASS", "Build — PASS".
const TRAILING_STATUS = /^(.*?)\s*(?::|\s[-—–])\s*([^:—–]+)$/s;

/**
 * Reads the markdown of one line (a list item's text or a paragraph line) as a status line:
 * `✅ Build passes`, `**Ruff Linting:** ✅ PASS`, `**Status:** ✅ Complete`, `Status: done`.
 * Null when the line states no status.
 */
export function readStatusLine(
  markdownText: string,
  classify: (text: string) => StatusReading,
): StatusLine | null {
  const labelled = readLabelled(markdownText, classify);
  if (labelled) return labelled;
  const plain = inlineTextOf(markdownText).replace(/\s+/g, " ").trim();
  const led = splitLeadingStatus(plain);
  if (!led) return null;
  const tail = TRAILING_STATUS.exec(led.rest);
  if (tail && classify(tail[2]!.trim()).outcome !== null) {
    const statusText = `${led.symbols} ${tail[2]!.trim()}`;
    return { name: cleanName(tail[1]!) || led.rest, statusText, reading: classify(statusText) };
  }
  return { name: cleanName(led.rest) || plain, statusText: led.symbols, reading: classify(led.symbols) };
}

function readLabelled(markdownText: string, classify: (text: string) => StatusReading): StatusLine | null {
  const bold = BOLD_LABEL.exec(markdownText.trim());
  const plain = bold ? null : PLAIN_LABEL.exec(inlineTextOf(markdownText).trim());
  const match = bold ?? plain;
  if (!match) return null;
  const label = cleanName(inlineTextOf(match[1]!));
  const value = inlineTextOf(match[2]!).replace(/\s+/g, " ").trim();
  const isStatusLabel = STATUS_LABELS.has(nameKey(label));
  if (plain && !isStatusLabel) return null;
  if (value === "" || label === "") return null;
  const reading = classify(value);
  if (isStatusLabel) return { name: null, statusText: value, reading };
  return reading.outcome === null ? null : { name: label, statusText: value, reading };
}
