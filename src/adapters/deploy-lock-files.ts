import { hostname } from "node:os";
import { join } from "node:path";
import { mkdir, readFile, rm } from "node:fs/promises";
import { fileSafeName } from "../deploy/core/file-safe-name.js";
import type { DeployLocks, LockAttempt, LockHolder } from "../deploy/ports.js";
import { InputError, diskError } from "../errors.js";
import { writeFileAtomically } from "./write-file-atomically.js";

/**
 * Deploy locks as files: `<locksDir>/<environment>.lock` holds its holder as JSON (pid, host, record,
 * start, command). Taking, taking over and giving back a lock happen under a short proper-lockfile
 * guard, so two deploys that start together, or two that find the same stale lock, cannot both win.
 * A lock whose holder ran on this host and is gone (a killed deploy) is taken over; one held from
 * another host is never broken, as its process cannot be seen from here.
 */
export function createDeployLockFiles(locksDir: string): DeployLocks {
  const fileOf = (environment: string) => join(locksDir, `${fileSafeName(environment)}.lock`);
  return {
    async acquire(environment, holder) {
      const file = fileOf(environment);
      return guarded(locksDir, file, async (): Promise<LockAttempt> => {
        const current = await readHolder(file);
        if (current !== null && isAlive(current)) return { acquired: false, holder: current, file };
        await writeHolder(file, holder);
        return {
          acquired: true,
          tookOverFrom: current,
          release: () =>
            guarded(locksDir, file, async () => {
              // Only while it is still ours: a lock taken over meanwhile belongs to someone else.
              if ((await readHolder(file))?.recordId === holder.recordId) await rm(file, { force: true });
            }),
        };
      });
    },
    holder: async (environment) => readHolder(fileOf(environment)),
  };
}

/** Whether the holder may still be deploying: its process runs on this host, or it holds from another host. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === "number" && typeof value.host === "string") {
      return {
        pid: value.pid,
        host: value.host,
        recordId: String(value.recordId ?? ""),
        startedAt: String(value.startedAt ?? ""),
        command: String(value.command ?? "deploy"),
      };
    }
  } catch {
    // Fall through: a lock file that is not ours to read still locks.
  }
  throw new InputError(
    `the deploy lock ${file} is not one shipready wrote (it does not name its holder)`,
    "If no deploy is running, remove the file, then run again.",
  );
}

async function writeHolder(file: string, holder: LockHolder): Promise<void> {
  try {
    await writeFileAtomically(file, `${JSON.stringify(holder, null, 2)}\n`);
  } catch (error) {
    throw diskError(file, error) ?? error;
  }
}

/** Runs `fn` under a short exclusive guard beside the lock file. */
async function guarded<T>(dir: string, file: string, fn: () => Promise<T>): Promise<T> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw (
      diskError(dir, error) ??
      new InputError(
        `cannot create the deploy locks folder ${dir}: ${(error as Error).message}`,
        "Give this user write access there, or set locks: in shipready.yml to a folder it may write.",
      )
    );
  }
  const { default: lockfile } = await import("proper-lockfile");
  const release = await lockfile.lock(dir, {
    lockfilePath: `${file}.guard`,
    realpath: false,
    stale: 10_000,
    retries: { retries: 40, factor: 1.3, minTimeout: 20, maxTimeout: 500 },
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
