/** The period a metrics run covers: [since, until), as given on the command line. */

const DAY_MS = 86_400_000;
const SPAN = /^(\d+)\s*(h|d|w)$/;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export type PeriodResult =
  | { ok: true; since: number; until: number }
  | { ok: false; flag: "--since" | "--until"; problem: string; fix: string };

/**
 * `--since` is a span back from `--until` (90d, 12w, 36h) or a time; `--until` is a time (default
 * `now`). A day (2026-03-01) means its midnight UTC; a time must say its offset (Z, +02:00).
 */
export function parsePeriod(since: string | undefined, until: string | undefined, now: number): PeriodResult {
  const end = until === undefined ? { ms: now } : parseInstant(until);
  if ("problem" in end) return { ok: false, flag: "--until", ...end };
  const text = (since ?? "90d").trim();
  const span = SPAN.exec(text);
  let start: number;
  if (span) {
    const count = Number(span[1]);
    if (count === 0)
      return {
        ok: false,
        flag: "--since",
        problem: `"${text}" is an empty period`,
        fix: "Give a span above 0, such as --since 90d.",
      };
    start = end.ms - count * UNIT_MS[span[2]!]!;
  } else {
    const at = parseInstant(text);
    if ("problem" in at) return { ok: false, flag: "--since", ...at };
    start = at.ms;
  }
  if (start >= end.ms) {
    return {
      ok: false,
      flag: "--since",
      problem: `the period starts at ${new Date(start).toISOString()}, not before its end ${new Date(end.ms).toISOString()}`,
      fix: "Give --since a time before --until, or a span such as 90d.",
    };
  }
  return { ok: true, since: start, until: end.ms };
}

function parseInstant(text: string): { ms: number } | { problem: string; fix: string } {
  const trimmed = text.trim();
  const ms = DAY.test(trimmed)
    ? Date.parse(`${trimmed}T00:00:00Z`)
    : TIME.test(trimmed)
      ? Date.parse(trimmed)
      : NaN;
  if (Number.isNaN(ms)) {
    return {
      problem: `"${text}" is neither a span nor a time`,
      fix: "Write a span such as 90d, 12w or 36h, a day such as 2026-03-01, or a time such as 2026-03-01T09:00:00Z.",
    };
  }
  return { ms };
}
