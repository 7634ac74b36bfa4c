import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { InputError, IoError } from "../../errors.js";
import { versionKey } from "../../shared/version-key.js";
import type { DeployQuery, EventBatch, MetricsStore, PutResult } from "../../metrics/ports.js";
import type {
  ChangeCommit,
  DeployEvent,
  DeployStatus,
  EventSource,
  IncidentEvent,
  ReadinessSnapshot,
  RecoveryEvent,
} from "../../metrics/types.js";

const BUSY_TIMEOUT_MS = 10_000;
/** Rows read per query while iterating: memory stays flat however many there are. */
const PAGE = 500;

/**
 * The migrations, in order. Each runs once, in the transaction that records its version in
 * schema_version; a store whose version is above the last one here was written by a newer
 * shipready and is refused, never changed.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE deploys (
        repo TEXT NOT NULL,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        environment TEXT NOT NULL,
        env_key TEXT NOT NULL,
        version TEXT,
        version_key TEXT,
        commit_sha TEXT,
        started_at INTEGER,
        finished_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('success', 'failure', 'rolled-back', 'aborted', 'running')),
        status_reason TEXT,
        rework INTEGER,
        fixes TEXT,
        changes TEXT,
        url TEXT,
        PRIMARY KEY (repo, source, source_id)
      );
      CREATE INDEX deploys_by_time ON deploys (repo, env_key, finished_at);
      CREATE INDEX deploys_by_commit ON deploys (repo, commit_sha);
      CREATE INDEX deploys_by_version ON deploys (repo, version_key);
      CREATE TABLE incidents (
        repo TEXT NOT NULL,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        environment TEXT,
        opened_at INTEGER NOT NULL,
        resolved_at INTEGER,
        cause_version TEXT,
        cause_commit TEXT,
        cause_deploy_id TEXT,
        title TEXT,
        url TEXT,
        PRIMARY KEY (repo, source, source_id)
      );
      CREATE INDEX incidents_by_time ON incidents (repo, opened_at);
      CREATE TABLE recoveries (
        repo TEXT NOT NULL,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        environment TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rollback', 'fix')),
        succeeded INTEGER NOT NULL,
        cause_deploy_id TEXT,
        cause_version TEXT,
        cause_commit TEXT,
        incident_id TEXT,
        fix_version TEXT,
        fix_commit TEXT,
        reason TEXT,
        PRIMARY KEY (repo, source, source_id)
      );
      CREATE INDEX recoveries_by_time ON recoveries (repo, at);
      CREATE TABLE change_ranges (
        repo TEXT NOT NULL,
        from_sha TEXT NOT NULL,
        to_sha TEXT NOT NULL,
        commits TEXT NOT NULL,
        PRIMARY KEY (repo, from_sha, to_sha)
      );
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE sync_cursors (
        repo TEXT NOT NULL,
        feed TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (repo, feed)
      );
      CREATE TABLE readiness (
        repo TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        snapshot TEXT NOT NULL
      );
    `,
  },
];

export const METRICS_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

interface DeployRow {
  repo: string;
  source: string;
  source_id: string;
  environment: string;
  version: string | null;
  commit_sha: string | null;
  started_at: number | null;
  finished_at: number;
  status: string;
  status_reason: string | null;
  rework: number | null;
  fixes: string | null;
  changes: string | null;
  url: string | null;
}

interface IncidentRow {
  repo: string;
  source: string;
  source_id: string;
  environment: string | null;
  opened_at: number;
  resolved_at: number | null;
  cause_version: string | null;
  cause_commit: string | null;
  cause_deploy_id: string | null;
  title: string | null;
  url: string | null;
}

interface RecoveryRow {
  repo: string;
  source: string;
  source_id: string;
  environment: string;
  at: number;
  kind: string;
  succeeded: number;
  cause_deploy_id: string | null;
  cause_version: string | null;
  cause_commit: string | null;
  incident_id: string | null;
  fix_version: string | null;
  fix_commit: string | null;
  reason: string | null;
}

/**
 * Opens (creating when needed) the metrics store at `file`, or an in-memory one for ":memory:",
 * and brings its schema up to date. Unlike the caches, it holds what cannot be had again (events
 * recorded by `shipready record`), so a file it cannot use is refused with the reason, never
 * replaced.
 */
