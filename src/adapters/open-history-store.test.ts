import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HistoryRecord, HistorySettings } from "../readiness/types.js";
import { serializeHistoryRecord } from "./history-file.js";
import { openHistoryStore } from "./open-history-store.js";

function settingsIn(dir: string): HistorySettings {
  return {
    enabled: true,
    file: path.join(dir, ".shipready", "history.jsonl"),
    index: path.join(dir, ".shipready", "cache", "history.db"),
    window: 10,
  };
}

function run(day: number): HistoryRecord {
  return {
    v: 1,
    at: new Date(Date.UTC(2025, 0, day, 9)).toISOString(),
    checklist: "RELEASE.md",
    commit: `c${day}`,
    score: 80 + day,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 1,
    categories: [{ name: "Core Gates", score: 80, passed: 4, total: 5 }],
    origin: "update",
  };
}

test("importing the store does not load better-sqlite3; opening it does", () => {
  const moduleUrl = new URL("./open-history-store.js", import.meta.url).href;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipready-"));
  const script = `
    import { createRequire } from "node:module";
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("better-sqlite3"));
    const { openHistoryStore } = await import(${JSON.stringify(moduleUrl)});
    const before = loaded();
    const store = await openHistoryStore(${JSON.stringify(settingsIn(dir))});
    store.close();
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: path.dirname(fileURLToPath(import.meta.url)),
    encoding: "utf8",
  });
  assert.deepEqual(JSON.parse(output), { before: false, after: true });
});

test("append then list: duplicates are skipped and the index follows the file", async () => {
  const settings = settingsIn(fs.mkdtempSync(path.join(os.tmpdir(), "shipready-")));
  const store = await openHistoryStore(settings);
  assert.deepEqual(await store.append([run(1), run(2), run(3)]), { added: 3 });
  assert.deepEqual(await store.append([run(3)]), { added: 0 });
  assert.deepEqual(await store.append([run(4), run(5)]), { added: 2 });
  assert.deepEqual(await store.list(), [run(1), run(2), run(3), run(4), run(5)]);
  assert.equal(fs.readFileSync(settings.file, "utf8").split("\n").length, 6);
  store.close();
});

test("a line merged into the middle of the file shows up in the list", async () => {
  const settings = settingsIn(fs.mkdtempSync(path.join(os.tmpdir(), "shipready-")));
  const store = await openHistoryStore(settings);
  await store.append([run(1), run(3)]);
  assert.equal((await store.list()).length, 2);
  // What a merge with another branch's run does: a line appears between existing ones.
  const lines = fs.readFileSync(settings.file, "utf8").split("\n");
  lines.splice(1, 0, serializeHistoryRecord(run(2)));
  fs.writeFileSync(settings.file, lines.join("\n"));
  assert.deepEqual(await store.list(), [run(1), run(2), run(3)]);
  store.close();
});

test("a deleted index is rebuilt from the file on the next list", async () => {
  const settings = settingsIn(fs.mkdtempSync(path.join(os.tmpdir(), "shipready-")));
  const store = await openHistoryStore(settings);
  await store.append([run(1), run(2)]);
  store.close();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(settings.index + suffix, { force: true });
  const reopened = await openHistoryStore(settings);
  assert.deepEqual(await reopened.list(), [run(1), run(2)]);
  reopened.close();
  assert.ok(fs.existsSync(settings.index));
});

test("a garbage index file is replaced and a cut-short line is reported once", async () => {
  const settings = settingsIn(fs.mkdtempSync(path.join(os.tmpdir(), "shipready-")));
  fs.mkdirSync(path.dirname(settings.index), { recursive: true });
  fs.writeFileSync(settings.index, Buffer.alloc(8192, 0xab));
  fs.writeFileSync(settings.file, `${serializeHistoryRecord(run(1))}\n{"v":1,"at":"2025-01-0`);
  const warnings: string[] = [];
  const store = await openHistoryStore(settings, { onWarning: (message) => warnings.push(message) });
  assert.deepEqual(await store.list(), [run(1)]);
  assert.deepEqual(await store.list(), [run(1)]);
  assert.equal(warnings.length, 1);
  assert.deepEqual(await store.append([run(2)]), { added: 1 });
  assert.deepEqual(await store.list(), [run(1), run(2)]);
  store.close();
});
