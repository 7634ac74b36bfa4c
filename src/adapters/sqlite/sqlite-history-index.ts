import type Database from "better-sqlite3";
import { createHash } from "node:crypto";
import type { HistoryRecord } from "../../readiness/types.js";
import { serializeHistoryRecord } from "../history-file.js";
import { openSqliteDatabase } from "./open-sqlite-database.js";

/** Bump when the tables change: an index of another version is deleted and rebuilt, never migrated. */
const SCHEMA_VERSION = "1";

/** The SQLite index over the history file: a cache that can be deleted and rebuilt from the file at any time. */
export interface HistoryIndex {
  /**
   * Brings the index in line with the history file's `text` and the `records` parsed from it (in file
   * order). When the file only grew since the last sync, only the new records are inserted; when it
   * was rewritten (a merge, an edit), the index is rebuilt. Either way in one transaction.
   */
  sync(text: string, records: HistoryRecord[]): { added: number; rebuilt: boolean };
  /** Every indexed record, oldest first (by time, then by position in the file). */
  all(): HistoryRecord[];
  close(): void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    line_hash TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    checklist TEXT NOT NULL,
    commit_sha TEXT,
    score REAL NOT NULL,
    band TEXT NOT NULL,
    ready INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS runs_at ON runs (at);
`;

/**
 * Opens (creating when needed) the index at `dbPath`. A file that is not a database, is corrupt or
 * has another schema version is deleted and replaced: it holds nothing the history file does not.
 */
export function openHistoryIndex(dbPath: string): HistoryIndex {
  let lastSynced: { text: string; records: HistoryRecord[] } | null = null;
  const database = openSqliteDatabase(dbPath, {
    version: SCHEMA_VERSION,
    schema: SCHEMA,
    onReplaced(db) {
      if (lastSynced) syncDatabase(db, lastSynced.text, lastSynced.records);
    },
  });

  return {
    sync(text, records) {
      const result = database.use((db) => syncDatabase(db, text, records));
      lastSynced = { text, records };
      return result;
    },
    all() {
      return database.use((db) =>
        db
          .prepare<[], { record: string }>("SELECT record FROM runs ORDER BY at, id")
          .all()
          .map((row) => JSON.parse(row.record) as HistoryRecord),
      );
    },
    close() {
      database.close();
    },
  };
}

function syncDatabase(
  db: Database.Database,
  text: string,
  records: HistoryRecord[],
): { added: number; rebuilt: boolean } {
  const getMeta = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
  const setMeta = db.prepare(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO runs (line_hash, at, checklist, commit_sha, score, band, ready, record)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db
    .transaction(() => {
      // synced_bytes counts UTF-16 code units of the text, the unit String.slice uses.
      const syncedLength = Number(getMeta.get("synced_bytes")?.value ?? NaN);
      const syncedHash = getMeta.get("synced_hash")?.value;
      const syncedRecords = Number(getMeta.get("synced_records")?.value ?? NaN);
      const grewOnly =
        syncedHash !== undefined &&
        Number.isInteger(syncedLength) &&
        Number.isInteger(syncedRecords) &&
        syncedLength <= text.length &&
        syncedRecords <= records.length &&
        sha256(text.slice(0, syncedLength)) === syncedHash;
      if (!grewOnly) db.prepare("DELETE FROM runs").run();

      let added = 0;
      for (const record of grewOnly ? records.slice(syncedRecords) : records) {
        const line = serializeHistoryRecord(record);
        const at = Date.parse(record.at);
        // Stored in UTC ISO form so that ORDER BY at is time order whatever offset the file used.
        const sortableAt = Number.isNaN(at) ? record.at : new Date(at).toISOString();
        added += insert.run(
          sha256(line),
          sortableAt,
          record.checklist,
          record.commit,
          record.score,
          record.band,
          record.ready ? 1 : 0,
          line,
        ).changes;
      }
      setMeta.run("synced_bytes", String(text.length));
      setMeta.run("synced_hash", sha256(text));
      setMeta.run("synced_records", String(records.length));
      return { added, rebuilt: !grewOnly };
    })
    .immediate();
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
