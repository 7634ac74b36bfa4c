/**
 * When a metric is sampled in its window. After the initial delay, the rest of the window is cut
 * into intervals and one sample is taken at the end of each: a window of 300 s sampled every 60 s
 * gives 5 samples, at 60, 120, 180, 240 and 300 s, and ends when the window does. The first sample
 * waits one interval so that what it reads (a rate over the last minute, say) already speaks of the
 * new version. A window shorter than delay + interval still gets its one sample.
 */
export interface SamplePlan {
  /** Samples the window holds. */
  count: number;
  /** When each is due, in milliseconds after the window's start (the deploy plus the initial delay). */
  offsetsMs: number[];
}

export function planSamples(windowMs: number, intervalMs: number, initialDelayMs = 0): SamplePlan {
  if (!(intervalMs > 0)) throw new RangeError(`the interval must be positive, not ${intervalMs}`);
  const count = Math.max(1, Math.floor(Math.max(0, windowMs - initialDelayMs) / intervalMs));
  return { count, offsetsMs: Array.from({ length: count }, (_, k) => (k + 1) * intervalMs) };
}
