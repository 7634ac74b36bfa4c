import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import { test } from "node:test";
import { deployEvent, describeMetricsStore } from "../../../test/helpers/metrics-store-suite.js";
import { freePort } from "../../../test/helpers/start-prometheus.js";
import { sharedPostgres } from "../../../test/helpers/start-postgres.js";
import { ExitCode, InputError, IoError, type ShipreadyError } from "../../errors.js";
import { migratePostgresDatabase, openPostgresMetricsStore } from "./postgres-metrics-store.js";
import { POSTGRES_SCHEMA_VERSION } from "./postgres-migrations.js";

// One server for the file, a database of its own for each test.
const server = sharedPostgres();

/** A new database, migrated to the version this shipready knows. */
async function migratedDatabase(): Promise<string> {
  const url = await (await server).createDatabase();
  await migrate(url);
  return url;
}

async function migrate(url: string) {
  const { target: _target, ...outcome } = await migratePostgresDatabase(url);
  return outcome;
}

const databaseOf = (url: string) => new URL(url).pathname.slice(1);

async function versions(url: string): Promise<number[]> {
  const rows = await (
    await server
  ).query<{ version: number }>(databaseOf(url), "SELECT version FROM schema_version ORDER BY version");
  return rows.map((row) => row.version);
}

const allVersions = Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1);

describeMetricsStore("PostgreSQL", {
  async fresh() {
    const url = await migratedDatabase();
    return { open: () => openPostgresMetricsStore(url) };
  },
});

test("an empty database is refused until db migrate creates the schema, which then opens", async () => {
  const url = await (await server).createDatabase();
  await assert.rejects(
    openPostgresMetricsStore(url),
    (error: unknown) =>
      error instanceof InputError &&
      /has no shipready schema yet/.test(error.message) &&
      /shipready db migrate/.test(error.fix ?? ""),
  );
  const outcome = await migrate(url);
  assert.deepEqual(outcome, { from: 0, to: POSTGRES_SCHEMA_VERSION, applied: allVersions });
  assert.deepEqual(await versions(url), allVersions);
  const store = await openPostgresMetricsStore(url);
  assert.equal(store.schemaVersion, POSTGRES_SCHEMA_VERSION);
  await store.close();
});

test("migrating again is a no-op", async () => {
  const url = await migratedDatabase();
  const before = await (await server).query(databaseOf(url), "SELECT * FROM schema_version ORDER BY version");
  assert.deepEqual(await migrate(url), {
    from: POSTGRES_SCHEMA_VERSION,
    to: POSTGRES_SCHEMA_VERSION,
    applied: [],
  });
  assert.deepEqual(
    await (await server).query(databaseOf(url), "SELECT * FROM schema_version ORDER BY version"),
    before,
  );
});

test("a database of schema version 1 is refused until migrated, then keeps its events", async () => {
  const url = await migratedDatabase();
  const store = await openPostgresMetricsStore(url);
  await store.put({ deploys: [deployEvent("d1", 1)] });
  await store.close();
  await (
    await server
  ).query(
    databaseOf(url),
    "DROP INDEX deploys_by_source_id; DROP TABLE sync_cursors; DROP TABLE readiness; DELETE FROM schema_version WHERE version > 1",
  );
  await assert.rejects(
    openPostgresMetricsStore(url),
    (error: unknown) =>
      error instanceof InputError &&
      error.message.includes(`schema version 1, older than version ${POSTGRES_SCHEMA_VERSION}`) &&
      /shipready db migrate/.test(error.fix ?? ""),
  );
  assert.deepEqual(await migrate(url), {
    from: 1,
    to: POSTGRES_SCHEMA_VERSION,
    applied: allVersions.slice(1),
  });
  const reopened = await openPostgresMetricsStore(url);
  try {
    const kept = [];
    for await (const deploy of reopened.deploys({ repo: "acme/shop", environments: [] })) kept.push(deploy);
    assert.deepEqual(kept, [deployEvent("d1", 1)]);
    await reopened.putCursor("acme/shop", "github-issues", "x");
    assert.equal(await reopened.cursor("acme/shop", "github-issues"), "x");
  } finally {
    await reopened.close();
  }
});

