import { UsageError } from "../errors.js";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration flag as shipready.yml writes durations: seconds (300) or with a unit (5m, 90s, 24h). */
export function parseDurationOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2] ?? "s") as keyof typeof UNIT_MS] : NaN;
  if (!(ms >= 1000)) {
    throw new UsageError(
      `${flag} "${value}" is not a duration`,
      `Give seconds or a number with a unit, at least one second: ${flag} 300, ${flag} 5m, ${flag} 24h.`,
    );
  }
  return Math.round(ms);
}
