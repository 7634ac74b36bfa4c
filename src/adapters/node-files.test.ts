import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
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
