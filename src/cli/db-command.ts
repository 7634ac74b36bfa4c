import { createDefaultPorts } from "../adapters/default-ports.js";
import { chooseMetricsStore, type MetricsStoreChoice } from "../adapters/open-metrics-store.js";
import { loadConfig } from "../config/load-config.js";
import { ExitCode } from "../errors.js";
import type { GlobalOptions } from "./main.js";

export interface DbCommandOptions extends GlobalOptions {
  json?: boolean;
}

/** Where the metrics store is, and its schema as found. */
interface DbStatus {
  store: "postgres" | "sqlite";
  /** The URL without its password, or the file. */
  location: string;
  /** PostgreSQL's version, for a PostgreSQL store. */
  server: string | null;
  /** 0: no schema yet; null: no SQLite file yet. */
  schemaVersion: number | null;
  knownVersion: number;
  pending: { version: number; name: string }[];
  /** Whether this shipready can use the store as it is (SQLite is migrated when opened). */
  usable: boolean;
}

async function storeChoice(opts: GlobalOptions): Promise<MetricsStoreChoice> {
  const cwd = process.cwd();
  const ports = createDefaultPorts();
  const { config } = await loadConfig(
    { cwd, near: cwd, ...(opts.config ? { config: opts.config } : {}) },
    ports,
  );
  return chooseMetricsStore(process.env, config.metrics, cwd);
}

async function readStatus(choice: MetricsStoreChoice): Promise<DbStatus> {
  if (choice.kind === "postgres") {
    // pg loads only here, for a PostgreSQL store.
    const { createPostgresPool } = await import("../adapters/postgres/postgres-metrics-store.js");
    const { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION, readSchemaVersion } =
      await import("../adapters/postgres/postgres-migrations.js");
    const { describePostgresError } = await import("../adapters/postgres/describe-postgres-error.js");
    const { pool, target, timeoutMs } = createPostgresPool(choice.url, { variable: choice.variable });
    try {
      const version = await readSchemaVersion(pool);
      const server = await pool.query<{ server_version: string }>("SHOW server_version");
      return {
        store: "postgres",
        location: target.label,
        server: server.rows[0]?.server_version ?? null,
        schemaVersion: version,
        knownVersion: POSTGRES_SCHEMA_VERSION,
        pending: POSTGRES_MIGRATIONS.filter((m) => m.version > version).map(({ version, name }) => ({
          version,
          name,
        })),
        usable: version === POSTGRES_SCHEMA_VERSION,
      };
    } catch (error) {
      throw describePostgresError(target, error, "read the schema of", timeoutMs) ?? error;
    } finally {
      await pool.end();
    }
  }
  const { METRICS_SCHEMA_VERSION, readSqliteMetricsSchemaVersion } =
    await import("../adapters/sqlite/sqlite-metrics-store.js");
  const version = readSqliteMetricsSchemaVersion(choice.file);
  const pending = [];
  for (let v = (version ?? 0) + 1; v <= METRICS_SCHEMA_VERSION; v++)
    pending.push({ version: v, name: "applied when the store is next opened" });
  return {
    store: "sqlite",
    location: choice.label,
    server: null,
    schemaVersion: version,
    knownVersion: METRICS_SCHEMA_VERSION,
    pending,
    usable: (version ?? 0) <= METRICS_SCHEMA_VERSION,
  };
}

function renderStatus(status: DbStatus): string {
  const lines = [
    `Metrics store: ${status.location} (${status.store === "postgres" ? `PostgreSQL ${status.server ?? ""}`.trim() : "SQLite"})`,
  ];
  const known = `this shipready knows version ${status.knownVersion}`;
  if (status.schemaVersion === null) lines.push(`Schema: none yet, the file is made at first use; ${known}`);
  else if (status.schemaVersion === 0) lines.push(`Schema: none yet; ${known}`);
  else lines.push(`Schema: version ${status.schemaVersion}; ${known}`);
  if (status.schemaVersion !== null && status.schemaVersion > status.knownVersion) {
    lines.push("It was migrated by a newer shipready: run one at least as new to use it.");
  } else if (status.pending.length === 0) {
    lines.push("Up to date.");
  } else {
    lines.push("Pending migrations:");
    for (const migration of status.pending) lines.push(`  ${migration.version}  ${migration.name}`);
    if (status.store === "postgres") lines.push("Run shipready db migrate to apply them.");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `shipready db status`: the metrics store in use, its schema version and the migrations it lacks.
 * Exit 0 when this shipready can use it as it is, 1 when not (a PostgreSQL schema to migrate, or one
 * from a newer shipready).
 */
export async function runDbStatusCommand(opts: DbCommandOptions): Promise<number> {
  const status = await readStatus(await storeChoice(opts));
  process.stdout.write(opts.json ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status));
  return status.usable ? ExitCode.Ok : ExitCode.NotReady;
}

/**
 * `shipready db migrate`: brings the metrics store's schema up to the version this shipready knows.
 * On PostgreSQL each migration runs in its own transaction under an advisory lock, so machines
 * migrating at once apply each one once; running it again is a no-op. A SQLite store is migrated
 * when opened, which this does too.
 */
export async function runDbMigrateCommand(opts: DbCommandOptions): Promise<number> {
  const choice = await storeChoice(opts);
  let outcome: { from: number; to: number; applied: number[] };
  if (choice.kind === "postgres") {
    const { migratePostgresDatabase } = await import("../adapters/postgres/postgres-metrics-store.js");
    const { from, to, applied } = await migratePostgresDatabase(choice.url, { variable: choice.variable });
    outcome = { from, to, applied };
  } else {
    const { openSqliteMetricsStore, readSqliteMetricsSchemaVersion } =
      await import("../adapters/sqlite/sqlite-metrics-store.js");
    const from = readSqliteMetricsSchemaVersion(choice.file) ?? 0;
    const store = openSqliteMetricsStore(choice.file);
    const to = store.schemaVersion;
    await store.close();
    outcome = { from, to, applied: Array.from({ length: to - from }, (_, i) => from + i + 1) };
  }
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ store: choice.kind, location: choice.label, ...outcome }, null, 2)}\n`,
    );
  } else if (outcome.applied.length === 0) {
    process.stdout.write(
      `The metrics store ${choice.label} is at schema version ${outcome.to}, the latest this shipready knows: nothing to do.\n`,
    );
  } else {
    process.stdout.write(
      `Migrated the metrics store ${choice.label} from schema version ${outcome.from} to ${outcome.to} (applied ${outcome.applied.join(", ")}).\n`,
    );
  }
  return ExitCode.Ok;
}
