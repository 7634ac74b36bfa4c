import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes `text` to `path` so that a reader sees the old file or the new one, never a mix: a temp file
 * beside the target (a symlink's target), written whole and flushed, with the old file's mode (and
 * owner, when running as root), then renamed over it. Written by hand because write-file-atomic
 * issues a single write() and ignores a short count: with a disk that fills up or a file size limit,
 * it renames a truncated file into place. FileHandle.writeFile loops until every byte is written
 * (of a string, or of each piece an async iterable yields, so a long text need never be whole),
 * and a refused write rejects, leaving the target untouched.
 */
export async function writeFileAtomically(path: string, text: string | AsyncIterable<string>): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const old = await stat(target).catch(() => null);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  const handle = await open(temp, "wx", old ? old.mode & 0o7777 : 0o666);
  try {
    if (typeof text === "string") await handle.writeFile(text, "utf8");
    // Each call writes from where the last one ended.
    else for await (const piece of text) await handle.writeFile(piece, "utf8");
    if (old) await keepOwnership(handle, old);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function keepOwnership(handle: Awaited<ReturnType<typeof open>>, old: Stats): Promise<void> {
  await handle.chmod(old.mode & 0o7777);
  // Root may keep any owner; anyone else may keep the group when they belong to it. Where the system
  // says no, the new file is the writer's own, as a file they create is.
  await handle.chown(old.uid, old.gid).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EPERM") throw error;
  });
}

/**
 * Removes the temp files a killed writer left beside `path` (named as writeFileAtomically names them,
 * with the writer's pid): only those whose process is gone from this machine, so a write under way
 * elsewhere is never touched. Returns the paths removed.
 */
export async function removeLeftTemporaries(path: string): Promise<string[]> {
  const target = await realpath(path).catch(() => path);
  const folder = dirname(target);
  const prefix = `.${basename(target)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await rm(join(folder, name), { force: true });
    removed.push(join(folder, name));
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
