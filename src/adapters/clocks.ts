import type { Clock } from "../ports.js";
import type { Timer } from "../deploy/ports.js";

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one time, for reproducible runs (`--now`, SOURCE_DATE_EPOCH). */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** setTimeout fires at once for delays beyond this; longer sleeps are taken in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The system clock and real sleeps. A sleep ends early, rejecting with the signal's reason, when
 * the signal aborts; it never keeps the process alive on its own once the signal has aborted.
 */
export const systemTimer: Timer = {
  now: () => new Date(),
  sleep: (ms, signal) => sleepFor(ms, signal),
};

async function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  let left = Math.max(0, ms);
  do {
    const step = Math.min(left, MAX_TIMEOUT_MS);
    await sleepOnce(step, signal);
    left -= step;
  } while (left > 0);
}

function sleepOnce(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
