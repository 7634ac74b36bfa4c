/**
 * Work that must finish before the process exits on Ctrl+C or SIGTERM: a deploy records that it was
 * interrupted and which step was running. main.ts exits once every held piece of work has settled,
 * or when the longest of their limits has passed, whichever comes first; a second Ctrl+C exits at once.
 */
const held = new Set<{ work: Promise<unknown>; maxMs: number }>();

/** Holds the exit on interruption until `work` settles, at most `maxMs`. Returns the work. */
export function holdExitFor<T>(work: Promise<T>, maxMs: number): Promise<T> {
  const entry = { work, maxMs };
  held.add(entry);
  const forget = () => held.delete(entry);
  work.then(forget, forget);
  return work;
}

/** Resolves when every held piece of work has settled, or after the longest limit, but never before `minMs`. */
export async function heldWorkSettled(minMs: number): Promise<void> {
  const entries = [...held];
  const limit = Math.max(minMs, ...entries.map((e) => e.maxMs));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, limit)));
  const floor = new Promise<void>((resolve) => setTimeout(resolve, minMs));
  const settled = Promise.allSettled(entries.map((e) => e.work)).then(() => floor);
  await Promise.race([settled, deadline]);
  clearTimeout(timer);
}
