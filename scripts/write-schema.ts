/** Regenerates schema/shipready.schema.json and schema/events.schema.json from their zod schemas (`npm run schema`). */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderConfigJsonSchema } from "../src/config/render-config-json-schema.js";
import { renderEventsJsonSchema } from "../src/metrics/event-schema.js";

// Compiled to dist/scripts/, so the repository root is two folders up.
for (const [name, render] of [
  ["shipready.schema.json", renderConfigJsonSchema],
  ["events.schema.json", renderEventsJsonSchema],
] as const) {
  const target = fileURLToPath(new URL(`../../schema/${name}`, import.meta.url));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, render());
  console.log(`wrote ${target}`);
}
