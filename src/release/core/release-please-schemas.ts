/**
 * release-please's own JSON Schemas for release-please-config.json and .release-please-manifest.json,
 * vendored unchanged beside this file (config.json, manifest.json) from
 * https://github.com/googleapis/release-please/tree/main/schemas at commit
 * fdaca293b5c9215c7bcae72dd228ba9558120817.
 *
 * Copyright 2021 Google LLC. Licensed under the Apache License, Version 2.0 (the "License"); you may
 * not use these files except in compliance with the License. A copy is in ./release-please-schemas/LICENSE
 * and at http://www.apache.org/licenses/LICENSE-2.0. Distributed under the License on an "AS IS"
 * BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 */
import configSchema from "./release-please-schemas/config.json" with { type: "json" };
import manifestSchema from "./release-please-schemas/manifest.json" with { type: "json" };

export const RELEASE_PLEASE_CONFIG_SCHEMA: object = configSchema;
export const RELEASE_PLEASE_MANIFEST_SCHEMA: object = manifestSchema;
