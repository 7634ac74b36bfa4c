import type { Outcome, Provenance } from "../../types.js";

/** What shipready writes in a bound gate's status cell: the emoji and word the seed checklists use. */
const STATUS_TEXT: Record<Outcome, string> = {
  pass: "🟢 PASS",
  fail: "🔴 FAIL",
  pending: "🟡 PENDING",
  warn: "⚠️ WARN",
  inconclusive: "⚪ INCONCLUSIVE",
  waived: "🟢 PASS",
  "n/a": "➖ N/A",
};

/** The status cell of a gate whose outcome came from evidence. Reads back as the same outcome. */
export function renderStatusCell(outcome: Outcome): string {
  return STATUS_TEXT[outcome];
}

/** A task item's box: ticked only for a pass, since anything else still needs doing. */
export function renderCheckbox(outcome: Outcome): string {
  return outcome === "pass" ? "[x]" : "[ ]";
}

/**
 * The last-run cell: when the evidence was observed, linked to it when it is on the web. Only the
 * evidence's own time goes here, so a second run over unchanged evidence writes the same bytes.
 */
export function renderLastRunCell(provenance: Provenance): string {
  if (provenance.observedAt === null) return "—";
  const when = `${provenance.observedAt.slice(0, 10)} ${provenance.observedAt.slice(11, 16)} UTC`;
  return /^https?:\/\//.test(provenance.source) ? `[${when}](${escapeLinkTarget(provenance.source)})` : when;
}

/** A URL as a markdown link target inside a table cell: nothing that ends the link or the cell. */
export function escapeLinkTarget(url: string): string {
  return url.replace(
    /[\s()<>|\\`]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** New cell text inside the spaces the cell had, so a rewritten table keeps its look. */
export function fitCell(original: string, text: string): string {
  if (original.trim() === "") return ` ${text} `;
  const leading = /^\s*/.exec(original)![0];
  const trailing = /\s*$/.exec(original)![0];
  return `${leading}${text}${trailing}`;
}
