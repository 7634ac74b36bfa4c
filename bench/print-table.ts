/** Prints a plain-text table: a title, a header row, a rule, then the rows; columns padded to fit. */
export function printTable(
  title: string,
  header: string[],
  rows: string[][],
  rightAligned: number[] = [],
): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        i === cells.length - 1
          ? cell
          : rightAligned.includes(i)
            ? cell.padStart(widths[i]!)
            : cell.padEnd(widths[i]!),
      )
      .join(" | ")
      .trimEnd();
  console.log(title);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const row of rows) console.log(line(row));
}
