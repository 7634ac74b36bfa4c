import pg from "pg";
import type { CommitRange } from "../../metrics/core/plan-change-ranges.js";
import type {
  DeployNames,
  DeployQuery,
  DeploysAround,
  EventBatch,
  MetricsStore,
  PutResult,
} from "../../metrics/ports.js";
import { WENT_OUT_STATUSES } from "../../metrics/types.js";
import type {
  ChangeCommit,
  DeployEvent,
  IncidentEvent,
  ReadinessSnapshot,
  RecoveryEvent,
} from "../../metrics/types.js";
import { versionKey } from "../../shared/version-key.js";
import { describePostgresError } from "./describe-postgres-error.js";
import { timestamptzToIso } from "./timestamptz-to-iso.js";
import { parseDatabaseUrl, type DatabaseTarget } from "./parse-database-url.js";
import {
  checkSchemaVersion,
  migratePostgres,
  readSchemaVersion,
  type MigrationOutcome,
} from "./postgres-migrations.js";
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

/** Rows read per query while iterating: memory stays flat however many there are. */
const PAGE = 500;
/** Rows sent per statement while writing a batch (as arrays, one parameter per column). */
const CHUNK = 1000;
/** A command runs a few queries at a time at most; an organisation's machines share the server. */
const MAX_CONNECTIONS = 4;
export const CONNECT_TIMEOUT_MS = 10_000;
/** Two transactions that wait on each other (deadlock_detected, serialization_failure) are run again. */
const RETRIED_CODES = new Set(["40P01", "40001"]);
const RETRIES = 3;

export interface PostgresStoreOptions {
  /** The variable the URL came from, named in messages (default SHIPREADY_DATABASE_URL). */
  variable?: string;
  /** How long to wait for the server to answer a new connection (default 10 s). */
  connectTimeoutMs?: number;
  /** Connections kept at most (default 4). */
  maxConnections?: number;
}

/** A MetricsStore in PostgreSQL, with where it is (label: the URL without its password). */
export interface PostgresMetricsStore extends MetricsStore {
  readonly target: DatabaseTarget;
}

/** A pool of connections to the database of `url`, whose errors name the server but never the password. */
export function createPostgresPool(
  url: string,
  options: PostgresStoreOptions = {},
): { pool: pg.Pool; target: DatabaseTarget; timeoutMs: number } {
  const target = parseDatabaseUrl(url, options.variable ?? "SHIPREADY_DATABASE_URL");
  const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.maxConnections ?? MAX_CONNECTIONS,
      connectionTimeoutMillis: timeoutMs,
      idleTimeoutMillis: 10_000,
      application_name: "shipready",
    });
  } catch (error) {
    throw describePostgresError(target, error, "connect to", timeoutMs) ?? error;
  }
  // A connection the server drops while idle is replaced at the next query, which reports it; the
  // pool's event must be listened to or it would end the process.
  pool.on("error", () => undefined);
  return { pool, target, timeoutMs };
}

/**
 * Opens the PostgreSQL metrics store at `url` (postgres:// or postgresql://). The schema must be at
 * the version this shipready knows: an older one (or none) is refused with "run shipready db
 * migrate", as the database is shared and migrating it is a decision of its own; a newer one is
 * refused with both version numbers and left untouched.
 */
export async function openPostgresMetricsStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresMetricsStore> {
  const { pool, target, timeoutMs } = createPostgresPool(url, options);
  try {
    const version = await readSchemaVersion(pool);
    checkSchemaVersion(target, version);
    return new PgMetricsStore(pool, target, version, timeoutMs);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw describePostgresError(target, error, "open the metrics store in", timeoutMs) ?? error;
  }
}

/**
 * Brings the database at `url` to the schema version this shipready knows, as `shipready db
 * migrate` does: each missing migration once, in its own transaction, under an advisory lock.
 */
