/**
 * A span in Prometheus's duration syntax, largest units first: 300000 ms -> 5m, 90000 -> 1m30s,
 * 1500 -> 1s500ms. What `{{window}}` in a query becomes.
 */
export function prometheusDuration(ms: number): string {
  let left = Math.max(1, Math.round(ms));
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ];
  let text = "";
  for (const [unit, size] of units) {
    const count = Math.floor(left / size);
    if (count > 0) {
      text += `${count}${unit}`;
      left -= count * size;
    }
  }
  return text;
}

/** The query with `{{window}}` (spaces inside the braces allowed) replaced by the window. */
export function fillWindow(query: string, windowMs: number): string {
  return query.replace(/\{\{\s*window\s*\}\}/g, prometheusDuration(windowMs));
}
