import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { deployEvent, describeMetricsStore } from "../../../test/helpers/metrics-store-suite.js";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { InputError } from "../../errors.js";
import { METRICS_SCHEMA_VERSION, openSqliteMetricsStore } from "./sqlite-metrics-store.js";

describeMetricsStore("SQLite", {
  async fresh() {
    const file = join(makeTempDir(), "nested", "metrics.db");
    return { open: async () => openSqliteMetricsStore(file) };
  },
});

test("a new store records its schema version; reopening it changes nothing", async () => {
  const file = join(makeTempDir(), "metrics.db");
  await openSqliteMetricsStore(file).close();
  await openSqliteMetricsStore(file).close();
  const db = new Database(file);
  const versions = db.prepare("SELECT version FROM schema_version").pluck().all();
  db.close();
  assert.deepEqual(
    versions,
    Array.from({ length: METRICS_SCHEMA_VERSION }, (_, i) => i + 1),
  );
});

test("a store of schema version 1 is brought up to date and keeps its events", async () => {
  const file = join(makeTempDir(), "metrics.db");
  const store = openSqliteMetricsStore(file);
  await store.put({ deploys: [deployEvent("d1", 1)] });
  await store.close();
  const db = new Database(file);
  db.exec(
    "DROP INDEX deploys_by_source_id; DROP TABLE sync_cursors; DROP TABLE readiness; DELETE FROM schema_version WHERE version > 1",
  );
  db.close();
  const reopened = openSqliteMetricsStore(file);
  try {
    assert.equal(reopened.schemaVersion, METRICS_SCHEMA_VERSION);
    const kept = [];
    for await (const deploy of reopened.deploys({ repo: "acme/shop", environments: [] })) kept.push(deploy);
    assert.deepEqual(kept, [deployEvent("d1", 1)]);
    await reopened.putCursor("acme/shop", "github-issues", "x");
    assert.equal(await reopened.cursor("acme/shop", "github-issues"), "x");
  } finally {
    await reopened.close();
  }
});

test("a store written by a newer shipready is refused with both version numbers, and left as it is", async () => {
  const file = join(makeTempDir(), "metrics.db");
  await openSqliteMetricsStore(file).close();
  const db = new Database(file);
  db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')").run(
    METRICS_SCHEMA_VERSION + 4,
  );
  db.close();
  assert.throws(
    () => openSqliteMetricsStore(file),
    (error: unknown) =>
      error instanceof InputError &&
      error.message.includes(`schema version ${METRICS_SCHEMA_VERSION + 4}`) &&
      error.message.includes(`version ${METRICS_SCHEMA_VERSION} that this shipready knows`),
  );
  const after = new Database(file);
  assert.equal(
    after.prepare("SELECT max(version) FROM schema_version").pluck().get(),
    METRICS_SCHEMA_VERSION + 4,
  );
  after.close();
});

test("a file that is not a metrics store is refused, never replaced", () => {
  const dir = makeTempDir();
  const text = join(dir, "notes.db");
  writeFileSync(
    text,
    "these are my notes, not a database, and they are long enough to matter...\n".repeat(20),
  );
  assert.throws(() => openSqliteMetricsStore(text), /is not a SQLite database, or is damaged/);
  const other = join(dir, "other.db");
  const db = new Database(other);
  db.exec("CREATE TABLE mine (x)");
  db.close();
  assert.throws(() => openSqliteMetricsStore(other), /not a shipready metrics store/);
});
