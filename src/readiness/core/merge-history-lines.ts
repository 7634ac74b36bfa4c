/** The history file's text as three sides of a merge: where this run started, this run's, and the other side's. */
export interface HistorySides {
  /** The file where this run started from (empty when it did not exist there). */
  base: string;
  /** The file as this run wrote it. */
  mine: string;
  /** The file as the other side (the branch that moved meanwhile) has it. */
  theirs: string;
}

/**
 * The union of two histories that grew from one base: the other side's file as it is, then the
 * lines this run added that it lacks, in this run's order. The file is append-only and each line a
 * whole record, so keeping both sides' lines loses nothing, and comparing whole lines keeps a record
 * both sides appended from being written twice.
 */
export function mergeHistoryLines(sides: HistorySides): string {
  const kept = new Set(recordLines(sides.theirs));
  const known = new Set(recordLines(sides.base));
  const added: string[] = [];
  for (const line of recordLines(sides.mine)) {
    if (known.has(line) || kept.has(line)) continue;
    kept.add(line);
    added.push(line);
  }
  if (added.length === 0) return sides.theirs;
  // Keep the other side's line ending, so a file checked out with CRLF does not end up mixed.
  const eol =
    /^[^\n]*\r\n/.test(sides.theirs) || (sides.theirs === "" && /\r\n/.test(sides.mine)) ? "\r\n" : "\n";
  const lead = sides.theirs.length > 0 && !sides.theirs.endsWith("\n") ? eol : "";
  return sides.theirs + lead + added.map((line) => line + eol).join("");
}

function recordLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line))
    .filter((line) => line.trim() !== "");
}