test("two machines migrating and writing at once apply each migration once and keep one copy of each event", async () => {
  const url = await (await server).createDatabase();
  const outcomes = await Promise.all([migrate(url), migrate(url), migrate(url)]);
  assert.deepEqual(await versions(url), allVersions);
  // Each migration was applied by exactly one of them.
  assert.deepEqual(outcomes.flatMap((o) => o.applied).sort(), allVersions);
  const [one, two] = await Promise.all([openPostgresMetricsStore(url), openPostgresMetricsStore(url)]);
  try {
    const page = (offset: number) => ({
      deploys: Array.from({ length: 400 }, (_, i) => deployEvent(`d${i + offset}`, i + offset)),
    });
    // The same page written twice over, in the other order, with a field the other leaves null.
    const withVersion = (offset: number) => ({
      deploys: page(offset).deploys.map((d) => ({ ...d, version: `v${d.sourceId}` })),
    });
    const results = await Promise.all([
      one.put(page(0)),
      two.put(withVersion(200)),
      one.put(withVersion(0)),
      two.put(page(200)),
    ]);
    const total = results.reduce((sum, r) => sum + r.inserted, 0);
    assert.equal(total, 600, "each event is inserted once, whoever came first");
    const read = [];
    for await (const deploy of two.deploys({ repo: "acme/shop", environments: [] })) read.push(deploy);
    assert.equal(read.length, 600);
    assert.equal(new Set(read.map((d) => d.sourceId)).size, 600);
    assert.ok(
      read.every((d) => d.version === `v${d.sourceId}`),
      "a version written by one machine is kept when the other sends the event without it",
    );
  } finally {
    await one.close();
    await two.close();
  }
});

test("an event given twice in one batch is merged over its first copy, as if put one after the other", async () => {
  const url = await migratedDatabase();
  const store = await openPostgresMetricsStore(url);
  try {
    const result = await store.put({
      deploys: [
        deployEvent("d", 1, { version: "v1", status: "failure", statusReason: "broken" }),
        deployEvent("d", 1, { status: "success" }),
        deployEvent("d", 1, { status: "success" }),
      ],
    });
    assert.deepEqual(result, { inserted: 1, updated: 1, unchanged: 1 });
    const [d] = await store.findDeploys({ repo: "acme/shop", environments: [] }, { sourceIds: ["d"] });
    assert.equal(d!.version, "v1");
    assert.equal(d!.status, "success");
    assert.equal(d!.statusReason, null);
  } finally {
    await store.close();
  }
});

test("a database written by a newer shipready is refused with both version numbers, and left as it is", async () => {
  const url = await migratedDatabase();
  const newer = POSTGRES_SCHEMA_VERSION + 4;
  await (await server).query(databaseOf(url), "INSERT INTO schema_version (version) VALUES ($1)", [newer]);
  const refusal = (error: unknown) =>
    error instanceof InputError &&
    error.message.includes(`schema version ${newer}`) &&
    error.message.includes(`version ${POSTGRES_SCHEMA_VERSION} that this shipready knows`);
  await assert.rejects(openPostgresMetricsStore(url), refusal);
  await assert.rejects(migrate(url), refusal);
  assert.deepEqual(await versions(url), [...allVersions, newer]);
});

