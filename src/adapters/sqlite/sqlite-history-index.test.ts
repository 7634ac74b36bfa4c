import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { HistoryRecord } from "../../readiness/types.js";
import { serializeHistoryRecord } from "../history-file.js";
import { openHistoryIndex } from "./sqlite-history-index.js";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "shipready-"));
}

function run(day: number): HistoryRecord {
  return {
    v: 1,
    at: new Date(Date.UTC(2025, 0, day, 9)).toISOString(),
    checklist: "RELEASE.md",
    commit: null,
    score: 70 + day,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 1,
    categories: [],
    origin: "update",
  };
}

function fileText(records: HistoryRecord[]): string {
  return records.map((record) => serializeHistoryRecord(record) + "\n").join("");
}

test("the index syncs only the new tail when the file grew", () => {
  const index = openHistoryIndex(path.join(tempDir(), "cache", "history.db"));
  const first = [run(1), run(2), run(3)];
  assert.deepEqual(index.sync(fileText(first), first), { added: 3, rebuilt: true });
  const grown = [...first, run(4), run(5)];
  assert.deepEqual(index.sync(fileText(grown), grown), { added: 2, rebuilt: false });
  assert.deepEqual(index.sync(fileText(grown), grown), { added: 0, rebuilt: false });
  assert.deepEqual(index.all(), grown);
  index.close();
});

test("a rewritten file (a merge inserting a line mid-file) rebuilds the index to match", () => {
  const index = openHistoryIndex(path.join(tempDir(), "history.db"));
  const before = [run(1), run(3), run(5)];
  index.sync(fileText(before), before);
  const merged = [run(1), run(2), run(3), run(5)];
  assert.deepEqual(index.sync(fileText(merged), merged), { added: 4, rebuilt: true });
  assert.deepEqual(index.all(), merged);
  const edited = [run(2), run(5)];
  index.sync(fileText(edited), edited);
  assert.deepEqual(index.all(), edited);
  index.close();
});

test("records come back oldest first, then in file order", () => {
  const index = openHistoryIndex(path.join(tempDir(), "history.db"));
  const late = { ...run(9), at: "2025-01-09T11:00:00.000+02:00" }; // 09:00Z, same instant as run(9)
  const records = [run(9), run(2), late];
  index.sync(fileText(records), records);
  assert.deepEqual(index.all(), [run(2), run(9), late]);
  index.close();
});

test("the index uses WAL and a busy timeout, and two handles share it", () => {
  const dbPath = path.join(tempDir(), "history.db");
  const one = openHistoryIndex(dbPath);
  const two = openHistoryIndex(dbPath);
  const records = [run(1), run(2)];
  one.sync(fileText(records), records);
  assert.deepEqual(two.all(), records);
  one.close();
  two.close();
  const db = new Database(dbPath, { readonly: true });
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  assert.equal(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get(), "1");
  db.close();
});

test("a garbage file in the index's place is replaced", () => {
  const dbPath = path.join(tempDir(), "history.db");
  fs.writeFileSync(dbPath, "this is not a database, just text that someone left here ".repeat(100));
  const index = openHistoryIndex(dbPath);
  const records = [run(1)];
  index.sync(fileText(records), records);
  assert.deepEqual(index.all(), records);
  index.close();
});

test("an index from another schema version is rebuilt", () => {
  const dbPath = path.join(tempDir(), "history.db");
  const index = openHistoryIndex(dbPath);
  index.sync(fileText([run(1)]), [run(1)]);
  index.close();
  const db = new Database(dbPath);
  db.prepare("UPDATE meta SET value = '0' WHERE key = 'schema_version'").run();
  db.close();
  const reopened = openHistoryIndex(dbPath);
  assert.deepEqual(reopened.all(), []);
  assert.deepEqual(reopened.sync(fileText([run(1)]), [run(1)]), { added: 1, rebuilt: true });
  reopened.close();
});
