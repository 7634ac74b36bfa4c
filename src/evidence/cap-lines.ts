// Details are read in a terminal and a job summary; past this many lines they stop being read.
const MAX_LINES = 10;

/** At most ten lines, the last of them saying how many were left out. */
export function capLines(lines: string[]): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `and ${lines.length - MAX_LINES + 1} more`];
}
