import { resolve } from "node:path";
import { ConfigError } from "../errors.js";
import type { Files } from "../ports.js";
import {
  parseReleasePleaseConfig,
  type ReleasePleasePackage,
  type ReleasePleaseSetup,
} from "./core/parse-release-please-config.js";
import { ROOT_PACKAGE } from "./core/split-commit-by-package.js";

export const RELEASE_PLEASE_CONFIG = "release-please-config.json";
export const RELEASE_PLEASE_MANIFEST = ".release-please-manifest.json";

/**
 * release-please's config and manifest at the top of the repository, read as they are; null when the
 * repository has no release-please-config.json. A node package without a component takes its
 * package.json name (without its @scope/), as release-please does. Invalid files stop everything with
 * every problem and its place.
 */
export async function readReleasePleaseSetup(
  top: string,
  ports: { files: Files },
): Promise<ReleasePleaseSetup | null> {
  const configPath = resolve(top, RELEASE_PLEASE_CONFIG);
  if (!(await ports.files.exists(configPath))) return null;
  const manifestPath = resolve(top, RELEASE_PLEASE_MANIFEST);
  const manifest = (await ports.files.exists(manifestPath))
    ? { name: RELEASE_PLEASE_MANIFEST, text: await ports.files.readText(manifestPath) }
    : null;
  const parsed = parseReleasePleaseConfig(
    { name: RELEASE_PLEASE_CONFIG, text: await ports.files.readText(configPath) },
    manifest,
  );
  if ("problems" in parsed) {
    throw new ConfigError(
      `${RELEASE_PLEASE_CONFIG} or ${RELEASE_PLEASE_MANIFEST} cannot be used as it is:`,
      parsed.problems,
      "Nothing was written. Fix the files (release-please's own schema: https://github.com/googleapis/release-please/blob/main/schemas/config.json), then run again.",
    );
  }
  const packages = await Promise.all(parsed.setup.packages.map((p) => withComponent(top, p, ports)));
  return { ...parsed.setup, packages };
}

async function withComponent(
  top: string,
  pkg: ReleasePleasePackage,
  ports: { files: Files },
): Promise<ReleasePleasePackage> {
  if (pkg.component !== null || pkg.releaseType !== "node") return pkg;
  const manifest = resolve(top, pkg.path === ROOT_PACKAGE ? "" : pkg.path, "package.json");
  if (!(await ports.files.exists(manifest))) return pkg;
  let name: unknown;
  try {
    name = (JSON.parse(await ports.files.readText(manifest)) as { name?: unknown }).name;
  } catch {
    return pkg;
  }
  if (typeof name !== "string" || name === "") return pkg;
  return { ...pkg, component: /^@[\w-]+\//.test(name) ? name.split("/")[1]! : name };
}
