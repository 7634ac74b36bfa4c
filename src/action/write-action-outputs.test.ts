import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { test } from "node:test";
import { writeActionOutputs } from "./write-action-outputs.js";

test("outputs are appended as heredocs whose random delimiter no value can close early", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "shipready-")), "output");
  writeFileSync(file, "earlier=1\n");
  const sneaky = "line one\nEOF\nready<<EOF\ntrue";
  await writeActionOutputs(file, { score: "87.5", "blocker-list": sneaky });
  const text = readFileSync(file, "utf8");
  assert.ok(text.startsWith("earlier=1\n"));
  const match = /^blocker-list<<(ghadelimiter_[0-9a-f]{32})\n([^]*?)\n\1\n$/m.exec(text);
  assert.ok(match, text);
  assert.equal(match[2], sneaky);
  const delimiters = [...text.matchAll(/<<(ghadelimiter_\w+)/g)].map((m) => m[1]);
  assert.equal(new Set(delimiters).size, 2, "a new delimiter for each output");
});
