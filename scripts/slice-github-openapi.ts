/**
 * Writes test/fixtures/github/openapi-slice.json: the operations shipready calls, cut from GitHub's
 * official OpenAPI description (the @octokit/openapi package) with every component they reference.
 * The fake GitHub in test/helpers checks requests and responses against it, so a test cannot pass
 * against an API GitHub does not have. Run with `npm run openapi:slice` after upgrading @octokit/openapi.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The operations shipready calls, by operationId; later features' writes are listed ahead of their code. */
const SLICED_OPERATIONS = [
  "repos/get",
  "actions/list-repo-workflows",
  "actions/list-workflow-runs",
  "checks/list-for-ref",
  "repos/get-combined-status-for-ref",
  "dependabot/list-alerts-for-repo",
  "code-scanning/list-alerts-for-repo",
  "issues/list-comments",
  "issues/create-comment",
  "issues/update-comment",
  "git/get-ref",
  "git/get-tree",
  "git/get-blob",
  "git/create-blob",
  "git/create-tree",
  "git/create-commit",
  "git/update-ref",
  "repos/create-release",
  "repos/get-release-by-tag",
  "repos/update-release",
  "repos/create-deployment",
  "repos/create-deployment-status",
  "issues/list-for-repo",
  "issues/create",
  "issues/update",
  "repos/list-deployments",
  "repos/list-deployment-statuses",
  "repos/list-tags",
  "git/get-commit",
  "repos/compare-commits",
  "repos/list-pull-requests-associated-with-commit",
  "pulls/list-commits",
  "repos/get-content",
  "repos/get-branch-protection",
  "repos/get-branch-rules",
  "repos/codeowners-errors",
] as const;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The slice of `spec` holding `operationIds` and, transitively, every component they reference. */
function sliceOpenApi(spec: JsonObject, operationIds: readonly string[], slicedFrom: string): JsonObject {
  const paths = spec.paths as Record<string, JsonObject>;
  const slicedPaths: Record<string, JsonObject> = {};
  const missing = new Set(operationIds);
  for (const [template, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (!operation || !missing.has(operation.operationId as string)) continue;
      missing.delete(operation.operationId as string);
      slicedPaths[template] ??= item.parameters ? { parameters: item.parameters } : {};
      slicedPaths[template][method] = withoutExamples(operation);
    }
  }
  if (missing.size > 0) throw new Error(`Not in the OpenAPI description: ${[...missing].join(", ")}`);

  const components = spec.components as Record<string, Record<string, Json>>;
  const kept: Record<string, Record<string, Json>> = {};
  const pending: string[] = [];
  const seen = new Set<string>();
  collectRefs(slicedPaths, pending);
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
    if (!match) throw new Error(`Unsupported $ref ${ref}`);
    const [, section, name] = match as unknown as [string, string, string];
    const component = components[section]?.[name];
    if (component === undefined) throw new Error(`Dangling $ref ${ref}`);
    const slicedComponent = withoutExamples(component);
    (kept[section] ??= {})[name] = slicedComponent;
    collectRefs(slicedComponent, pending);
  }

  return {
    openapi: spec.openapi as string,
    info: spec.info as JsonObject,
    "x-sliced-from": slicedFrom,
    servers: spec.servers as Json,
    paths: sortKeys(slicedPaths),
    components: sortKeys(Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, sortKeys(v)]))),
  };
}

/**
 * Drops `examples` maps: they are documentation, hold most of the bytes and reference components of
 * their own. Keys of a `properties` map are property names, so a property called "examples" stays.
 */
function withoutExamples<T extends Json>(node: T, isPropertyMap = false): T {
  if (Array.isArray(node)) return node.map((item) => withoutExamples(item)) as T;
  if (node === null || typeof node !== "object") return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const isExampleMap =
      key === "examples" && value !== null && typeof value === "object" && !Array.isArray(value);
    if (isExampleMap && !isPropertyMap) continue;
    copy[key] = withoutExamples(value, !isPropertyMap && key === "properties");
  }
  return copy as T;
}

function collectRefs(node: Json, into: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.push(value);
      else collectRefs(value, into);
    }
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function main(): void {
  const require = createRequire(import.meta.url);
  // The non-dereferenced api.github.com description: $refs kept, so the slice stays small and named.
  const packageJson = require.resolve("@octokit/openapi/package.json");
  const root = dirname(packageJson);
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const spec = JSON.parse(readFileSync(join(root, "generated", "api.github.com.json"), "utf8")) as JsonObject;
  const slice = sliceOpenApi(
    spec,
    SLICED_OPERATIONS,
    `@octokit/openapi@${version} generated/api.github.com.json`,
  );
  // Compiled to dist/scripts/, so the repository root is two folders up.
  const out = fileURLToPath(new URL("../../test/fixtures/github/openapi-slice.json", import.meta.url));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(slice, null, 2) + "\n");
  const counts = Object.entries(slice.components as Record<string, object>)
    .map(([section, entries]) => `${Object.keys(entries).length} ${section}`)
    .join(", ");
  console.log(`Wrote ${out}: ${SLICED_OPERATIONS.length} operations, ${counts}.`);
}

main();
