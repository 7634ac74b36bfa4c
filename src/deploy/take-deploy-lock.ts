import { describeDuration } from "../evidence/describe-duration.js";
import { LockedError } from "../errors.js";
import type { LockHolder } from "./ports.js";
import type { DeployRunPorts } from "./run-types.js";

/**
 * Takes the environment's deploy lock, or stops with a message naming who holds it (exit 75). A
 * lock left by a deploy whose process is gone from this host is taken over; the caller warns.
 */
export async function takeDeployLock(
  environment: string,
  holder: LockHolder,
  ports: Pick<DeployRunPorts, "locks" | "clock">,
): Promise<{ release(): Promise<void>; tookOverFrom: LockHolder | null }> {
  const attempt = await ports.locks.acquire(environment, holder);
  if (attempt.acquired) return attempt;
  const other = attempt.holder;
  const since = Date.parse(other.startedAt);
  const age = Number.isNaN(since)
    ? ""
    : `, for ${describeDuration(Math.max(0, ports.clock.now().getTime() - since))}`;
  throw new LockedError(
    `${environment} is locked by another ${other.command}: ${other.recordId || "(no record)"}, process ${other.pid} on ${other.host}, since ${other.startedAt}${age}; nothing was run`,
    `Wait for it to finish and run again. If that process is gone (on another host shipready cannot tell), remove ${attempt.file}.`,
  );
}

/** Describes a lock taken over from a holder that is gone, for the warning. */
export function describeTakeOver(holder: LockHolder, file: string): string {
  return `took over the lock ${file} left by ${holder.command} ${holder.recordId} (process ${holder.pid} on ${holder.host} is gone)`;
}
