import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cliPath } from "./run-cli.js";
import { makeTempDir } from "./temp-dir.js";

/** What one run of the built CLI loaded: the npm packages by name, and shipready's own modules under dist/. */
export interface LoadedModules {
  code: number | null;
  stdout: string;
  stderr: string;
  packages: string[];
  own: string[];
}

/**
 * Runs the built CLI with a module resolve hook that records every module it loads (ES modules do
 * not show in require.cache; CommonJS ones loaded from them go through the hook too).
 */
export function modulesLoadedBy(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): LoadedModules {
  const dir = makeTempDir();
  const log = join(dir, "resolved.txt");
  writeFileSync(log, "");
  const hooks = join(dir, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");
  return resolved;
}`,
  );
  const register = join(dir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n` +
      // CommonJS modules required from CommonJS bypass the ESM hook: record them as they load.
      `import { createRequire } from "node:module";\nimport { appendFileSync } from "node:fs";\n` +
      `const Module = createRequire(import.meta.url)("node:module");\nconst load = Module._load;\n` +
      `Module._load = function (request, parent, isMain) { const m = load.apply(this, arguments); try { appendFileSync(${JSON.stringify(log)}, Module._resolveFilename(request, parent, isMain) + "\\n"); } catch {} return m; };\n`,
  );
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(register).href, cliPath, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
  });
  const urls = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const packages = new Set<string>();
  const own = new Set<string>();
  for (const url of urls) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) packages.add(pkg[1]!);
    const mine = /\/dist\/(src\/.*\.js)$/.exec(url);
    if (mine && !pkg) own.add(mine[1]!);
  }
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    packages: [...packages].sort(),
    own: [...own].sort(),
  };
}
