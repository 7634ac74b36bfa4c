import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { InputError } from "../errors.js";
import type { FileFailure } from "../ports.js";
import { nodeFiles } from "./node-files.js";

function failsWith(code: FileFailure, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof InputError, `an InputError, got ${String(error)}`);
    assert.equal((error as InputError & { code: string }).code, code);
    assert.match(error.message, message);
    return true;
  };
}

test("size tells a file's bytes without reading it", async () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "report.xml"), "<testsuite/>\n");
  assert.equal(await nodeFiles.size(join(dir, "report.xml")), 13);
});

test("size refuses a missing file and a folder, as readText does", async () => {
  const dir = makeTempDir();
  mkdirSync(join(dir, "reports"));
  for (const method of ["size", "readText"] as const) {
    await assert.rejects(
      nodeFiles[method](join(dir, "nope.xml")),
      failsWith("missing", /nope\.xml does not exist$/),
    );
    await assert.rejects(
      nodeFiles[method](join(dir, "reports")),
      failsWith("folder", /reports is a folder, not a file$/),
    );
  }
});

test("readText refuses a binary file in words that fit any file", async () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "coverage.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  await assert.rejects(
    nodeFiles.readText(join(dir, "coverage.bin")),
    failsWith("binary", /coverage\.bin is a binary file, not text$/),
  );
});

test("a temp file a killed writer left beside a file is removed; one of a live writer and other files stay", async () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "c.md"), "# c\n");
  // A pid that surely ran and ended: a child that has exited.
  const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
  const left = `.c.md.${gone}.0123456789ab.tmp`;
  const live = `.c.md.${process.pid}.ba9876543210.tmp`;
  const other = `.d.md.${gone}.0123456789ab.tmp`;
  for (const name of [left, live, other, ".c.md.notes"]) writeFileSync(join(dir, name), "partial");
  assert.deepEqual(await nodeFiles.removeLeftTemporaries(join(dir, "c.md")), [join(dir, left)]);
  assert.deepEqual(readdirSync(dir).sort(), [live, ".c.md.notes", other, "c.md"].sort());
});
