import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { InputError, IoError } from "../../errors.js";
import { versionKey } from "../../shared/version-key.js";
import type { CommitRange } from "../../metrics/core/plan-change-ranges.js";
import type {
  DeployNames,
  DeployQuery,
  DeploysAround,
  EventBatch,
  MetricsStore,
  PutResult,
} from "../../metrics/ports.js";
import type {
  ChangeCommit,
  DeployEvent,
  IncidentEvent,
  ReadinessSnapshot,
  RecoveryEvent,
} from "../../metrics/types.js";
import { WENT_OUT_STATUSES } from "../../metrics/types.js";
import {
  DEPLOY_COLUMNS,
  DEPLOY_KEY,
  INCIDENT_COLUMNS,
  INCIDENT_KEY,
  RECOVERY_COLUMNS,
  RECOVERY_KEY,
  deployFromColumns,
  pageKeyOf,
  incidentFromColumns,
  recoveryFromColumns,
  type ColumnReader,
  type ColumnRow,
} from "../metrics-store-columns.js";

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
  {
    // An incident or a recovery that names its deploy by id (a GitHub deployment, a shipready
    // deploy) finds it without reading the repository's other deploys.
    version: 3,
    sql: "CREATE INDEX deploys_by_source_id ON deploys (repo, source_id);",
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

/** The order of ORDER BY on ids (the same as SQLite's byte order for all but characters beyond the BMP). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const envKey = (name: string) => name.trim().toLowerCase();
const versionKeyOf = (version: string | null) => (version === null ? null : versionKey(version));
const ms = (text: string | null) => (text === null ? null : Date.parse(text));

/** SQLite's values: times in milliseconds, flags 0 or 1, the commits as JSON text. */
const READ: ColumnReader = {
  time: (value) => (value === null ? null : new Date(value as number).toISOString()),
  flag: (value) => (value === null ? null : value === 1),
  commits: (value) => (value === null ? null : (JSON.parse(value as string) as ChangeCommit[])),
};

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
  /** Statements by their SQL, prepared once: an organisation's run asks the same few thousands of times. */
  private readonly statements = new Map<string, Database.Statement>();

  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  /** A statement whose rows come back as arrays of the selected columns, prepared once. */
  private prepareRaw<R extends unknown[]>(sql: string): Database.Statement<unknown[], R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw();
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<unknown[], R>;
  }

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
    const page = this.prepareRaw<ColumnRow>(
      `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${filter.sql} AND finished_at >= ? AND finished_at < ?
         AND (finished_at, source, source_id) > (?, ?, ?)
       ORDER BY finished_at, source, source_id LIMIT ${PAGE}`,
    );
    let after: [unknown, string, string] = [-8.64e15, "", ""];
    for (;;) {
      const rows = page.all(...filter.params, from, to, ...after);
      for (const row of rows) yield deployFromColumns(row, READ);
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = pageKeyOf(last, DEPLOY_KEY);
    }
  }

  async lastDeployBefore(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null> {
    const filter = this.deployFilter(query);
    const row = this.prepareRaw<ColumnRow>(
      `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${filter.sql} AND finished_at < ?
         ORDER BY finished_at DESC, source DESC, source_id DESC LIMIT 1`,
    ).get(...filter.params, Date.parse(at));
    return row ? deployFromColumns(row, READ) : null;
  }

  async firstDeployAfter(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null> {
    const filter = this.deployFilter(query);
    const row = this.prepareRaw<ColumnRow>(
      `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${filter.sql} AND finished_at >= ?
         ORDER BY finished_at, source, source_id LIMIT 1`,
    ).get(...filter.params, Date.parse(at));
    return row ? deployFromColumns(row, READ) : null;
  }

  async deploysAround(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    since: string,
    until: string,
  ): Promise<DeploysAround> {
    return {
      lastBefore: await this.lastDeployBefore({ ...query, statuses: WENT_OUT_STATUSES }, since),
      lastSuccessBefore: await this.lastDeployBefore({ ...query, statuses: ["success"] }, since),
      firstAfter: await this.firstDeployAfter({ ...query, statuses: WENT_OUT_STATUSES }, until),
      firstSuccessAfter: await this.firstDeployAfter({ ...query, statuses: ["success"] }, until),
    };
  }

  async findDeploys(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    named: DeployNames,
  ): Promise<DeployEvent[]> {
    const filter = this.deployFilter(query);
    const commits = (named.commits ?? []).filter((c) => c.length >= 7).map((c) => c.toLowerCase());
    const versions = (named.versions ?? []).map(versionKey);
    // One query per kind of name, each with its index; the lists go in as JSON arrays, so the
    // statements stay the same however many names there are.
    const kinds: [string, readonly string[]][] = [
      ["source_id IN (SELECT value FROM json_each(?))", named.sourceIds ?? []],
      ["version_key IN (SELECT value FROM json_each(?))", versions],
      [
        "EXISTS (SELECT 1 FROM json_each(?) AS c WHERE commit_sha LIKE c.value || '%' OR c.value LIKE commit_sha || '%')",
        commits,
      ],
    ];
    const found = new Map<string, ColumnRow>();
    for (const [where, list] of kinds) {
      if (list.length === 0) continue;
      const rows = this.prepareRaw<ColumnRow>(
        `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${filter.sql} AND ${where}`,
      ).all(...filter.params, JSON.stringify(list));
      for (const row of rows) found.set(`${row[1] as string}\0${row[2] as string}`, row);
    }
    return [...found.values()]
      .sort(
        (a, b) =>
          (a[7] as number) - (b[7] as number) ||
          compareText(a[1] as string, b[1] as string) ||
          compareText(a[2] as string, b[2] as string),
      )
      .map((row) => deployFromColumns(row, READ));
  }

  async *incidents(query: {
    repo: string;
    from?: string;
    to?: string;
    withCause?: boolean;
    laterWithCause?: boolean;
  }): AsyncIterable<IncidentEvent> {
    const from = query.from === undefined ? -8.64e15 : Date.parse(query.from);
    const to = query.to === undefined ? 8.64e15 : Date.parse(query.to);
    const named = "(cause_version IS NOT NULL OR cause_commit IS NOT NULL OR cause_deploy_id IS NOT NULL)";
    const until = query.laterWithCause ? `(opened_at < ? OR ${named})` : "opened_at < ?";
    const cause = query.withCause ? `AND ${named}` : "";
    const page = this.prepareRaw<ColumnRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE repo = ? AND opened_at >= ? AND ${until} ${cause}
         AND (opened_at, source, source_id) > (?, ?, ?)
       ORDER BY opened_at, source, source_id LIMIT ${PAGE}`,
    );
    let after: [unknown, string, string] = [-8.64e15, "", ""];
    for (;;) {
      const rows = page.all(query.repo, from, to, ...after);
      for (const row of rows) yield incidentFromColumns(row, READ);
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = pageKeyOf(last, INCIDENT_KEY);
    }
  }

  async incident(repo: string, source: string, sourceId: string): Promise<IncidentEvent | null> {
    const row = this.prepareRaw<ColumnRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE repo = ? AND source = ? AND source_id = ?`,
    ).get(repo, source, sourceId);
    return row ? incidentFromColumns(row, READ) : null;
  }

  async *recoveries(query: { repo: string; from?: string }): AsyncIterable<RecoveryEvent> {
    const from = query.from === undefined ? -8.64e15 : Date.parse(query.from);
    const page = this.prepareRaw<ColumnRow>(
      `SELECT ${RECOVERY_COLUMNS} FROM recoveries WHERE repo = ? AND at >= ? AND (at, source, source_id) > (?, ?, ?)
       ORDER BY at, source, source_id LIMIT ${PAGE}`,
    );
    let after: [unknown, string, string] = [-8.64e15, "", ""];
    for (;;) {
      const rows = page.all(query.repo, from, ...after);
      for (const row of rows) yield recoveryFromColumns(row, READ);
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = pageKeyOf(last, RECOVERY_KEY);
    }
  }

  async environments(repo: string): Promise<{ name: string; deploys: number }[]> {
    return this.prepare<[string], { name: string; deploys: number }>(
      "SELECT environment AS name, count(*) AS deploys FROM deploys WHERE repo = ? GROUP BY environment ORDER BY deploys DESC, name",
    ).all(repo);
  }

  async repositories(): Promise<{ repo: string; deploys: number; incidents: number }[]> {
    return this.prepare<[], { repo: string; deploys: number; incidents: number }>(
      `SELECT repo, sum(d) AS deploys, sum(i) AS incidents FROM (
           SELECT repo, count(*) AS d, 0 AS i FROM deploys GROUP BY repo
           UNION ALL SELECT repo, 0, count(*) FROM incidents GROUP BY repo
           UNION ALL SELECT DISTINCT repo, 0, 0 FROM recoveries
         ) GROUP BY repo ORDER BY repo`,
    ).all();
  }

  async changes(repo: string, ranges: readonly CommitRange[]): Promise<Map<string, ChangeCommit[]>> {
    const found = new Map<string, ChangeCommit[]>();
    if (ranges.length === 0) return found;
    const rows = this.prepareRaw<[string, string, string]>(
      `SELECT from_sha, to_sha, commits FROM change_ranges
         WHERE repo = ? AND (from_sha, to_sha) IN (
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`,
    ).all(repo, JSON.stringify(ranges.map((range) => [range.from, range.to])));
    for (const [from, to, commits] of rows)
      found.set(`${from}..${to}`, JSON.parse(commits) as ChangeCommit[]);
    return found;
  }

  async putChanges(
    repo: string,
    kept: readonly (CommitRange & { commits: readonly ChangeCommit[] })[],
  ): Promise<void> {
    const upsert = this.prepare(
      `INSERT INTO change_ranges (repo, from_sha, to_sha, commits) VALUES (?, ?, ?, ?)
         ON CONFLICT (repo, from_sha, to_sha) DO UPDATE SET commits = excluded.commits`,
    );
    this.db.transaction(() => {
      for (const range of kept) upsert.run(repo, range.from, range.to, JSON.stringify(range.commits));
    })();
  }

  async cursor(repo: string, feed: string): Promise<string | null> {
    const row = this.prepare<[string, string], { value: string }>(
      "SELECT value FROM sync_cursors WHERE repo = ? AND feed = ?",
    ).get(repo, feed);
    return row?.value ?? null;
  }

  async putCursor(repo: string, feed: string, value: string): Promise<void> {
    this.prepare(
      `INSERT INTO sync_cursors (repo, feed, value) VALUES (?, ?, ?)
         ON CONFLICT (repo, feed) DO UPDATE SET value = excluded.value`,
    ).run(repo, feed, value);
  }

  async putReadiness(snapshot: ReadinessSnapshot): Promise<void> {
    this.prepare(
      `INSERT INTO readiness (repo, at, snapshot) VALUES (?, ?, ?)
         ON CONFLICT (repo) DO UPDATE SET at = excluded.at, snapshot = excluded.snapshot
         WHERE excluded.at >= readiness.at`,
    ).run(snapshot.repo, Date.parse(snapshot.at), JSON.stringify(snapshot));
  }

  async readiness(): Promise<ReadinessSnapshot[]> {
    return this.prepare<[], { snapshot: string }>("SELECT snapshot FROM readiness ORDER BY repo")
      .all()
      .map((row) => JSON.parse(row.snapshot) as ReadinessSnapshot);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
