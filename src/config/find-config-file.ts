import path from "node:path";
import { CONFIG_FILE_NAMES } from "./defaults.js";

/**
 * The nearest config file: tries each of CONFIG_FILE_NAMES in `startDir`, then in each folder above
 * it up to the filesystem root, and returns the first that exists (absolute), or null. `exists` is
 * passed in so callers choose how to look (and tests can look at a fake).
 */
export async function findConfigFile(
  startDir: string,
  exists: (path: string) => Promise<boolean>,
): Promise<string | null> {
  let folder = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(folder, name);
      if (await exists(candidate)) return candidate;
    }
    const parent = path.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}
