/** A score as people read it: one decimal at most, no trailing ".0" ("87.5%", "75%"). */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(1))}%`;
}
