import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import type { DeployRecord } from "../deploy/types.js";
import { InputError } from "../errors.js";
import { deployRecordsFile } from "./deploy-records-file.js";

function record(id: string, startedAt: string, outcome: DeployRecord["outcome"] = "running"): DeployRecord {
  return {
    v: 1,
    id,
    kind: "deploy",
    environment: id.split("-")[0]!,
    version: "v1.0.0",
    commit: "0123456",
    previous: null,
    startedAt,
    endedAt: null,
    outcome,
    steps: [],
    metrics: [],
    actor: "ci",
  };
}

test("a missing file holds no records; put creates the folder and appends one line per put", async () => {
  const file = path.join(makeTempDir(), ".shipready", "deploys.jsonl");
  const records = deployRecordsFile(file);
  assert.deepEqual(await records.list(), []);
  await records.put(record("production-a", "2026-05-02T10:00:00Z"));
  await records.put(record("staging-b", "2026-05-01T10:00:00Z"));
  await records.put(record("production-a", "2026-05-02T10:00:00Z", "succeeded"));
  assert.equal(fs.readFileSync(file, "utf8").split("\n").length, 4);
  // The last line of each id wins; oldest start first.
  assert.deepEqual(
    (await records.list()).map((r) => [r.id, r.outcome]),
    [
      ["staging-b", "running"],
      ["production-a", "succeeded"],
    ],
  );
  assert.deepEqual(
    (await records.list({ environment: "production" })).map((r) => r.id),
    ["production-a"],
  );
});

test("a record keeps fields it does not check, as written", async () => {
  const file = path.join(makeTempDir(), "deploys.jsonl");
  const full: DeployRecord = {
    ...record("production-c", "2026-05-02T10:00:00Z", "rolled-back"),
    steps: [
      {
        name: "deploy",
        status: "succeeded",
        startedAt: "2026-05-02T10:00:00Z",
        endedAt: "2026-05-02T10:01:00Z",
        exitCode: 0,
        tail: ["ok"],
      },
    ],
    metrics: [
      {
        name: "m",
        verdict: "fail",
        reason: "0.5 < 0.99",
        judgement: { min: 0.99, share: 1 },
        samples: [{ at: "2026-05-02T10:02:00Z", value: 0.5 }],
      },
    ],
    rollback: { trigger: "validation_failure", reason: "m failed", outcome: "succeeded" },
    incident: { url: "https://github.com/o/r/issues/7", number: 7 },
  };
  await deployRecordsFile(file).put(full);
  assert.deepEqual(await deployRecordsFile(file).list(), [full]);
});

test("a last line cut short is skipped with a warning, and the next put replaces it", async () => {
  const file = path.join(makeTempDir(), "deploys.jsonl");
  fs.writeFileSync(
    file,
    `${JSON.stringify(record("production-a", "2026-05-01T10:00:00Z"))}\n{"v":1,"id":"produ`,
  );
  const warnings: string[] = [];
  const records = deployRecordsFile(file, { label: "deploys.jsonl", onWarning: (w) => warnings.push(w) });
  assert.deepEqual(
    (await records.list()).map((r) => r.id),
    ["production-a"],
  );
  assert.deepEqual(warnings, [
    "deploys.jsonl:2: skipped the last line: it has no newline and is not complete JSON, so a write was probably interrupted; the next record written replaces it.",
  ]);
  await records.put(record("production-b", "2026-05-02T10:00:00Z"));
  const lines = fs.readFileSync(file, "utf8").split("\n");
  assert.deepEqual(
    lines.map((l) => (l === "" ? "" : (JSON.parse(l) as DeployRecord).id)),
    ["production-a", "production-b", ""],
  );
});

test("a line that is not a record, in the middle, is an InputError naming file:line", async () => {
  const file = path.join(makeTempDir(), "deploys.jsonl");
  const good = JSON.stringify(record("production-a", "2026-05-01T10:00:00Z"));
  fs.writeFileSync(file, `${good}\nnot json\n${good}\n`);
  await assert.rejects(deployRecordsFile(file, { label: "deploys.jsonl" }).list(), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^deploys\.jsonl:2: this line of the deploy records file is not JSON/);
    return true;
  });
  fs.writeFileSync(file, `${good}\n{"v":1,"id":"x"}\n`);
  await assert.rejects(
    deployRecordsFile(file, { label: "deploys.jsonl" }).list(),
    /deploys\.jsonl:2: this line is not a deploy record: "kind": /,
  );
  fs.writeFileSync(file, `${good}\n<<<<<<< HEAD\n${good}\n=======\n>>>>>>> main\n`);
  await assert.rejects(
    deployRecordsFile(file, { label: "deploys.jsonl" }).list(),
    /deploys\.jsonl:2: the deploy records file holds a git merge conflict marker \("<<<<<<<"\)/,
  );
  fs.writeFileSync(file, `{"v":2,"id":"x"}\n`);
  await assert.rejects(
    deployRecordsFile(file, { label: "deploys.jsonl" }).list(),
    /deploys\.jsonl:1: this deploy record has version 2, written by a newer shipready/,
  );
  // Nothing is written over a file that cannot be read.
  await assert.rejects(
    deployRecordsFile(file).put(record("production-b", "2026-05-02T10:00:00Z")),
    InputError,
  );
  assert.equal(fs.readFileSync(file, "utf8"), `{"v":2,"id":"x"}\n`);
});