export async function migratePostgresDatabase(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<MigrationOutcome & { target: DatabaseTarget }> {
  const { pool, target, timeoutMs } = createPostgresPool(url, options);
  try {
    return { ...(await migratePostgres(pool, target)), target };
  } catch (error) {
    throw describePostgresError(target, error, "migrate", timeoutMs) ?? error;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

const envKey = (name: string) => name.trim().toLowerCase();
const versionKeyOf = (version: string | null) => (version === null ? null : versionKey(version));
/** An ISO time to the millisecond, as the SQLite store keeps it. */
const time = (text: string | null) => (text === null ? null : new Date(Date.parse(text)).toISOString());

interface Table {
  name: "deploys" | "incidents" | "recoveries";
  /** Column name and its PostgreSQL type, in the order of toRow's values. */
  columns: readonly (readonly [string, string])[];
  toRow(event: unknown): unknown[];
}

const KEY = ["repo", "source", "source_id"];

const DEPLOYS: Table = {
  name: "deploys",
  columns: [
    ["repo", "text"],
    ["source", "text"],
    ["source_id", "text"],
    ["environment", "text"],
    ["env_key", "text"],
    ["version", "text"],
    ["version_key", "text"],
    ["commit_sha", "text"],
    ["started_at", "timestamptz"],
    ["finished_at", "timestamptz"],
    ["status", "text"],
    ["status_reason", "text"],
    ["rework", "boolean"],
    ["fixes", "text"],
    ["changes", "jsonb"],
    ["url", "text"],
  ],
  toRow: (e) => {
    const event = e as DeployEvent;
    return [
      event.repo,
      event.source,
      event.sourceId,
      event.environment,
      envKey(event.environment),
      event.version,
      versionKeyOf(event.version),
      event.commit,
      time(event.startedAt),
      time(event.finishedAt),
      event.status,
      event.statusReason,
      event.rework,
      event.fixes,
      event.changes === null ? null : JSON.stringify(event.changes),
      event.url,
    ];
  },
};

const INCIDENTS: Table = {
  name: "incidents",
  columns: [
    ["repo", "text"],
    ["source", "text"],
    ["source_id", "text"],
    ["environment", "text"],
    ["opened_at", "timestamptz"],
    ["resolved_at", "timestamptz"],
    ["cause_version", "text"],
    ["cause_commit", "text"],
    ["cause_deploy_id", "text"],
    ["title", "text"],
    ["url", "text"],
  ],
  toRow: (e) => {
    const event = e as IncidentEvent;
    return [
      event.repo,
      event.source,
      event.sourceId,
      event.environment,
      time(event.openedAt),
      time(event.resolvedAt),
      event.causeVersion,
      event.causeCommit,
      event.causeDeployId,
      event.title,
      event.url,
    ];
  },
};

const RECOVERIES: Table = {
  name: "recoveries",
  columns: [
    ["repo", "text"],
    ["source", "text"],
    ["source_id", "text"],
    ["environment", "text"],
    ["at", "timestamptz"],
    ["kind", "text"],
    ["succeeded", "boolean"],
    ["cause_deploy_id", "text"],
    ["cause_version", "text"],
    ["cause_commit", "text"],
    ["incident_id", "text"],
    ["fix_version", "text"],
    ["fix_commit", "text"],
    ["reason", "text"],
  ],
  toRow: (e) => {
    const event = e as RecoveryEvent;
    return [
      event.repo,
      event.source,
      event.sourceId,
      event.environment,
      time(event.at),
      event.kind,
      event.succeeded,
      event.causeDeployId,
      event.causeVersion,
      event.causeCommit,
      event.incidentId,
      event.fixVersion,
      event.fixCommit,
      event.reason,
    ];
  },
};

/**
 * The upsert of a table, for many rows at once (one array parameter per column). A field the new
 * event leaves null keeps its value; a deploy's new status brings its own reason, or none. A row
 * that would not change is not written, and so not returned: RETURNING tells inserted (xmax = 0, the
 * row is new in this transaction) from updated.
 */
function upsertSql(table: Table): string {
  const names = table.columns.map(([name]) => name);
  const merged = (name: string) =>
    name === "status_reason"
      ? "CASE WHEN excluded.status IS DISTINCT FROM t.status THEN excluded.status_reason ELSE COALESCE(excluded.status_reason, t.status_reason) END"
      : `COALESCE(excluded.${name}, t.${name})`;
  const updated = names.filter((name) => !KEY.includes(name));
  return `INSERT INTO ${table.name} AS t (${names.join(", ")})
    SELECT * FROM unnest(${table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})
    ON CONFLICT (${KEY.join(", ")}) DO UPDATE SET ${updated.map((n) => `${n} = ${merged(n)}`).join(", ")}
    WHERE (${updated.map(merged).join(", ")}) IS DISTINCT FROM (${updated.map((n) => `t.${n}`).join(", ")})
    RETURNING (xmax = 0) AS inserted`;
}

/**
 * The rows in rounds where each key comes once, in key order: one statement cannot change a row
 * twice, so an event given twice in a batch is merged over its first copy by the next round, as if
 * put one after the other; and two writers lock rows in the same order, so they wait rather than
 * deadlock.
 */
function rounds(rows: unknown[][]): unknown[][][] {
  const result: Map<string, unknown[]>[] = [];
  for (const row of rows) {
    const key = JSON.stringify(row.slice(0, 3));
    let round = result.find((r) => !r.has(key));
    if (!round) result.push((round = new Map()));
    round.set(key, row);
  }
  return result.map((round) =>
    [...round.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row),
  );
}

/**
 * How a read's columns are turned into values: times as ISO text (timestamptz-to-iso.ts), not
 * Dates that would be printed again; the rest as pg does.
 */
const READ_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    return oid === pg.types.builtins.TIMESTAMPTZ
      ? timestamptzToIso
      : pg.types.getTypeParser(oid, format as "text");
  },
};

/** PostgreSQL's values as READ_TYPES parses them: times as ISO text, booleans, the commits parsed. */
const READ: ColumnReader = {
  time: (value) => value as string | null,
  flag: (value) => value as boolean | null,
  commits: (value) => value as ChangeCommit[] | null,
};

/** SQL conditions with their parameters, numbered as they are added. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: (next: () => string) => string, ...values: unknown[]): this {
    let i = 0;
    this.parts.push(sql(() => `$${this.params.length + ++i}`));
    this.params.push(...values);
    return this;
  }

  get sql(): string {
    return this.parts.join(" AND ");
  }
}

class PgMetricsStore implements PostgresMetricsStore {
  private readonly statementNames = new Map<string, string>();
  private readonly upserts = new Map<Table, string>(
    [DEPLOYS, INCIDENTS, RECOVERIES].map((table) => [table, upsertSql(table)]),
  );

  constructor(
    private readonly pool: pg.Pool,
    readonly target: DatabaseTarget,
    readonly schemaVersion: number,
    private readonly timeoutMs: number,
  ) {}

  /** Runs one piece of work, turning a server that cannot be reached into a message naming it. */
  private async run<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw describePostgresError(this.target, error, doing, this.timeoutMs) ?? error;
    }
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.run(
      "read the metrics store in",
      async () =>
        (await this.pool.query<R>({ name: this.statementName(sql), text: sql, values: params })).rows,
    );
  }

  /**
   * The name a read is prepared under, one per SQL text: each connection parses and plans it once,
   * not at each of the thousands of times an organisation's run asks it.
   */
  private statementName(sql: string): string {
    let name = this.statementNames.get(sql);
    if (name === undefined) {
      name = `shipready_read_${this.statementNames.size + 1}`;
      this.statementNames.set(sql, name);
    }
    return name;
  }

  /** Rows as arrays of the selected columns. */
  private async tuples<R extends unknown[]>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.run(
      "read the metrics store in",
      async () =>
        (
          await this.pool.query<R>({
            name: this.statementName(sql),
            text: sql,
            values: params,
            rowMode: "array",
            types: READ_TYPES,
          })
        ).rows,
    );
  }

  async put(batch: EventBatch): Promise<PutResult> {
    const lists: [Table, readonly unknown[]][] = [
      [DEPLOYS, batch.deploys ?? []],
      [INCIDENTS, batch.incidents ?? []],
      [RECOVERIES, batch.recoveries ?? []],
    ];
    const work = lists.map(([table, events]) => ({ table, rounds: rounds(events.map(table.toRow)) }));
    return this.run("write the metrics store in", async () => {
      for (let attempt = 1; ; attempt++) {
        const client = await this.pool.connect();
        try {
          // One transaction per batch: a batch is kept whole or not at all.
          await client.query("BEGIN");
          const result: PutResult = { inserted: 0, updated: 0, unchanged: 0 };
          for (const { table, rounds } of work) {
            for (const round of rounds) {
              for (let at = 0; at < round.length; at += CHUNK) {
                const chunk = round.slice(at, at + CHUNK);
                const columns = table.columns.map((_, i) => chunk.map((row) => row[i]));
                const written = await client.query<{ inserted: boolean }>(this.upserts.get(table)!, columns);
                const inserted = written.rows.filter((row) => row.inserted).length;
                result.inserted += inserted;
                result.updated += written.rows.length - inserted;
                result.unchanged += chunk.length - written.rows.length;
              }
            }
          }
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          const code = (error as { code?: unknown } | null)?.code;
          if (attempt < RETRIES && typeof code === "string" && RETRIED_CODES.has(code)) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    });
  }

  private deployFilter(query: Omit<DeployQuery, "from" | "to">): Where {
    const where = new Where().add((p) => `repo = ${p()}`, query.repo);
    if (query.environments.length > 0)
      where.add((p) => `env_key = ANY(${p()}::text[])`, query.environments.map(envKey));
    if (query.statuses && query.statuses.length > 0)
      where.add((p) => `status = ANY(${p()}::text[])`, [...query.statuses]);
    return where;
  }

  /**
   * Every row of a query, read a page at a time in (time, source, source_id) order: each page starts
   * after the last row of the one before (keyset paging), so no connection is held between pages
   * and memory stays flat.
   */
  private async *pages<R extends unknown[]>(
    table: string,
    columns: string,
    timeColumn: string,
    /** Where the time (ISO text), the source and the source id are in a row. */
    keyAt: readonly [number, number, number],
    where: Where,
  ): AsyncIterable<R> {
    let after: [unknown, unknown, unknown] | null = null;
    for (;;) {
      const page = new Where();
      page.parts.push(...where.parts);
      page.params.push(...where.params);
      if (after)
        page.add(
          (p) => `(${timeColumn}, source, source_id) > (${p()}::timestamptz, ${p()}, ${p()})`,
          ...after,
        );
      const rows = await this.tuples<R>(
        `SELECT ${columns} FROM ${table} WHERE ${page.sql} ORDER BY ${timeColumn}, source, source_id LIMIT ${PAGE}`,
        page.params,
      );
      yield* rows;
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = pageKeyOf(last, keyAt);
    }
  }

  async *deploys(query: DeployQuery): AsyncIterable<DeployEvent> {
    const where = this.deployFilter(query);
    if (query.from !== undefined) where.add((p) => `finished_at >= ${p()}`, time(query.from));
    if (query.to !== undefined) where.add((p) => `finished_at < ${p()}`, time(query.to));
    for await (const row of this.pages<ColumnRow>(
      "deploys",
      DEPLOY_COLUMNS,
      "finished_at",
      DEPLOY_KEY,
      where,
    ))
      yield deployFromColumns(row, READ);
  }

  async lastDeployBefore(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null> {
    const where = this.deployFilter(query).add((p) => `finished_at < ${p()}`, time(at));
    const [row] = await this.tuples<ColumnRow>(
      `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${where.sql} ORDER BY finished_at DESC, source DESC, source_id DESC LIMIT 1`,
      where.params,
    );
    return row ? deployFromColumns(row, READ) : null;
  }

  async firstDeployAfter(query: Omit<DeployQuery, "from" | "to">, at: string): Promise<DeployEvent | null> {
    const where = this.deployFilter(query).add((p) => `finished_at >= ${p()}`, time(at));
    const [row] = await this.tuples<ColumnRow>(
      `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${where.sql} ORDER BY finished_at, source, source_id LIMIT 1`,
      where.params,
    );
    return row ? deployFromColumns(row, READ) : null;
  }

  async deploysAround(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    since: string,
    until: string,
  ): Promise<DeploysAround> {
    // One round trip for the four: each part is one index lookup.
    const where = this.deployFilter(query);
    const at = where.params.length;
    const part = (kind: number, statuses: string, time: string, order: string) =>
      `(SELECT ${kind} AS kind, ${DEPLOY_COLUMNS} FROM deploys
         WHERE ${where.sql} AND status = ANY(${statuses}::text[]) AND finished_at ${time}
         ORDER BY ${order} LIMIT 1)`;
    const before = `< $${at + 3}`;
    const after = `>= $${at + 4}`;
    const backwards = "finished_at DESC, source DESC, source_id DESC";
    const forwards = "finished_at, source, source_id";
    const rows = await this.tuples<[number, ...unknown[]]>(
      [
        part(0, `$${at + 1}`, before, backwards),
        part(1, `$${at + 2}`, before, backwards),
        part(2, `$${at + 1}`, after, forwards),
        part(3, `$${at + 2}`, after, forwards),
      ].join(" UNION ALL "),
      [...where.params, [...WENT_OUT_STATUSES], ["success"], time(since), time(until)],
    );
    const found: (DeployEvent | null)[] = [null, null, null, null];
    for (const [kind, ...row] of rows) found[kind] = deployFromColumns(row, READ);
    return {
      lastBefore: found[0] ?? null,
      lastSuccessBefore: found[1] ?? null,
      firstAfter: found[2] ?? null,
      firstSuccessAfter: found[3] ?? null,
    };
  }

  async findDeploys(
    query: Omit<DeployQuery, "from" | "to" | "statuses">,
    named: DeployNames,
  ): Promise<DeployEvent[]> {
    const where = this.deployFilter(query);
    const sourceIds = [...(named.sourceIds ?? [])];
    const versions = (named.versions ?? []).map(versionKey);
    const commits = (named.commits ?? []).filter((c) => c.length >= 7).map((c) => c.toLowerCase());
    if (sourceIds.length + versions.length + commits.length === 0) return [];
    // One round trip for every name; each kind of name is looked up with its own index.
    const any = where.params.length;
    const rows = await this.tuples<ColumnRow>(
      `SELECT ${DEPLOY_COLUMNS} FROM deploys WHERE ${where.sql} AND (
         source_id = ANY($${any + 1}::text[])
         OR version_key = ANY($${any + 2}::text[])
         OR EXISTS (SELECT 1 FROM unnest($${any + 3}::text[]) AS c(sha)
                    WHERE starts_with(lower(commit_sha), c.sha) OR starts_with(c.sha, lower(commit_sha))))
       ORDER BY finished_at, source, source_id`,
      [...where.params, sourceIds, versions, commits],
    );
    return rows.map((row) => deployFromColumns(row, READ));
  }

  async *incidents(query: {
    repo: string;
    from?: string;
    to?: string;
    withCause?: boolean;
    laterWithCause?: boolean;
  }): AsyncIterable<IncidentEvent> {
    const named = "(cause_version IS NOT NULL OR cause_commit IS NOT NULL OR cause_deploy_id IS NOT NULL)";
    const where = new Where().add((p) => `repo = ${p()}`, query.repo);
    if (query.from !== undefined) where.add((p) => `opened_at >= ${p()}`, time(query.from));
    if (query.to !== undefined)
      where.add(
        (p) => (query.laterWithCause ? `(opened_at < ${p()} OR ${named})` : `opened_at < ${p()}`),
        time(query.to),
      );
    if (query.withCause) where.parts.push(named);
    for await (const row of this.pages<ColumnRow>(
      "incidents",
      INCIDENT_COLUMNS,
      "opened_at",
      INCIDENT_KEY,
      where,
    ))
      yield incidentFromColumns(row, READ);
  }

  async incident(repo: string, source: string, sourceId: string): Promise<IncidentEvent | null> {
    const [row] = await this.tuples<ColumnRow>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE repo = $1 AND source = $2 AND source_id = $3`,
      [repo, source, sourceId],
    );
    return row ? incidentFromColumns(row, READ) : null;
  }

  async *recoveries(query: { repo: string; from?: string }): AsyncIterable<RecoveryEvent> {
    const where = new Where().add((p) => `repo = ${p()}`, query.repo);
    if (query.from !== undefined) where.add((p) => `at >= ${p()}`, time(query.from));
    for await (const row of this.pages<ColumnRow>("recoveries", RECOVERY_COLUMNS, "at", RECOVERY_KEY, where))
      yield recoveryFromColumns(row, READ);
  }

  async environments(repo: string): Promise<{ name: string; deploys: number }[]> {
    return this.query<{ name: string; deploys: number }>(
      `SELECT environment AS name, count(*)::integer AS deploys FROM deploys WHERE repo = $1
       GROUP BY environment ORDER BY deploys DESC, name`,
      [repo],
    );
  }

  async repositories(): Promise<{ repo: string; deploys: number; incidents: number }[]> {
    return this.query<{ repo: string; deploys: number; incidents: number }>(
      `SELECT repo, sum(d)::integer AS deploys, sum(i)::integer AS incidents FROM (
         SELECT repo, count(*) AS d, 0 AS i FROM deploys GROUP BY repo
         UNION ALL SELECT repo, 0, count(*) FROM incidents GROUP BY repo
         UNION ALL SELECT DISTINCT repo, 0, 0 FROM recoveries
       ) AS counts GROUP BY repo ORDER BY repo`,
    );
  }

  async changes(repo: string, ranges: readonly CommitRange[]): Promise<Map<string, ChangeCommit[]>> {
    const found = new Map<string, ChangeCommit[]>();
    if (ranges.length === 0) return found;
    const rows = await this.tuples<[string, string, ChangeCommit[]]>(
      `SELECT c.from_sha, c.to_sha, c.commits
         FROM change_ranges AS c JOIN unnest($2::text[], $3::text[]) AS r(from_sha, to_sha)
           ON c.from_sha = r.from_sha AND c.to_sha = r.to_sha
         WHERE c.repo = $1`,
      [repo, ranges.map((range) => range.from), ranges.map((range) => range.to)],
    );
    for (const [from, to, commits] of rows) found.set(`${from}..${to}`, commits);
    return found;
  }

  async putChanges(
    repo: string,
    kept: readonly (CommitRange & { commits: readonly ChangeCommit[] })[],
  ): Promise<void> {
    if (kept.length === 0) return;
    // One statement, so all or none; a range given twice is kept once, as its last answer.
    const byRange = new Map(kept.map((range) => [`${range.from}..${range.to}`, range]));
    const ranges = [...byRange.values()];
    await this.run("write the metrics store in", () =>
      this.pool.query(
        `INSERT INTO change_ranges (repo, from_sha, to_sha, commits)
           SELECT $1, r.from_sha, r.to_sha, r.commits::jsonb
             FROM unnest($2::text[], $3::text[], $4::text[]) AS r(from_sha, to_sha, commits)
         ON CONFLICT (repo, from_sha, to_sha) DO UPDATE SET commits = excluded.commits`,
        [
          repo,
          ranges.map((range) => range.from),
          ranges.map((range) => range.to),
          ranges.map((range) => JSON.stringify(range.commits)),
        ],
      ),
    );
  }

  async cursor(repo: string, feed: string): Promise<string | null> {
    const [row] = await this.query<{ value: string }>(
      "SELECT value FROM sync_cursors WHERE repo = $1 AND feed = $2",
      [repo, feed],
    );
    return row?.value ?? null;
  }

  async putCursor(repo: string, feed: string, value: string): Promise<void> {
    await this.run("write the metrics store in", () =>
      this.pool.query(
        `INSERT INTO sync_cursors (repo, feed, value) VALUES ($1, $2, $3)
         ON CONFLICT (repo, feed) DO UPDATE SET value = excluded.value`,
        [repo, feed, value],
      ),
    );
  }

  async putReadiness(snapshot: ReadinessSnapshot): Promise<void> {
    await this.run("write the metrics store in", () =>
      this.pool.query(
        `INSERT INTO readiness (repo, at, snapshot) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (repo) DO UPDATE SET at = excluded.at, snapshot = excluded.snapshot
         WHERE excluded.at >= readiness.at`,
        [snapshot.repo, time(snapshot.at), JSON.stringify(snapshot)],
      ),
    );
  }

  async readiness(): Promise<ReadinessSnapshot[]> {
    const rows = await this.query<{ snapshot: ReadinessSnapshot }>(
      "SELECT snapshot FROM readiness ORDER BY repo",
    );
    return rows.map((row) => row.snapshot);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
