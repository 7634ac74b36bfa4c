import type Database from "better-sqlite3";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";

/** What a 304 Not Modified stands for: the answer that carried the ETag. */
export interface CachedAnswer {
  etag: string;
  /** The headers worth replaying with the body (content-type, link, etag, last-modified). */
  headers: Record<string, string>;
  body: string;
}

/**
 * GitHub answers and their ETags, kept between runs so that unchanged resources cost a 304 (which
 * GitHub does not count against the rate limit). Keys are chosen by the caller; they must not hold
 * secrets, since the file is plain SQLite.
 */
export interface EtagCache {
  get(key: string): CachedAnswer | null;
  put(key: string, answer: CachedAnswer): void;
  close(): void;
}

/** Bump when the tables change: a cache of another version is deleted, never migrated. */
const SCHEMA_VERSION = "1";
const BUSY_TIMEOUT_MS = 5000;
/** Answers older than this are dropped when the cache opens, so the file does not grow for ever. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    headers TEXT NOT NULL,
    body TEXT NOT NULL,
    stored_at INTEGER NOT NULL
  );
`;

/** Thrown inside this module when the file holds something this version cannot use. */
class IncompatibleCache extends Error {}

type DatabaseConstructor = typeof Database;

/**
 * Opens (creating when needed) the cache at `dbPath`, or an in-memory one for ":memory:". A file
 * that is not a database, is corrupt or has another schema version is replaced: it only ever holds
 * copies of what GitHub will send again.
 */
export async function openEtagCache(dbPath: string): Promise<EtagCache> {
  // Imported here so that commands without GitHub evidence never load the native addon.
  const { default: Sqlite } = await import("better-sqlite3");
  const inMemory = dbPath === ":memory:";
  if (!inMemory) mkdirSync(dirname(dbPath), { recursive: true });
  let db = openOrReplace(Sqlite, dbPath, inMemory);

  // Corruption can also surface after opening, at the first page that is read.
  function recovering<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (inMemory || !isReplaceable(error)) throw error;
      db.close();
      removeDatabase(dbPath);
      db = openDatabase(Sqlite, dbPath, inMemory);
      return work();
    }
  }

  return {
    get(key) {
      const row = recovering(() =>
        db
          .prepare<[string], { etag: string; headers: string; body: string }>(
            "SELECT etag, headers, body FROM answers WHERE key = ?",
          )
          .get(key),
      );
      if (!row) return null;
      return { etag: row.etag, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body };
    },
    put(key, answer) {
      recovering(() =>
        db
          .prepare(
            `INSERT INTO answers (key, etag, headers, body, stored_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, headers = excluded.headers,
               body = excluded.body, stored_at = excluded.stored_at`,
          )
          .run(key, answer.etag, JSON.stringify(answer.headers), answer.body, Date.now()),
      );
    },
    close() {
      db.close();
    },
  };
}

function openOrReplace(Sqlite: DatabaseConstructor, dbPath: string, inMemory: boolean): Database.Database {
  try {
    return openDatabase(Sqlite, dbPath, inMemory);
  } catch (error) {
    if (inMemory || !isReplaceable(error)) throw error;
    removeDatabase(dbPath);
    return openDatabase(Sqlite, dbPath, inMemory);
  }
}

function openDatabase(Sqlite: DatabaseConstructor, dbPath: string, inMemory: boolean): Database.Database {
  // The timeout makes a second run wait for a writer instead of failing with SQLITE_BUSY.
  const db = new Sqlite(dbPath, { timeout: BUSY_TIMEOUT_MS });
  try {
    if (!inMemory) {
      // Answers about private repositories are in here: readable by the owner only.
      chmodSync(dbPath, 0o600);
      // WAL lets concurrent runs read while one writes.
      db.pragma("journal_mode = WAL");
    }
    db.transaction(() => {
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => row.name);
      if (tables.length > 0) {
        if (!tables.includes("meta")) throw new IncompatibleCache("not a shipready ETag cache");
        const version = db
          .prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?")
          .get("schema_version")?.value;
        if (version !== SCHEMA_VERSION) throw new IncompatibleCache(`schema version ${String(version)}`);
      }
      db.exec(SCHEMA);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(SCHEMA_VERSION);
      db.prepare("DELETE FROM answers WHERE stored_at < ?").run(Date.now() - MAX_AGE_MS);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isReplaceable(error: unknown): boolean {
  if (error instanceof IncompatibleCache) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"));
}

function removeDatabase(dbPath: string): void {
  // A stale -wal beside a fresh database would be replayed into it, so the companions go too.
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbPath + suffix, { force: true });
}
