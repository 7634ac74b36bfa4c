import assert from "node:assert/strict";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { watchInputs } from "./watch-inputs.js";

/** Resolves at the next change the watcher tells; the test fails by its own timeout otherwise. */
function nextChange(): { wait: Promise<void>; tell: () => void } {
  let tell: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => (tell = resolve));
  return { wait, tell };
}

test("a save, an atomic rename over the file, and a second save are each seen", async () => {
  const dir = makeTempDir();
  const checklist = join(dir, "RELEASE_CHECKLIST.md");
  writeFileSync(checklist, "one\n");
  let change = nextChange();
  let count = 0;
  const watcher = watchInputs(
    [checklist],
    () => {
      count++;
      change.tell();
    },
    { debounceMs: 20 },
  );
  try {
    writeFileSync(checklist, "two\n");
    await change.wait;
    change = nextChange();
    writeFileSync(join(dir, ".RELEASE_CHECKLIST.md.tmp"), "three\n");
    renameSync(join(dir, ".RELEASE_CHECKLIST.md.tmp"), checklist);
    await change.wait;
    change = nextChange();
    // The watch goes on after the file was replaced.
    writeFileSync(checklist, "four\n");
    await change.wait;
    assert.ok(count >= 3);
  } finally {
    watcher.close();
  }
});

test("other files in the folder are not changes; a burst of writes is told once", async () => {
  const dir = makeTempDir();
  const config = join(dir, "shipready.yml");
  writeFileSync(config, "threshold: 90\n");
  const changes: number[] = [];
  let change = nextChange();
  const watcher = watchInputs(
    [config],
    () => {
      changes.push(Date.now());
      change.tell();
    },
    { debounceMs: 200 },
  );
  try {
    writeFileSync(join(dir, "notes.txt"), "not watched\n");
    for (let i = 0; i < 5; i++) writeFileSync(config, `threshold: ${80 + i}\n`);
    await change.wait;
    // A change to the watched file after the unwatched one, told once for the burst.
    change = nextChange();
    writeFileSync(config, "threshold: 70\n");
    await change.wait;
    assert.equal(changes.length, 2);
  } finally {
    watcher.close();
  }
});
