import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { describeMetricsStore } from "../../../test/helpers/metrics-store-suite.js";
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
  assert.deepEqual(versions, [METRICS_SCHEMA_VERSION]);
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
