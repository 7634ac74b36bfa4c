import { InputError } from "../errors.js";
import type { HistoryStore } from "../readiness/ports.js";
import type { HistorySettings } from "../readiness/types.js";
import { appendHistoryRecords, readHistoryFile, removeHistoryRecord } from "./history-file.js";
import type { HistoryIndex } from "./sqlite/sqlite-history-index.js";

export interface HistoryStoreOptions {
  /** Told once about each history line that was skipped rather than refused (a line cut short by a crash). */
  onWarning?: (message: string) => void;
  /** Told once when SQLite cannot be loaded and the file is read without the index; default: stderr. */
  onNotice?: (message: string) => void;
}

/**
 * The history store: the JSON-lines file in `settings.file` is the record, the SQLite database in
 * `settings.index` the index, synced from the file on every call. Whether history is `enabled` is
 * the caller's decision: this opens the store regardless.
 */
export async function openHistoryStore(
  settings: HistorySettings,
  options: HistoryStoreOptions = {},
): Promise<HistoryStore> {
  // Imported here rather than at the top so that commands without history never load the native addon.
  const { canUseSqlite } = await import("./sqlite/probe-sqlite.js");
  if (!canUseSqlite()) {
    const notice = options.onNotice ?? ((message: string) => process.stderr.write(`shipready: ${message}\n`));
    notice(
      "SQLite is not available here, so the history file is read without its index (slower on a long history, same records)",
    );
    return openFileOnlyStore(settings, options);
  }
  const { openHistoryIndex } = await import("./sqlite/sqlite-history-index.js");
  let index: HistoryIndex;
  try {
    index = openHistoryIndex(settings.index);
  } catch (error) {
    if (isDiskFault(error)) return withoutIndex(settings, options);
    throw new InputError(
      `The history index ${settings.index} cannot be opened: ${error instanceof Error ? error.message : String(error)}`,
      "Set history.index in shipready.yml to a path you can write; it is only a cache of the history file.",
      { cause: error },
    );
  }
  const read = readReportingWarnings(settings, options);

  // The index is a cache: when the disk will not take it, the history file is read without it.
  let fallback: HistoryStore | null = null;
  async function syncIndex(): Promise<boolean> {
    if (fallback) return false;
    const file = await read();
    try {
      index.sync(file.text, file.records);
      return true;
    } catch (error) {
      if (!isDiskFault(error)) throw error;
      fallback = withoutIndex(settings, options);
      return false;
    }
  }

  return {
    async append(records) {
      const added = await appendHistoryRecords(settings.file, records);
      await syncIndex();
      return { added };
    },
    async list() {
      return (await syncIndex()) ? index.all() : fallback!.list();
    },
    async remove(record) {
      const removed = await removeHistoryRecord(settings.file, record);
      await syncIndex();
      return removed;
    },
    close() {
      index.close();
    },
  };
}

/** SQLite's own codes for a disk that refused a write (full, I/O error). */
function isDiskFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(IOERR|FULL)/.test(code);
}

function withoutIndex(settings: HistorySettings, options: HistoryStoreOptions): HistoryStore {
  const notice = options.onNotice ?? ((message: string) => process.stderr.write(`shipready: ${message}\n`));
  notice(
    `the history index ${settings.index} cannot be written (the disk refused it), so the history file is read without it`,
  );
  return openFileOnlyStore(settings, options);
}

/** The store without its index: every call reads the file, ordered as the index orders it. */
function openFileOnlyStore(settings: HistorySettings, options: HistoryStoreOptions): HistoryStore {
  const readFile = readReportingWarnings(settings, options);
  const read = async () => (await readFile()).records;
  return {
    async append(records) {
      const added = await appendHistoryRecords(settings.file, records);
      await read();
      return { added };
    },
    async remove(record) {
      return removeHistoryRecord(settings.file, record);
    },
    async list() {
      // Time order whatever offset each record was written with; file order among equal times.
      return (await read())
        .map((record, position) => ({ record, position, at: Date.parse(record.at) }))
        .sort((a, b) => a.at - b.at || a.position - b.position)
        .map((entry) => entry.record);
    },
    close() {},
  };
}

/** Reads the history file, telling `onWarning` about each skipped line once however often it is read. */
function readReportingWarnings(
  settings: HistorySettings,
  options: HistoryStoreOptions,
): () => ReturnType<typeof readHistoryFile> {
  const reported = new Set<string>();
  return async () => {
    const file = await readHistoryFile(settings.file);
    for (const warning of file.warnings) {
      if (reported.has(warning)) continue;
      reported.add(warning);
      options.onWarning?.(warning);
    }
    return file;
  };
}
