import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InputError } from "../errors.js";
import type { HistoryRecord } from "../readiness/types.js";
import { appendHistoryRecords, readHistoryFile, serializeHistoryRecord } from "./history-file.js";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "shipready-"));
}

function run(day: number, score = 80): HistoryRecord {
  return {
    v: 1,
    at: new Date(Date.UTC(2025, 0, day, 9)).toISOString(),
    checklist: "RELEASE.md",
    commit: `c${day}`,
    score,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 2,
    categories: [{ name: "Core Gates", score: 75, passed: 6, total: 8 }],
    origin: "update",
  };
}

test("a missing file is an empty history", async () => {
  const file = path.join(tempDir(), "none", "history.jsonl");
  assert.deepEqual(await readHistoryFile(file), { records: [], text: "", warnings: [] });
});

test("appending creates the folder, and the same record twice is one line", async () => {
  const file = path.join(tempDir(), ".shipready", "history.jsonl");
  assert.equal(await appendHistoryRecords(file, [run(1)]), 1);
  assert.equal(await appendHistoryRecords(file, [run(1)]), 0);
  assert.equal(await appendHistoryRecords(file, [run(2), run(2), run(1)]), 1);
  const text = fs.readFileSync(file, "utf8");
  assert.equal(text, `${serializeHistoryRecord(run(1))}\n${serializeHistoryRecord(run(2))}\n`);
  const { records, warnings } = await readHistoryFile(file);
  assert.deepEqual(records, [run(1), run(2)]);
  assert.deepEqual(warnings, []);
});

test("serialization follows the HistoryRecord key order whatever order the object has", () => {
  const shuffled = Object.fromEntries(Object.entries(run(3)).reverse()) as unknown as HistoryRecord;
  const line = serializeHistoryRecord(shuffled);
  assert.equal(line, serializeHistoryRecord(run(3)));
  assert.ok(line.startsWith('{"v":1,"at":"2025-01-03T09:00:00.000Z","checklist":"RELEASE.md","commit":"c3"'));
});

test("a file without a final newline gets one before the appended line", async () => {
  const file = path.join(tempDir(), "history.jsonl");
  fs.writeFileSync(file, serializeHistoryRecord(run(1)));
  assert.equal(await appendHistoryRecords(file, [run(2)]), 1);
  const lines = fs.readFileSync(file, "utf8").split("\n");
  assert.deepEqual(lines, [serializeHistoryRecord(run(1)), serializeHistoryRecord(run(2)), ""]);
});

test("CRLF files and blank lines are read, and appends keep CRLF", async () => {
  const file = path.join(tempDir(), "history.jsonl");
  fs.writeFileSync(file, `\uFEFF${serializeHistoryRecord(run(1))}\r\n\r\n`);
  await appendHistoryRecords(file, [run(2)]);
  assert.equal(
    fs.readFileSync(file, "utf8"),
    `\uFEFF${serializeHistoryRecord(run(1))}\r\n\r\n${serializeHistoryRecord(run(2))}\r\n`,
  );
  assert.equal((await readHistoryFile(file)).records.length, 2);
});

test("a merge conflict left in the file is an InputError at the marker's line", async () => {
  const file = path.join(tempDir(), "history.jsonl");
  fs.writeFileSync(
    file,
    [
      serializeHistoryRecord(run(1)),
      "<<<<<<< HEAD",
      serializeHistoryRecord(run(2)),
      "=======",
      serializeHistoryRecord(run(3)),
      ">>>>>>> feature",
      "",
    ].join("\n"),
  );
  await assert.rejects(readHistoryFile(file), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, new RegExp(`${file.replaceAll("\\", "\\\\")}:2: .*git merge conflict`));
    assert.match(error.fix ?? "", /keep both sides/);
    return true;
  });
  // Appending must not bury the conflict either.
  await assert.rejects(appendHistoryRecords(file, [run(4)]), InputError);
});

test("a line that is not a record names the line and the field", async () => {
  const file = path.join(tempDir(), "history.jsonl");
  const bad = { ...run(2), score: "high" };
  fs.writeFileSync(file, `${serializeHistoryRecord(run(1))}\n${JSON.stringify(bad)}\n`);
  await assert.rejects(readHistoryFile(file), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /history\.jsonl:2: this line is not a history record: "score": /);
    return true;
  });
  fs.writeFileSync(file, `${serializeHistoryRecord(run(1))}\n{not json\n${serializeHistoryRecord(run(3))}\n`);
  await assert.rejects(readHistoryFile(file), /history\.jsonl:2: this line of the history file is not JSON/);
  fs.writeFileSync(file, `${JSON.stringify({ ...run(1), v: 2 })}\n`);
  await assert.rejects(readHistoryFile(file), /:1: .*version 2, written by a newer shipready/);
});

test("a cut-short last line is skipped with a warning, and the next append replaces it", async () => {
  const file = path.join(tempDir(), "history.jsonl");
  const whole = serializeHistoryRecord(run(1));
  const partial = serializeHistoryRecord(run(2)).slice(0, 40);
  fs.writeFileSync(file, `${whole}\n${partial}`);
  const read = await readHistoryFile(file);
  assert.deepEqual(read.records, [run(1)]);
  assert.equal(read.warnings.length, 1);
  assert.match(read.warnings[0] ?? "", /history\.jsonl:2: skipped the last line/);

  assert.equal(await appendHistoryRecords(file, [run(3)]), 1);
  assert.equal(fs.readFileSync(file, "utf8"), `${whole}\n${serializeHistoryRecord(run(3))}\n`);
  assert.deepEqual((await readHistoryFile(file)).warnings, []);
});

test("a history path that is a folder is an InputError saying so", async () => {
  const dir = tempDir();
  await assert.rejects(readHistoryFile(dir), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /cannot be read \(EISDIR\)/);
    return true;
  });
});

test("figures and finding fingerprints round-trip, and records written before them stay readable beside them", async () => {
  const file = path.join(tempDir(), "history.jsonl");
  // A line as shipready wrote it before figures were recorded.
  const old = serializeHistoryRecord(run(1));
  fs.writeFileSync(file, `${old}\n`);
  const withFigures: HistoryRecord = {
    ...run(2),
    figures: { "coverage:lcov.info": { lines: 83.3333, covered: 5, total: 6 } },
    findings: { "sarif:*.sarif": ["3f2a", "9c1e"] },
  };
  assert.equal(await appendHistoryRecords(file, [withFigures]), 1);
  const { records } = await readHistoryFile(file);
  assert.deepEqual(records, [run(1), withFigures]);
  assert.ok(
    fs.readFileSync(file, "utf8").split("\n")[1]!.endsWith(',"findings":{"sarif:*.sarif":["3f2a","9c1e"]}}'),
  );
});
