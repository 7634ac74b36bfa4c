/** What a 304 Not Modified stands for: the answer that carried the ETag. */
export interface CachedAnswer {
  etag: string;
  /** The headers worth replaying with the body (content-type, link, etag, last-modified). */
  headers: Record<string, string>;
  /** What a 304 hands back: the body as the caller kept it, which may be less than GitHub sent. */
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
/** Answers older than this are dropped when the cache opens, so the file does not grow for ever. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    headers TEXT NOT NULL,
    body TEXT NOT NULL,
    stored_at INTEGER NOT NULL
  );
`;

/**
 * Opens (creating when needed) the cache at `dbPath`, or an in-memory one for ":memory:". A file
 * that is not a database, is corrupt or has another schema version is replaced: it only ever holds
 * copies of what GitHub will send again.
 */
export async function openEtagCache(dbPath: string): Promise<EtagCache> {
  // Imported here so that commands without GitHub evidence never load the native addon.
  const { openSqliteDatabase } = await import("./open-sqlite-database.js");
  const database = openSqliteDatabase(dbPath, {
    version: SCHEMA_VERSION,
    schema: SCHEMA,
    // Answers about private repositories are in here.
    ownerOnly: true,
    onOpen(db) {
      db.prepare("DELETE FROM answers WHERE stored_at < ?").run(Date.now() - MAX_AGE_MS);
    },
  });

  return {
    get(key) {
      const row = database.use((db) =>
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
      database.use((db) =>
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
      database.close();
    },
  };
}
