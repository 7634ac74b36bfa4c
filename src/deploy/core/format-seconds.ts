/** A duration as the release strategy's seed writes it: in seconds (300s, 1.5s). */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}