export function openSqliteMetricsStore(file: string): MetricsStore {
  const inMemory = file === ":memory:";
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    if (!inMemory) db.pragma("journal_mode = WAL");
  } catch (error) {
    throw unusable(file, error);
  }
  let version: number;
  try {
    version = migrate(db, file);
  } catch (error) {
    db.close();
    throw error instanceof InputError ? error : unusable(file, error);
  }
  return new SqliteMetricsStore(db, version, file);
}

/**
 * The schema version of the metrics store at `file`, read without changing it (opening the store
 * would migrate it): null when there is no file yet, 0 when it has no schema_version table.
 */
export function readSqliteMetricsSchemaVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw unusable(file, error);
  }
  try {
    const table = db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'schema_version'")
      .get();
    if (!table?.n) return 0;
    return db.prepare<[], { v: number | null }>("SELECT max(version) AS v FROM schema_version").get()?.v ?? 0;
  } catch (error) {
    throw unusable(file, error);
  } finally {
    db.close();
  }
}

function unusable(file: string, error: unknown): InputError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === "SQLITE_NOTADB" || (typeof code === "string" && code.startsWith("SQLITE_CORRUPT"))
      ? "is not a SQLite database, or is damaged"
      : `cannot be opened (${(error as Error).message})`;
  return new InputError(
    `the metrics store ${file} ${reason}`,
    "Point metrics.store in shipready.yml at another file, or move this one away (events recorded in it are lost unless it is repaired).",
    { cause: error },
  );
}

function migrate(db: Database.Database, file: string): number {
  return db
    .transaction(() => {
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => row.name);
      if (tables.length > 0 && !tables.includes("schema_version")) {
        throw new InputError(
          `${file} is a SQLite database, but not a shipready metrics store (it has no schema_version table)`,
          "Point metrics.store in shipready.yml at a file of its own.",
        );
      }
      db.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
      );
      const current =
        db.prepare<[], { v: number | null }>("SELECT max(version) AS v FROM schema_version").get()?.v ?? 0;
      if (current > METRICS_SCHEMA_VERSION) {
        throw new InputError(
          `the metrics store ${file} has schema version ${current}, newer than version ${METRICS_SCHEMA_VERSION} that this shipready knows; it was left as it is`,
          "Run a shipready at least as new as the one that wrote it, or point metrics.store at another file.",
        );
      }
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue;
        db.exec(migration.sql);
        db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)").run(
          migration.version,
          new Date().toISOString(),
        );
      }
      return METRICS_SCHEMA_VERSION;
    })
    .immediate();
}

const envKey = (name: string) => name.trim().toLowerCase();
const versionKeyOf = (version: string | null) => (version === null ? null : versionKey(version));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ms = (text: string | null) => (text === null ? null : Date.parse(text));

function deployFromRow(row: DeployRow): DeployEvent {
  return {
    repo: row.repo,
    source: row.source as EventSource,
    sourceId: row.source_id,
    environment: row.environment,
    version: row.version,
    commit: row.commit_sha,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at)!,
    status: row.status as DeployStatus,
    statusReason: row.status_reason,
    rework: row.rework === null ? null : row.rework === 1,
    fixes: row.fixes,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as ChangeCommit[]),
    url: row.url,
  };
}

function deployToRow(event: DeployEvent): DeployRow & { env_key: string; version_key: string | null } {
  return {
    repo: event.repo,
    source: event.source,
    source_id: event.sourceId,
    environment: event.environment,
    env_key: envKey(event.environment),
    version: event.version,
    version_key: versionKeyOf(event.version),
    commit_sha: event.commit,
    started_at: ms(event.startedAt),
    finished_at: ms(event.finishedAt)!,
    status: event.status,
    status_reason: event.statusReason,
    rework: event.rework === null ? null : event.rework ? 1 : 0,
    fixes: event.fixes,
    changes: event.changes === null ? null : JSON.stringify(event.changes),
    url: event.url,
  };
}

function incidentFromRow(row: IncidentRow): IncidentEvent {
  return {
    repo: row.repo,
    source: row.source as EventSource,
    sourceId: row.source_id,
    environment: row.environment,
    openedAt: iso(row.opened_at)!,
    resolvedAt: iso(row.resolved_at),
    causeVersion: row.cause_version,
    causeCommit: row.cause_commit,
    causeDeployId: row.cause_deploy_id,
    title: row.title,
    url: row.url,
  };
}

