import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { renderEventsJsonSchema } from "./event-schema.js";

// ajv-formats is CommonJS whose default export TypeScript sees one level down.
const addFormats = addFormatsModule.default;
// Compiled to dist/src/metrics/, so the repository root is three folders up.
const repoRoot = new URL("../../../", import.meta.url);

test("the committed events JSON Schema matches the event schema", () => {
  const committed = readFileSync(new URL("schema/events.schema.json", repoRoot), "utf8");
  assert.ok(
    committed === renderEventsJsonSchema(),
    "schema/events.schema.json is out of date with src/metrics/event-schema.ts: run `npm run schema` and commit the result.",
  );
});

test("the JSON Schema accepts the documented shapes and refuses what the reader refuses", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(renderEventsJsonSchema()));
  const deploy = {
    type: "deploy",
    id: "deploy-4812",
    environment: "production",
    version: "v1.4.2",
    commit: "3f2a9c1",
    finishedAt: "2026-03-02T14:05:00Z",
    status: "success",
    changes: [{ sha: "3f2a9c1", at: "2026-03-01T09:00:00+02:00", subject: "fix: totals" }],
  };
  const incident = { type: "incident", id: "INC-42", openedAt: "2026-03-02T15:00:00Z", cause: "v1.4.2" };
  const recovery = {
    type: "recovery",
    environment: "prod",
    at: "2026-03-02T15:30:00Z",
    kind: "rollback",
    cause: "v1.4.2",
  };
  assert.ok(validate([deploy, incident, recovery]), JSON.stringify(validate.errors));
  assert.ok(validate({ events: [deploy] }), JSON.stringify(validate.errors));
  for (const bad of [
    [{ ...deploy, status: "done" }],
    [{ ...deploy, commit: "xyz" }],
    [{ ...deploy, extra: 1 }],
    [{ ...incident, id: undefined }],
    [{ type: "outage" }],
  ]) {
    assert.ok(!validate(JSON.parse(JSON.stringify(bad))), JSON.stringify(bad));
  }
});
