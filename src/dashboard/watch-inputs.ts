import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";

export interface InputWatcher {
  /** Watches these files from now on instead (the config file may appear or move between loads). */
  update(files: readonly string[]): void;
  close(): void;
}

/** Saves come in bursts (an editor's temp file, rename, chmod): one change is told after a quiet spell. */
const DEBOUNCE_MS = 150;

/**
 * Calls `onChange` when any of `files` changes on disk. The folders are watched, not the files, so
 * a save that writes a temp file and renames it over the original (most editors, and shipready's
 * own atomic writes) is seen, and watching goes on after it: a watch on the file itself would
 * follow the old, unlinked inode. A folder that cannot be watched is skipped, not fatal.
 */
export function watchInputs(
  files: readonly string[],
  onChange: () => void,
  options: { debounceMs?: number } = {},
): InputWatcher {
  const watchers = new Map<string, FSWatcher>();
  let names = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!closed) onChange();
    }, options.debounceMs ?? DEBOUNCE_MS);
  };

  const update = (list: readonly string[]): void => {
    if (closed) return;
    names = new Map();
    for (const file of list.map((f) => resolve(f))) {
      const dir = dirname(file);
      if (!names.has(dir)) names.set(dir, new Set());
      names.get(dir)!.add(basename(file));
    }
    for (const [dir, watcher] of watchers) {
      if (!names.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of names.keys()) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          const wanted = names.get(dir);
          // Without a name (some platforms), anything in the folder may be it.
          if (wanted && (name === null || wanted.has(name.toString()))) changed();
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // A folder gone or unreadable: nothing to watch there until the next update.
      }
    }
  };

  update(files);
  return {
    update,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
