import assert from "node:assert/strict";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, it, test } from "node:test";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { openSqliteDatabase } from "./open-sqlite-database.js";

const SCHEMA = "CREATE TABLE IF NOT EXISTS items (text TEXT NOT NULL);";

function count(database: ReturnType<typeof openSqliteDatabase>): unknown {
  return database.use((db) => db.prepare("SELECT count(*) FROM items").pluck().get());
}

describe("openSqliteDatabase", () => {
  it("keeps an owner-only database and its WAL from everyone else", () => {
    const dbPath = join(makeTempDir(), "cache", "private.db");
    const database = openSqliteDatabase(dbPath, { version: "1", schema: SCHEMA, ownerOnly: true });
    try {
      database.use((db) => db.prepare("INSERT INTO items VALUES ('secret')").run());
      assert.equal(statSync(dbPath).mode & 0o777, 0o600);
      assert.ok(existsSync(`${dbPath}-wal`));
      assert.equal(statSync(`${dbPath}-wal`).mode & 0o777, 0o600);
    } finally {
      database.close();
    }
  });

  it("replaces a file found corrupt in use, refills it and runs the work again", () => {
    const dbPath = join(makeTempDir(), "items.db");
    const first = openSqliteDatabase(dbPath, { version: "1", schema: SCHEMA });
    first.use((db) => {
      const insert = db.prepare("INSERT INTO items VALUES (?)");
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(`item ${i} `.padEnd(60, "."));
      })();
    });
    first.close();
    // Opening reads only the first pages; the table's pages further in are what turns out damaged.
    const fd = openSync(dbPath, "r+");
    writeSync(fd, Buffer.alloc(20 * 4096, 0x5a), 0, 20 * 4096, 3 * 4096);
    closeSync(fd);

    let refills = 0;
    const reopened = openSqliteDatabase(dbPath, {
      version: "1",
      schema: SCHEMA,
      onReplaced(db) {
        refills++;
        db.prepare("INSERT INTO items VALUES ('refilled')").run();
      },
    });
    try {
      assert.equal(count(reopened), 1);
      assert.equal(refills, 1);
    } finally {
      reopened.close();
    }
  });

  it("starts afresh over a database of another schema version, running onOpen in the new one", () => {
    const dbPath = join(makeTempDir(), "items.db");
    const old = openSqliteDatabase(dbPath, { version: "1", schema: SCHEMA });
    old.use((db) => db.prepare("INSERT INTO items VALUES ('old')").run());
    old.close();
    const opened: number[] = [];
    const next = openSqliteDatabase(dbPath, {
      version: "2",
      schema: SCHEMA,
      onOpen: (db) => opened.push(Number(db.prepare("SELECT count(*) FROM items").pluck().get())),
    });
    try {
      assert.deepEqual(opened, [0]);
      assert.equal(count(next), 0);
    } finally {
      next.close();
    }
  });

  it("holds an in-memory database for ':memory:', with no file", () => {
    const database = openSqliteDatabase(":memory:", { version: "1", schema: SCHEMA });
    database.use((db) => db.prepare("INSERT INTO items VALUES ('x')").run());
    assert.equal(count(database), 1);
    assert.ok(!existsSync(":memory:"));
    database.close();
  });
});

test("a cache folder it creates ignores itself in git; a folder that exists is left as it is", () => {
  const root = makeTempDir();
  const created = openSqliteDatabase(join(root, ".shipready", "cache", "a.db"), {
    version: "1",
    schema: SCHEMA,
  });
  created.close();
  assert.equal(readFileSync(join(root, ".shipready", "cache", ".gitignore"), "utf8").split("\n")[1], "*");
  const own = join(root, "mine");
  mkdirSync(own);
  openSqliteDatabase(join(own, "b.db"), { version: "1", schema: SCHEMA }).close();
  assert.equal(existsSync(join(own, ".gitignore")), false);
});
