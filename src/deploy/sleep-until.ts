import type { Timer } from "./ports.js";

/**
 * Sleeps until `when` (ms since the epoch) by the timer, so a schedule computed from its start
 * never drifts; false when `stop` aborted first. A time already past returns at once.
 */
export async function sleepUntil(when: number, timer: Timer, stop: AbortSignal): Promise<boolean> {
  if (stop.aborted) return false;
  const wait = when - timer.now().getTime();
  if (wait <= 0) return true;
  try {
    await timer.sleep(wait, stop);
    return true;
  } catch (error) {
    if (stop.aborted) return false;
    throw error;
  }
}
