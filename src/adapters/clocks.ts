import type { Clock } from "../ports.js";

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one time, for reproducible runs (`--now`, SOURCE_DATE_EPOCH). */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