test("a database that already has a table of the same name is refused, and nothing is changed", async () => {
  const url = await (await server).createDatabase();
  await (await server).query(databaseOf(url), "CREATE TABLE deploys (id integer)");
  await assert.rejects(
    migrate(url),
    (error: unknown) =>
      error instanceof InputError && /not made by shipready; nothing was changed/.test(error.message),
  );
  const tables = await (
    await server
  ).query<{ name: string }>(
    databaseOf(url),
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  assert.deepEqual(
    tables.map((t) => t.name),
    ["deploys"],
  );
});

/** Asserts a refusal names the server and never the password, with the exit code given. */
function refusedWith(exitCode: number, pattern: RegExp, password: string, where: string) {
  return (error: unknown) => {
    assert.ok(error instanceof InputError || error instanceof IoError, String(error));
    const shown = `${error.message}\n${error.fix ?? ""}`;
    assert.equal((error as ShipreadyError).exitCode, exitCode, shown);
    assert.match(shown, pattern);
    assert.ok(shown.includes(where), `${shown} does not say ${where}`);
    assert.ok(!shown.includes(password), `${shown} shows the password`);
    return true;
  };
}

test("a server that cannot be reached or refuses is named by host, port and database, never by its password", async () => {
  const pg = await server;
  const canary = "canary-S3cr3t-pw";
  // Nothing listens on this port.
  const closed = await freePort();
  await assert.rejects(
    openPostgresMetricsStore(`postgres://shipready:${canary}@127.0.0.1:${closed}/metrics`),
    refusedWith(ExitCode.Io, /connection was refused/, canary, `127.0.0.1:${closed} (database "metrics")`),
  );
  // The right user with the wrong password.
  const url = await pg.createDatabase();
  const database = databaseOf(url);
  await assert.rejects(
    openPostgresMetricsStore(`postgres://${pg.passwordUser.name}:${canary}@127.0.0.1:${pg.port}/${database}`),
    refusedWith(
      ExitCode.Usage,
      /refused the password of user "shipready_pw"/,
      canary,
      `127.0.0.1:${pg.port} (database "${database}")`,
    ),
  );
  // The right password does get in (and finds no schema yet).
  await assert.rejects(
    openPostgresMetricsStore(
      `postgres://${pg.passwordUser.name}:${encodeURIComponent(pg.passwordUser.password)}@127.0.0.1:${pg.port}/${database}`,
    ),
    refusedWith(
      ExitCode.Usage,
      /no shipready schema yet/,
      pg.passwordUser.password,
      `shipready_pw@127.0.0.1:${pg.port}/${database}`,
    ),
  );
  // A database that does not exist.
  await assert.rejects(
    openPostgresMetricsStore(
      `postgres://${pg.passwordUser.name}:${encodeURIComponent(pg.passwordUser.password)}@127.0.0.1:${pg.port}/nothing_here`,
    ),
    refusedWith(
      ExitCode.Usage,
      /there is no database "nothing_here"/,
      pg.passwordUser.password,
      `127.0.0.1:${pg.port}`,
    ),
  );
  // TLS asked of a server that offers none.
  await assert.rejects(
    openPostgresMetricsStore(
      `postgres://${pg.user}:${canary}@127.0.0.1:${pg.port}/${database}?sslmode=require`,
    ),
    refusedWith(
      ExitCode.Usage,
      /asks for TLS \(sslmode\) and the server offers none/,
      canary,
      `127.0.0.1:${pg.port}`,
    ),
  );
  // A host name that does not resolve (.invalid is reserved never to).
  await assert.rejects(
    openPostgresMetricsStore(`postgres://u:${canary}@no-such-host.invalid:5432/metrics`),
    refusedWith(ExitCode.Io, /host name/, canary, `no-such-host.invalid:5432`),
  );
});

test("a server that accepts the connection but never answers is given up after the connect timeout", async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const port = (silent.address() as { port: number }).port;
  const canary = "canary-Quiet-pw";
  try {
    await assert.rejects(
      openPostgresMetricsStore(`postgresql://u:${canary}@127.0.0.1:${port}/metrics`, {
        connectTimeoutMs: 300,
      }),
      refusedWith(
        ExitCode.Io,
        /no answer within 0.3 seconds/,
        canary,
        `127.0.0.1:${port} (database "metrics")`,
      ),
    );
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});

test("a connection the server closes while the store is idle is replaced, not reported", async () => {
  const pg = await server;
  const url = await migratedDatabase();
  const store = await openPostgresMetricsStore(url);
  try {
    await pg.query("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
      databaseOf(url),
    ]);
    // The pool's idle connection was closed under it: the next one is made anew and works.
    await store.put({ deploys: [deployEvent("d1", 1)] });
    const [d] = await store.findDeploys({ repo: "acme/shop", environments: [] }, { sourceIds: ["d1"] });
    assert.equal(d?.sourceId, "d1");
  } finally {
    await store.close();
  }
});
