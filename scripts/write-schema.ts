/** Regenerates schema/shipready.schema.json from the config schema (`npm run schema`). */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderConfigJsonSchema } from "../src/config/render-config-json-schema.js";

// Compiled to dist/scripts/, so the repository root is two folders up.
const target = fileURLToPath(new URL("../../schema/shipready.schema.json", import.meta.url));
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, renderConfigJsonSchema());
console.log(`wrote ${target}`);
