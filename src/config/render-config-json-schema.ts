import { z } from "zod";
import { configSchema } from "./config-schema.js";

export const CONFIG_SCHEMA_ID = "https://shipready.dev/schema/shipready.schema.json";

/** schema/shipready.schema.json as it should be committed: generated from the validation schema. */
export function renderConfigJsonSchema(): string {
  const { $schema, ...rest } = z.toJSONSchema(configSchema());
  const document = { $schema, $id: CONFIG_SCHEMA_ID, title: "shipready.yml", ...rest };
  return `${JSON.stringify(document, null, 2)}\n`;
}
