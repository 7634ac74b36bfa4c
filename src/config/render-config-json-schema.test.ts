import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderConfigJsonSchema } from "./render-config-json-schema.js";

// Compiled to dist/src/config/, so the repository root is three folders up.
const repoRoot = new URL("../../../", import.meta.url);

test("the committed JSON Schema matches the config schema", () => {
  const committed = readFileSync(new URL("schema/shipready.schema.json", repoRoot), "utf8");
  assert.ok(
    committed === renderConfigJsonSchema(),
    "schema/shipready.schema.json is out of date with src/config/config-schema.ts: run `npm run schema` and commit the result.",
  );
});

test("the JSON Schema has its id, a title and a description on every property", () => {
  const schema = JSON.parse(renderConfigJsonSchema()) as { $id: string; title: string; properties: object };
  assert.equal(schema.$id, "https://shipready.dev/schema/shipready.schema.json");
  assert.equal(schema.title, "shipready.yml");
  const undescribed: string[] = [];
  const visit = (node: unknown, where: string): void => {
    if (typeof node !== "object" || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
    for (const [key, value] of Object.entries(properties)) {
      if (typeof (value as { description?: unknown }).description !== "string")
        undescribed.push(`${where}${key}`);
      visit(value, `${where}${key}.`);
    }
    visit((node as { items?: unknown }).items, where);
  };
  visit(schema, "");
  assert.deepEqual(undescribed, []);
});

test("editors get the release strategy too: the JSON Schema accepts the seed's blocks with their bindings", async () => {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const { parse } = await import("yaml");
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
    JSON.parse(renderConfigJsonSchema()),
  );
  const bound = parse(
    readFileSync(new URL("test/fixtures/strategy/seed-strategy-bound.yml", repoRoot), "utf8"),
  ) as Record<string, unknown>;
  assert.ok(validate(bound), JSON.stringify(validate.errors));
  assert.ok(!validate({ ...bound, steps: { "bad name": "echo" } }));
  assert.ok(!validate({ ...bound, canary: { steps: [{ setWeight: 20 }] } }));
});