function incidentToRow(event: IncidentEvent): IncidentRow {
  return {
    repo: event.repo,
    source: event.source,
    source_id: event.sourceId,
    environment: event.environment,
    opened_at: ms(event.openedAt)!,
    resolved_at: ms(event.resolvedAt),
    cause_version: event.causeVersion,
    cause_commit: event.causeCommit,
    cause_deploy_id: event.causeDeployId,
    title: event.title,
    url: event.url,
  };
}

function recoveryFromRow(row: RecoveryRow): RecoveryEvent {
  return {
    repo: row.repo,
    source: row.source as EventSource,
    sourceId: row.source_id,
    environment: row.environment,
    at: iso(row.at)!,
    kind: row.kind as RecoveryEvent["kind"],
    succeeded: row.succeeded === 1,
    causeDeployId: row.cause_deploy_id,
    causeVersion: row.cause_version,
    causeCommit: row.cause_commit,
    incidentId: row.incident_id,
    fixVersion: row.fix_version,
    fixCommit: row.fix_commit,
    reason: row.reason,
  };
}

function recoveryToRow(event: RecoveryEvent): RecoveryRow {
  return {
    repo: event.repo,
    source: event.source,
    source_id: event.sourceId,
    environment: event.environment,
    at: ms(event.at)!,
    kind: event.kind,
    succeeded: event.succeeded ? 1 : 0,
    cause_deploy_id: event.causeDeployId,
    cause_version: event.causeVersion,
    cause_commit: event.causeCommit,
    incident_id: event.incidentId,
    fix_version: event.fixVersion,
    fix_commit: event.fixCommit,
    reason: event.reason,
  };
}

/** The new row over the old: a field the new event leaves null keeps its value. */
function merge<T extends object>(old: T | undefined, next: T): T {
  if (!old) return next;
  const merged = { ...old } as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) if (value !== null) merged[key] = value;
  return merged as T;
}

function sameRow(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return Object.keys(right).every((key) => left[key] === right[key]);
}

