import type { Pool, PoolClient } from "pg";
import { InputError } from "../../errors.js";
import type { DatabaseTarget } from "./parse-database-url.js";

/**
 * The schema of the PostgreSQL metrics store, as versioned migrations: the same tables and versions
 * as the SQLite store (src/adapters/sqlite/sqlite-metrics-store.ts), so a report reads alike from
 * either.
 *
 * Times are `timestamptz`, not milliseconds in a bigint: the same 8 bytes, but the rows read as
 * times in psql and in any tool pointed at the database, and weekly or yearly figures can be
 * grouped on the server (date_trunc) for an organisation. shipready writes them to the millisecond
 * (ISO times, as JavaScript keeps them), so reading one back gives exactly what was written, which
 * the paging of reads relies on. Identifiers are compared byte by byte (COLLATE "C"), as SQLite
 * does: the order of ties is the same on both stores, whatever the database's locale. The commits
 * of a change and a readiness snapshot are `jsonb`.
 */
export const POSTGRES_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "deploys, incidents, recoveries and commit ranges",
    sql: `
      CREATE TABLE deploys (
        repo text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL,
        source_id text COLLATE "C" NOT NULL,
        environment text COLLATE "C" NOT NULL,
        env_key text COLLATE "C" NOT NULL,
        version text,
        version_key text COLLATE "C",
        commit_sha text COLLATE "C",
        started_at timestamptz,
        finished_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('success', 'failure', 'rolled-back', 'aborted', 'running')),
        status_reason text,
        rework boolean,
        fixes text,
        changes jsonb,
        url text,
        PRIMARY KEY (repo, source, source_id)
      );
      CREATE INDEX deploys_by_time ON deploys (repo, env_key, finished_at, source, source_id);
      CREATE INDEX deploys_by_commit ON deploys (repo, commit_sha);
      CREATE INDEX deploys_by_version ON deploys (repo, version_key);
      CREATE TABLE incidents (
        repo text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL,
        source_id text COLLATE "C" NOT NULL,
        environment text,
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz,
        cause_version text,
        cause_commit text,
        cause_deploy_id text,
        title text,
        url text,
        PRIMARY KEY (repo, source, source_id)
      );
      CREATE INDEX incidents_by_time ON incidents (repo, opened_at, source, source_id);
      CREATE TABLE recoveries (
        repo text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL,
        source_id text COLLATE "C" NOT NULL,
        environment text NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('rollback', 'fix')),
        succeeded boolean NOT NULL,
        cause_deploy_id text,
        cause_version text,
        cause_commit text,
        incident_id text,
        fix_version text,
        fix_commit text,
        reason text,
        PRIMARY KEY (repo, source, source_id)
      );
      CREATE INDEX recoveries_by_time ON recoveries (repo, at, source, source_id);
      CREATE TABLE change_ranges (
        repo text COLLATE "C" NOT NULL,
        from_sha text COLLATE "C" NOT NULL,
        to_sha text COLLATE "C" NOT NULL,
        commits jsonb NOT NULL,
        PRIMARY KEY (repo, from_sha, to_sha)
      );
    `,
  },
  {
    version: 2,
    name: "sync cursors and readiness",
    sql: `
      CREATE TABLE sync_cursors (
        repo text COLLATE "C" NOT NULL,
        feed text COLLATE "C" NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (repo, feed)
      );
      CREATE TABLE readiness (
        repo text COLLATE "C" PRIMARY KEY,
        at timestamptz NOT NULL,
        snapshot jsonb NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: "deploys by source id",
    // An incident or a recovery that names its deploy by id finds it without reading the
    // repository's other deploys.
    sql: "CREATE INDEX deploys_by_source_id ON deploys (repo, source_id);",
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.at(-1)!.version;

/**
 * The advisory lock that migrations take, in the transaction of each one: two machines running
 * `db migrate` at once apply each migration once, one after the other. ("ship", 17.)
 */
const MIGRATION_LOCK = [0x73686970, 17] as const;

const SCHEMA_VERSION_TABLE =
  "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";

type Queryable = Pick<Pool | PoolClient, "query">;

/** The schema version of the database: 0 when shipready never migrated it. */
export async function readSchemaVersion(db: Queryable): Promise<number> {
  const table = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_version') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return 0;
  const result = await db.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_version");
  return result.rows[0]?.v ?? 0;
}

export function newerSchemaError(target: DatabaseTarget, version: number): InputError {
  return new InputError(
    `the metrics database ${target.label} has schema version ${version}, newer than version ${POSTGRES_SCHEMA_VERSION} that this shipready knows; it was left as it is`,
    "Run a shipready at least as new as the one that migrated it, or point SHIPREADY_DATABASE_URL at another database.",
  );
}

/** Whether the database is at the version this shipready knows; refused with what to do if not. */
export function checkSchemaVersion(target: DatabaseTarget, version: number): void {
  if (version > POSTGRES_SCHEMA_VERSION) throw newerSchemaError(target, version);
  if (version === 0) {
    throw new InputError(
      `the metrics database ${target.label} has no shipready schema yet`,
      "Run shipready db migrate (with the same SHIPREADY_DATABASE_URL) once to create it.",
    );
  }
  if (version < POSTGRES_SCHEMA_VERSION) {
    throw new InputError(
      `the metrics database ${target.label} has schema version ${version}, older than version ${POSTGRES_SCHEMA_VERSION} that this shipready needs`,
      "Run shipready db migrate to bring it up to date (every machine that writes to it should then run this shipready or newer).",
    );
  }
}

export interface MigrationOutcome {
  /** The version before, as this machine found it. */
  from: number;
  to: number;
  /** The versions this machine applied (others may have been applied meanwhile by another). */
  applied: number[];
}

/**
 * Applies the migrations the database lacks, each in its own transaction under an advisory lock, so
 * that two machines migrating at once apply each migration exactly once. A database of a newer
 * schema is refused and left untouched.
 */
export async function migratePostgres(pool: Pool, target: DatabaseTarget): Promise<MigrationOutcome> {
  const from = await readSchemaVersion(pool);
  if (from > POSTGRES_SCHEMA_VERSION) throw newerSchemaError(target, from);
  const applied: number[] = [];
  for (const migration of POSTGRES_MIGRATIONS) {
    if (migration.version <= from) continue;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [...MIGRATION_LOCK]);
      await client.query(SCHEMA_VERSION_TABLE);
      const current = await readSchemaVersion(client);
      if (current > POSTGRES_SCHEMA_VERSION) throw newerSchemaError(target, current);
      if (current < migration.version) {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_version (version) VALUES ($1)", [migration.version]);
        applied.push(migration.version);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw foreignTableError(target, error) ?? error;
    } finally {
      client.release();
    }
  }
  return { from, to: await readSchemaVersion(pool), applied };
}

/** A migration that met a table of the same name that shipready did not make. */
function foreignTableError(target: DatabaseTarget, error: unknown): InputError | null {
  if ((error as { code?: unknown } | null)?.code !== "42P07") return null;
  return new InputError(
    `the database ${target.label} already has a table that shipready would create (${(error as Error).message}), not made by shipready; nothing was changed`,
    "Give shipready a database of its own, or a schema of its own: add ?options=-c%20search_path%3Dshipready to the URL after CREATE SCHEMA shipready.",
    { cause: error },
  );
}
