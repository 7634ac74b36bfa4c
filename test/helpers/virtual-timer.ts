import type { Timer } from "../../src/deploy/ports.js";

/**
 * A Timer on virtual time, for tests of sampling loops: a sleep is a wake-up at now + ms, and time
 * jumps to the earliest wake-up once everything else has settled (after I/O callbacks and
 * promises), so a 5-minute window runs in milliseconds and concurrent loops interleave in order.
 * `log` keeps every sleep's wake-up time.
 */
export interface VirtualTimer extends Timer {
  readonly wakeups: number[];
}

export function createVirtualTimer(start = Date.UTC(2026, 0, 1, 12, 0, 0)): VirtualTimer {
  let now = start;
  const pending: { at: number; resolve: () => void; reject: (error: unknown) => void; done: boolean }[] = [];
  const wakeups: number[] = [];
  let scheduled = false;
  const advance = () => {
    scheduled = false;
    const live = pending.filter((p) => !p.done).sort((a, b) => a.at - b.at);
    const next = live[0];
    if (!next) return;
    now = Math.max(now, next.at);
    for (const p of live.filter((p) => p.at <= now)) {
      p.done = true;
      wakeups.push(p.at);
      p.resolve();
    }
    schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Twice through the event loop: readers that answer through a resolved promise chain have
    // settled before time moves.
    setImmediate(() => setImmediate(advance));
  };
  return {
    wakeups,
    now: () => new Date(now),
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const entry = { at: now + Math.max(0, ms), resolve, reject, done: false };
        pending.push(entry);
        signal?.addEventListener(
          "abort",
          () => {
            if (entry.done) return;
            entry.done = true;
            reject(signal.reason);
          },
          { once: true },
        );
        schedule();
      });
    },
  };
}
