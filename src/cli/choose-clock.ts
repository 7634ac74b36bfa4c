import { fixedClock, systemClock } from "../adapters/clocks.js";
import { UsageError } from "../errors.js";
import type { Clock } from "../ports.js";

/** The clock of a run: --now, else SOURCE_DATE_EPOCH (reproducible builds), else the system clock. */
export function chooseClock(now: string | undefined, env: NodeJS.ProcessEnv): Clock {
  if (now !== undefined) {
    const at = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(now) ? new Date(now) : new Date(NaN);
    if (Number.isNaN(at.getTime())) {
      throw new UsageError(`--now "${now}" is not an ISO 8601 time`, "Write it like 2026-11-22T09:00:00Z.");
    }
    return fixedClock(at);
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch)) {
      throw new UsageError(
        `SOURCE_DATE_EPOCH "${epoch}" is not a whole number of seconds`,
        "Set it to seconds since 1970 (e.g. `git log -1 --format=%ct`), or unset it.",
      );
    }
    return fixedClock(new Date(Number(epoch) * 1000));
  }
  return systemClock;
}
