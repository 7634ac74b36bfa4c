import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { appendHistoryRecords } from "../adapters/history-file.js";
import { parseConfig } from "../config/parse-config.js";
import { git, initRepo } from "../../test/helpers/git-repo.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { findBaseline } from "./find-baseline.js";
import type { HistoryRecord } from "./types.js";

function record(at: string, commit: string, lines: number): HistoryRecord {
  return {
    v: 1,
    at,
    checklist: "RELEASE_CHECKLIST.md",
    commit,
    score: 80,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: 0,
    categories: [],
    origin: "update",
    figures: { "coverage:lcov.info": { lines } },
  };
}

test("the baseline is found at the last release tag of a real repository, past a later unreleased commit", async () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), "# Release\n");
  const first = initRepo(dir);
  git(dir, "tag", "v1.0.0");
  writeFileSync(join(dir, "a.txt"), "a\n");
  git(dir, "add", "a.txt");
  git(dir, "commit", "-q", "-m", "feat: a");
  const released = git(dir, "rev-parse", "HEAD");
  git(dir, "tag", "-a", "v1.1.0", "-m", "v1.1.0");
  git(dir, "tag", "v2.0.0-rc.1");
  writeFileSync(join(dir, "b.txt"), "b\n");
  git(dir, "add", "b.txt");
  git(dir, "commit", "-q", "-m", "feat: b");
  const head = git(dir, "rev-parse", "HEAD");
  mkdirSync(join(dir, ".shipready"));
  await appendHistoryRecords(join(dir, ".shipready", "history.jsonl"), [
    record("2026-01-01T00:00:00Z", first, 60),
    record("2026-02-01T00:00:00Z", released, 70),
    record("2026-03-01T00:00:00Z", head, 80),
  ]);
  const { config } = parseConfig("", join(dir, "shipready.yml"));
  const ports = createDefaultPorts();
  const baseline = await findBaseline(
    { checklistPath: join(dir, "RELEASE_CHECKLIST.md"), config, dir, commit: null },
    ports,
  );
  assert.deepEqual(baseline.release, { tag: "v1.1.0", commit: released });
  assert.deepEqual(baseline.figures, { "coverage:lcov.info": { lines: 70 } });
  assert.equal(baseline.missing, null);
});

test("outside a repository the baseline is missing and says why", async () => {
  const dir = makeTempDir();
  const { config } = parseConfig("", join(dir, "shipready.yml"));
  const baseline = await findBaseline(
    { checklistPath: join(dir, "RELEASE_CHECKLIST.md"), config, dir, commit: null },
    createDefaultPorts(),
  );
  assert.equal(baseline.release, null);
  assert.match(baseline.missing ?? "", /^the last release cannot be found \(/);
});
