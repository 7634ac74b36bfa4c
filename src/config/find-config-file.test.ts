import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { findConfigFile } from "./find-config-file.js";

const made: string[] = [];
after(() => {
  for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "shipready-find-config-")));
  made.push(folder);
  return folder;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

test("finds a config file two folders up", async () => {
  const top = tempFolder();
  const start = path.join(top, "docs", "release");
  fs.mkdirSync(start, { recursive: true });
  fs.writeFileSync(path.join(top, "shipready.yml"), "threshold: 90\n");
  assert.equal(await findConfigFile(start, exists), path.join(top, "shipready.yml"));
});

test("prefers the nearer config file, and the first name in order within a folder", async () => {
  const top = tempFolder();
  const start = path.join(top, "docs");
  fs.mkdirSync(start);
  fs.writeFileSync(path.join(top, "shipready.yml"), "");
  fs.writeFileSync(path.join(start, ".shipready.yml"), "");
  fs.writeFileSync(path.join(start, "shipready.yaml"), "");
  assert.equal(await findConfigFile(start, exists), path.join(start, "shipready.yaml"));
});

test("returns null when no folder up to the root holds one", async () => {
  const top = tempFolder();
  const start = path.join(top, "a", "b");
  fs.mkdirSync(start, { recursive: true });
  // Folders above the temp folder are not ours; look only inside it, and at the root to end the walk.
  const inside = async (file: string) => file.startsWith(top + path.sep) && (await exists(file));
  assert.equal(await findConfigFile(start, inside), null);
});

test("asks about each folder from the start up to the filesystem root", async () => {
  const asked: string[] = [];
  const start = path.resolve("/one/two");
  const found = await findConfigFile(start, async (file) => {
    asked.push(file);
    return false;
  });
  assert.equal(found, null);
  assert.deepEqual(
    [...new Set(asked.map((file) => path.dirname(file)))],
    [start, path.dirname(start), path.parse(start).root],
  );
  assert.equal(asked.length, 3 * 4);
});
