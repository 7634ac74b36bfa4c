/** When the evidence was observed: the oldest of its timestamps, else now. */
export function chooseObservedAt(stamps: Date[], now: Date): Date {
  // Evidence is as old as its oldest part; a time after now is a skewed clock and not believed.
  let oldest: Date | null = null;
  for (const stamp of stamps) {
    if (stamp.getTime() <= now.getTime() && (oldest === null || stamp < oldest)) oldest = stamp;
  }
  return oldest ?? now;
}
