import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const BUSY_TIMEOUT_MS = 5000;

export interface SqliteDatabaseOptions {
  /** Bump when the tables change: a file of another version is deleted, never migrated. */
  version: string;
  /** The statements that create the tables; each must hold when the tables already exist. */
  schema: string;
  /** Makes the file readable by its owner only. */
  ownerOnly?: boolean;
  /** Runs in the transaction that opens the database, once the tables exist. */
  onOpen?(db: Database.Database): void;
  /** Refills the empty database that replaced a corrupt one, before the work that found it corrupt runs again. */
  onReplaced?(db: Database.Database): void;
}

/** A database that only ever holds what can be had again, and so is replaced when it is damaged. */
export interface SqliteDatabase {
  /** Runs `work`; when the file turns out corrupt, replaces it and runs `work` again on the new one. */
  use<T>(work: (db: Database.Database) => T): T;
  close(): void;
}

/** Thrown inside this module when the file holds something this version cannot use. */
class IncompatibleDatabase extends Error {}

/**
 * Opens (creating when needed) the database at `dbPath`, or an in-memory one for ":memory:". A file
 * that is not a database, is corrupt or has another schema version is deleted and replaced.
 */
export function openSqliteDatabase(dbPath: string, options: SqliteDatabaseOptions): SqliteDatabase {
  const inMemory = dbPath === ":memory:";
  if (!inMemory) keepOutOfGit(dirname(dbPath));
  const replace = (): Database.Database => {
    removeDatabase(dbPath);
    return openDatabase(dbPath, inMemory, options);
  };
  let db: Database.Database;
  try {
    db = openDatabase(dbPath, inMemory, options);
  } catch (error) {
    if (inMemory || !isReplaceable(error)) throw error;
    db = replace();
  }

  return {
    use(work) {
      try {
        return work(db);
      } catch (error) {
        // Corruption can also surface after opening, at the first page that is read.
        if (inMemory || !isReplaceable(error)) throw error;
        db.close();
        db = replace();
        options.onReplaced?.(db);
        return work(db);
      }
    },
    close() {
      db.close();
    },
  };
}

function openDatabase(dbPath: string, inMemory: boolean, options: SqliteDatabaseOptions): Database.Database {
  // The timeout makes a second process wait for a writer instead of failing with SQLITE_BUSY.
  const db = new Database(dbPath, { timeout: BUSY_TIMEOUT_MS });
  try {
    if (!inMemory) {
      // Before WAL is switched on, so that the -wal and -shm files SQLite creates take the same mode.
      if (options.ownerOnly) chmodSync(dbPath, 0o600);
      // WAL lets readers go on while one process writes.
      db.pragma("journal_mode = WAL");
    }
    db.transaction(() => {
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => row.name);
      if (tables.length > 0) {
        if (!tables.includes("meta")) throw new IncompatibleDatabase("not a shipready database");
        const version = db
          .prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?")
          .get("schema_version")?.value;
        if (version !== options.version) throw new IncompatibleDatabase(`schema version ${String(version)}`);
      }
      db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
      db.exec(options.schema);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(options.version);
      options.onOpen?.(db);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isReplaceable(error: unknown): boolean {
  if (error instanceof IncompatibleDatabase) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"));
}

function removeDatabase(dbPath: string): void {
  // A stale -wal beside a fresh database would be replayed into it, so the companions go too.
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbPath + suffix, { force: true });
}

/**
 * Creates the database's folder with a .gitignore that ignores everything in it: the caches are
 * local (and the GitHub one holds answers about private repositories), so a `git add -A` must not
 * commit them. A folder the user made keeps its own rules.
 */
function keepOutOfGit(folder: string): void {
  if (existsSync(folder)) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, ".gitignore"), "# Local caches of shipready, rebuilt when needed.\n*\n");
}
