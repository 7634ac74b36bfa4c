const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** The ISO week holding `ms` (UTC): its name (2026-W09) and its Monday 00:00 UTC. */
export function isoWeek(ms: number): { week: string; start: number } {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const monday = day - weekday;
  // The week belongs to the year of its Thursday.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  const jan1Weekday = (((jan1 + 3) % 7) + 7) % 7;
  // Week 1 holds the year's first Thursday.
  const week1Monday = jan1 - jan1Weekday + (jan1Weekday > 3 ? 7 : 0);
  const number = Math.floor((monday - week1Monday) / 7) + 1;
  return { week: `${year}-W${String(number).padStart(2, "0")}`, start: monday * DAY_MS };
}

/** The ISO weeks that [since, until) touches, in order, each marked whole when the period holds all of it. */
export function weeksOf(since: number, until: number): { week: string; start: number; whole: boolean }[] {
  const weeks: { week: string; start: number; whole: boolean }[] = [];
  if (until <= since) return weeks;
  for (let start = isoWeek(since).start; start < until; start += WEEK_MS) {
    weeks.push({ ...isoWeek(start), whole: start >= since && start + WEEK_MS <= until });
  }
  return weeks;
}

/** The UTC day number of `ms`, to count days with a deploy. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** The calendar months (UTC) that [since, until) touches: each with its deploy-counting key and whether it is whole. */
export function monthsOf(since: number, until: number): { month: string; whole: boolean }[] {
  const months: { month: string; whole: boolean }[] = [];
  const first = new Date(since);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); Date.UTC(y, m, 1) < until; m++) {
    if (m === 12) {
      m = 0;
      y++;
    }
    const start = Date.UTC(y, m, 1);
    const end = Date.UTC(y, m + 1, 1);
    months.push({ month: monthOf(start), whole: start >= since && end <= until });
  }
  return months;
}

/**
 * 2026-03: the UTC month of `ms`, by arithmetic on its day number (the civil-from-days algorithm of
 * Howard Hinnant's chrono-compatible date algorithms), not through a Date: a year of an
 * organisation's deploys asks it a hundred thousand times.
 */
export function monthOf(ms: number): string {
  const z = Math.floor(ms / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}`;
}
