import assert from "node:assert/strict";
import { test } from "node:test";
import { formatOfFile, readEventFile } from "./read-event-file.js";

const defaults = { repo: "acme/shop", source: "import" as const };

test("a JSON list of events is normalised: times in UTC, ids derived when absent, causes read", () => {
  const text = JSON.stringify(
    [
      {
        type: "deploy",
        environment: "prod",
        version: "v1.4.2",
        commit: "3F2A9C1D",
        startedAt: "2026-03-02T14:00:00+02:00",
        finishedAt: "2026-03-02T14:05:00+02:00",
        status: "rolled-back",
        reason: "error ratio 8%",
      },
      {
        type: "incident",
        id: "INC-42",
        repo: "acme/other",
        openedAt: "2026-03-02T15:00:00Z",
        cause: "https://github.com/acme/shop/commit/3f2a9c1d",
      },
      {
        type: "recovery",
        environment: "prod",
        at: "2026-03-02T15:30:00Z",
        cause: "v1.4.2",
        version: "v1.4.3",
      },
    ],
    null,
    2,
  );
  const { batch, problems } = readEventFile(text, "json", "events.json", defaults);
  assert.deepEqual(problems, []);
  assert.deepEqual(batch.deploys, [
    {
      repo: "acme/shop",
      source: "import",
      sourceId: "prod:v1.4.2:2026-03-02T12:00:00.000Z",
      environment: "prod",
      version: "v1.4.2",
      commit: "3f2a9c1d",
      startedAt: "2026-03-02T12:00:00.000Z",
      finishedAt: "2026-03-02T12:05:00.000Z",
      status: "rolled-back",
      statusReason: "error ratio 8%",
      rework: null,
      fixes: null,
      changes: null,
      url: null,
    },
  ]);
  assert.equal(batch.incidents[0]!.repo, "acme/other");
  assert.equal(batch.incidents[0]!.causeCommit, "3f2a9c1d");
  assert.deepEqual(
    [batch.recoveries[0]!.kind, batch.recoveries[0]!.causeVersion, batch.recoveries[0]!.fixVersion],
    ["fix", "v1.4.2", "v1.4.3"],
  );
});

test("problems in JSON name the line the bad event starts on, its field and how to fix it", () => {
  const text = `{
  "events": [
    { "type": "deploy", "environment": "production", "finishedAt": "2026-03-02T14:05:00Z", "status": "success" },
    {
      "type": "deploy",
      "environment": "production",
      "finishedAt": "yesterday",
      "status": "done"
    },
    { "type": "outage" },
    { "type": "incident", "id": "7", "resolvedAt": "2026-03-02T14:05:00Z", "colour": "red" }
  ]
}
`;
  const { problems } = readEventFile(text, "json", "events.json", defaults);
  assert.deepEqual(problems, [
    'events.json:4: deploy: finishedAt: expected an ISO 8601 time with an offset, got "yesterday". Write an ISO 8601 time with its offset, such as 2026-03-02T14:05:00Z.',
    'events.json:4: deploy: status: expected success, failure, rolled-back, aborted, running, got "done". Write "status": "success".',
    'events.json:10: outage: type: has no known "type": write "type": "deploy", "incident" or "recovery".',
    "events.json:11: incident: unknown field colour. See schema/events.schema.json for the fields of each type.",
  ]);
});

test("JSON that does not parse names its line; so does a JSON lines file", () => {
  const broken = readEventFile(
    '[\n  { "type": "deploy" },\n  { "type": \n]\n',
    "json",
    "events.json",
    defaults,
  );
  assert.match(
    broken.problems[0]!,
    /^events\.json:3: is not JSON \(Unexpected token [^\n]*\)\. Fix the syntax there\.$/,
  );
  const lines = readEventFile(
    '{"type":"incident","id":"1","openedAt":"2026-03-02T10:00:00Z"}\n\nnot json\n{"type":"incident","id":"2"}\n',
    "jsonl",
    "events.jsonl",
    defaults,
  );
  assert.equal(lines.batch.incidents.length, 1);
  assert.deepEqual(
    lines.problems.map((p) => p.split(":").slice(0, 2).join(":")),
    ["events.jsonl:3", "events.jsonl:4"],
  );
  assert.match(lines.problems[1]!, /openedAt: missing/);
});

test("CSV rows are read with a real parser: quoted commas and newlines, and each problem at its row's line", () => {
  const text = [
    "type,id,environment,version,finishedAt,status,rework,reason",
    "deploy,d1,production,v1.0.0,2026-03-02T10:00:00Z,success,,",
    'deploy,d2,production,v1.0.1,2026-03-03T10:00:00Z,failure,false,"slow, then',
    'down"',
    "deploy,d3,production,v1.0.2,2026-03-04T10:00:00Z,succes,yes,",
    "",
  ].join("\n");
  const { batch, problems } = readEventFile(text, "csv", "events.csv", defaults);
  assert.equal(batch.deploys.length, 2);
  assert.equal(batch.deploys[1]!.statusReason, "slow, then\ndown");
  assert.equal(batch.deploys[1]!.rework, false);
  assert.deepEqual(
    problems.map((p) => p.split(": ").slice(0, 2).join(": ")),
    ["events.csv:5: deploy", "events.csv:5: deploy"],
  );
  assert.match(problems.join("\n"), /status: expected success, failure/);
  assert.match(problems.join("\n"), /rework: expected true or false, got "yes"/);
  const unknown = readEventFile("type,when\ndeploy,now\n", "csv", "events.csv", defaults);
  assert.match(unknown.problems[0]!, /^events\.csv:1: unknown column when\. The columns are type, id/);
});

test("an empty file says so; the format follows the file's name", () => {
  assert.deepEqual(readEventFile("[]", "json", "e.json", defaults).problems, [
    "e.json: holds no events. Write at least one.",
  ]);
  assert.equal(formatOfFile("history.CSV"), "csv");
  assert.equal(formatOfFile("events.ndjson"), "jsonl");
  assert.equal(formatOfFile("events.json"), "json");
});
