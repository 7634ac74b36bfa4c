const UNITS: [string, number][] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
];

/** Milliseconds as Prometheus writes a duration, in the largest unit that divides it: 300000 -> 5m, 90000 -> 90s. */
export function formatPrometheusDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole === 0) return "0s";
  for (const [unit, size] of UNITS) if (whole % size === 0) return `${whole / size}${unit}`;
  return `${whole}ms`;
}