function upsertSql(table: string, columns: readonly string[]): string {
  const keys = ["repo", "source", "source_id"];
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})
    ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${columns
      .filter((c) => !keys.includes(c))
      .map((c) => `${c} = excluded.${c}`)
      .join(", ")}`;
}

class SqliteMetricsStore implements MetricsStore {
  private readonly putBatch: Database.Transaction<(batch: EventBatch) => PutResult>;

  constructor(
    private readonly db: Database.Database,
    readonly schemaVersion: number,
    private readonly file: string,
  ) {
    const tables = [
      { name: "deploys", toRow: deployToRow as (e: unknown) => object },
      { name: "incidents", toRow: incidentToRow as (e: unknown) => object },
      { name: "recoveries", toRow: recoveryToRow as (e: unknown) => object },
    ].map((table) => ({
      ...table,
      select: db.prepare(`SELECT * FROM ${table.name} WHERE repo = ? AND source = ? AND source_id = ?`),
      // Prepared at first use, from the row's columns.
      upsert: null as Database.Statement | null,
    }));
    this.putBatch = db.transaction((batch: EventBatch) => {
      const result: PutResult = { inserted: 0, updated: 0, unchanged: 0 };
      const lists = [batch.deploys ?? [], batch.incidents ?? [], batch.recoveries ?? []];
      tables.forEach((table, i) => {
        for (const event of lists[i]!) {
          const row = table.toRow(event) as Record<string, unknown>;
          const old = table.select.get(row.repo, row.source, row.source_id) as
            Record<string, unknown> | undefined;
          const merged = merge(old, row);
          // A new status brings its own reason, or none.
          if (old && "status_reason" in row && old.status !== row.status)
            merged.status_reason = row.status_reason;
          if (old && sameRow(old, merged)) {
            result.unchanged++;
            continue;
          }
          table.upsert ??= db.prepare(upsertSql(table.name, Object.keys(row)));
          table.upsert.run(merged);
          if (old) result.updated++;
          else result.inserted++;
        }
      });
      return result;
    });
  }

  async put(batch: EventBatch): Promise<PutResult> {
    // One transaction per batch: a batch is kept whole or not at all.
    try {
      return this.putBatch.immediate(batch);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === "SQLITE_FULL" || (typeof code === "string" && code.startsWith("SQLITE_IOERR"))) {
        throw new IoError(
          `cannot write the metrics store ${this.file}: ${(error as Error).message}; nothing of this batch was kept`,
          "Free space on the disk (or point metrics.store elsewhere), then run again.",
          { cause: error },
        );
      }
      throw error;
    }
  }

  private deployFilter(query: Omit<DeployQuery, "from" | "to">): { sql: string; params: unknown[] } {
    const parts = ["repo = ?"];
    const params: unknown[] = [query.repo];
    if (query.environments.length > 0) {
      parts.push(`env_key IN (${query.environments.map(() => "?").join(", ")})`);
      params.push(...query.environments.map(envKey));
    }
    if (query.statuses && query.statuses.length > 0) {
      parts.push(`status IN (${query.statuses.map(() => "?").join(", ")})`);
      params.push(...query.statuses);
    }
    return { sql: parts.join(" AND "), params };
  }

  async *deploys(query: DeployQuery): AsyncIterable<DeployEvent> {
    const filter = this.deployFilter(query);
    const from = query.from === undefined ? -8.64e15 : Date.parse(query.from);
    const to = query.to === undefined ? 8.64e15 : Date.parse(query.to);
    const page = this.db.prepare<unknown[], DeployRow>(
      `SELECT * FROM deploys WHERE ${filter.sql} AND finished_at >= ? AND finished_at < ?
         AND (finished_at, source, source_id) > (?, ?, ?)
       ORDER BY finished_at, source, source_id LIMIT ${PAGE}`,
    );
    let after: [number, string, string] = [-8.64e15, "", ""];
    for (;;) {
      const rows = page.all(...filter.params, from, to, ...after);
      for (const row of rows) yield deployFromRow(row);
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = [last.finished_at, last.source, last.source_id];
    }
  }

  async lastDeployBefore(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null> {
    const filter = this.deployFilter(query);
    const row = this.db
      .prepare<unknown[], DeployRow>(
        `SELECT * FROM deploys WHERE ${filter.sql} AND finished_at < ?
         ORDER BY finished_at DESC, source DESC, source_id DESC LIMIT 1`,
      )
      .get(...filter.params, Date.parse(at));
    return row ? deployFromRow(row) : null;
  }

  async firstDeployAfter(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null> {
    const filter = this.deployFilter(query);
    const row = this.db
      .prepare<unknown[], DeployRow>(
        `SELECT * FROM deploys WHERE ${filter.sql} AND finished_at >= ?
         ORDER BY finished_at, source, source_id LIMIT 1`,
      )
      .get(...filter.params, Date.parse(at));
    return row ? deployFromRow(row) : null;
  }

  async findDeploys(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    ref: { version?: string; commit?: string; sourceId?: string },
  ): Promise<DeployEvent[]> {
    const filter = this.deployFilter(query);
    let where: string;
    let params: unknown[];
    if (ref.sourceId !== undefined) [where, params] = ["source_id = ?", [ref.sourceId]];
    else if (ref.version !== undefined) [where, params] = ["version_key = ?", [versionKey(ref.version)]];
    else if (ref.commit !== undefined && ref.commit.length >= 7) {
      const commit = ref.commit.toLowerCase();
      [where, params] = ["(commit_sha LIKE ? || '%' OR ? LIKE commit_sha || '%')", [commit, commit]];
    } else return [];
    return this.db
      .prepare<unknown[], DeployRow>(
        `SELECT * FROM deploys WHERE ${filter.sql} AND ${where} ORDER BY finished_at, source, source_id`,
      )
      .all(...filter.params, ...params)
      .map(deployFromRow);
  }

  async *incidents(query: {
    repo: string;
    from?: string;
    to?: string;
    withCause?: boolean;
  }): AsyncIterable<IncidentEvent> {
    const from = query.from === undefined ? -8.64e15 : Date.parse(query.from);
    const to = query.to === undefined ? 8.64e15 : Date.parse(query.to);
    const cause = query.withCause
      ? "AND (cause_version IS NOT NULL OR cause_commit IS NOT NULL OR cause_deploy_id IS NOT NULL)"
      : "";
    const page = this.db.prepare<unknown[], IncidentRow>(
      `SELECT * FROM incidents WHERE repo = ? AND opened_at >= ? AND opened_at < ? ${cause}
         AND (opened_at, source, source_id) > (?, ?, ?)
       ORDER BY opened_at, source, source_id LIMIT ${PAGE}`,
    );
    let after: [number, string, string] = [-8.64e15, "", ""];
    for (;;) {
      const rows = page.all(query.repo, from, to, ...after);
      for (const row of rows) yield incidentFromRow(row);
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = [last.opened_at, last.source, last.source_id];
    }
  }

  async incident(repo: string, source: string, sourceId: string): Promise<IncidentEvent | null> {
    const row = this.db
      .prepare<unknown[], IncidentRow>(
        "SELECT * FROM incidents WHERE repo = ? AND source = ? AND source_id = ?",
      )
      .get(repo, source, sourceId);
    return row ? incidentFromRow(row) : null;
  }

  async *recoveries(query: { repo: string; from?: string }): AsyncIterable<RecoveryEvent> {
    const from = query.from === undefined ? -8.64e15 : Date.parse(query.from);
    const page = this.db.prepare<unknown[], RecoveryRow>(
      `SELECT * FROM recoveries WHERE repo = ? AND at >= ? AND (at, source, source_id) > (?, ?, ?)
       ORDER BY at, source, source_id LIMIT ${PAGE}`,
    );
    let after: [number, string, string] = [-8.64e15, "", ""];
    for (;;) {
      const rows = page.all(query.repo, from, ...after);
      for (const row of rows) yield recoveryFromRow(row);
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = [last.at, last.source, last.source_id];
    }
  }

  async environments(repo: string): Promise<{ name: string; deploys: number }[]> {
    return this.db
      .prepare<[string], { name: string; deploys: number }>(
        "SELECT environment AS name, count(*) AS deploys FROM deploys WHERE repo = ? GROUP BY environment ORDER BY deploys DESC, name",
      )
      .all(repo);
  }

  async repositories(): Promise<{ repo: string; deploys: number; incidents: number }[]> {
    return this.db
      .prepare<[], { repo: string; deploys: number; incidents: number }>(
        `SELECT repo, sum(d) AS deploys, sum(i) AS incidents FROM (
           SELECT repo, 1 AS d, 0 AS i FROM deploys
           UNION ALL SELECT repo, 0, 1 FROM incidents
           UNION ALL SELECT repo, 0, 0 FROM recoveries
         ) GROUP BY repo ORDER BY repo`,
      )
      .all();
  }

  async changes(repo: string, from: string, to: string): Promise<ChangeCommit[] | null> {
    const row = this.db
      .prepare<[string, string, string], { commits: string }>(
        "SELECT commits FROM change_ranges WHERE repo = ? AND from_sha = ? AND to_sha = ?",
      )
      .get(repo, from, to);
    return row ? (JSON.parse(row.commits) as ChangeCommit[]) : null;
  }

  async putChanges(repo: string, from: string, to: string, commits: readonly ChangeCommit[]): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO change_ranges (repo, from_sha, to_sha, commits) VALUES (?, ?, ?, ?)
         ON CONFLICT (repo, from_sha, to_sha) DO UPDATE SET commits = excluded.commits`,
      )
      .run(repo, from, to, JSON.stringify(commits));
  }

  async cursor(repo: string, feed: string): Promise<string | null> {
    const row = this.db
      .prepare<[string, string], { value: string }>(
        "SELECT value FROM sync_cursors WHERE repo = ? AND feed = ?",
      )
      .get(repo, feed);
    return row?.value ?? null;
  }

  async putCursor(repo: string, feed: string, value: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sync_cursors (repo, feed, value) VALUES (?, ?, ?)
         ON CONFLICT (repo, feed) DO UPDATE SET value = excluded.value`,
      )
      .run(repo, feed, value);
  }

  async putReadiness(snapshot: ReadinessSnapshot): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO readiness (repo, at, snapshot) VALUES (?, ?, ?)
         ON CONFLICT (repo) DO UPDATE SET at = excluded.at, snapshot = excluded.snapshot
         WHERE excluded.at >= readiness.at`,
      )
      .run(snapshot.repo, Date.parse(snapshot.at), JSON.stringify(snapshot));
  }

  async readiness(): Promise<ReadinessSnapshot[]> {
    return this.db
      .prepare<[], { snapshot: string }>("SELECT snapshot FROM readiness ORDER BY repo")
      .all()
      .map((row) => JSON.parse(row.snapshot) as ReadinessSnapshot);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
