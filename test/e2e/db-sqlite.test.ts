import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

test("without SHIPREADY_DATABASE_URL, db status and db migrate speak of the SQLite store at metrics.store", () => {
  const cwd = makeTempDir();
  const store = join(cwd, ".shipready", "metrics.db");

  const before = runCli(["db", "status"], { cwd });
  assert.equal(before.code, 0, before.stderr);
  assert.match(before.stdout, /^Metrics store: \.shipready\/metrics\.db \(SQLite\)\n/);
  assert.match(
    before.stdout,
    /Schema: none yet, the file is made at first use; this shipready knows version 3/,
  );
  assert.ok(!existsSync(store), "db status creates nothing");

  const migrated = runCli(["db", "migrate"], { cwd });
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.equal(
    migrated.stdout,
    "Migrated the metrics store .shipready/metrics.db from schema version 0 to 3 (applied 1, 2, 3).\n",
  );
  const again = runCli(["db", "migrate"], { cwd });
  assert.match(again.stdout, /is at schema version 3, the latest this shipready knows: nothing to do/);
  const after = runCli(["db", "status", "--json"], { cwd });
  assert.equal(after.code, 0, after.stderr);
  assert.deepEqual(JSON.parse(after.stdout), {
    store: "sqlite",
    location: ".shipready/metrics.db",
    server: null,
    schemaVersion: 3,
    knownVersion: 3,
    pending: [],
    usable: true,
  });

  // A store from a newer shipready: status says so (exit 1), migrate refuses it and changes nothing.
  const db = new Database(store);
  db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (7, 'later')").run();
  db.close();
  const newer = runCli(["db", "status"], { cwd });
  assert.equal(newer.code, 1);
  assert.match(
    newer.stdout,
    /Schema: version 7; this shipready knows version 3\nIt was migrated by a newer shipready/,
  );
  const refused = runCli(["db", "migrate"], { cwd });
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /has schema version 7, newer than version 3 that this shipready knows; it was left as it is/,
  );
});
