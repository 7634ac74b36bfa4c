/**
 * Bundles the GitHub Action into one ESM file, action/index.js, which a runner executes straight from
 * a checkout of this repository: no npm install happens there, so every dependency is inside it. The
 * one exception is better-sqlite3, a native addon that cannot be bundled: the bundle asks for it at
 * run time and the code that needs it falls back when it is missing (history without its index, GitHub
 * without the ETag cache). The output is deterministic, so a test can compare the committed bundle
 * with a fresh build.
 */
import { build, type Plugin } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root, found from this file compiled into dist/scripts/. */
const root = fileURLToPath(new URL("../../", import.meta.url));

export const ACTION_BUNDLE = "action/index.js";

// CommonJS dependencies call require() and read __filename, which an ES module has none of its own.
const BANNER = [
  "// The shipready GitHub Action, bundled by scripts/bundle-action.ts: do not edit, run npm run build.",
  'import { createRequire as __shipreadyCreateRequire } from "node:module";',
  'import { fileURLToPath as __shipreadyFileURLToPath } from "node:url";',
  "const require = __shipreadyCreateRequire(import.meta.url);",
  "const __filename = __shipreadyFileURLToPath(import.meta.url);",
  'const __dirname = __shipreadyFileURLToPath(new URL(".", import.meta.url));',
].join("\n");

/**
 * An import of better-sqlite3 that cannot fail at load time: an external ESM import would be hoisted to
 * the top of the bundle and stop the whole Action when the addon is absent. Loaded on first use instead,
 * the missing addon is an error of the code that opens a database, which falls back.
 */
const lazySqlite: Plugin = {
  name: "lazy-better-sqlite3",
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: "better-sqlite3", namespace: "lazy-sqlite" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-sqlite" }, () => ({
      loader: "js",
      contents: `
        // A name in a variable, so that the bundler leaves this require to run time.
        const name = "better-sqlite3";
        let loaded;
        // Beside the Action, else the workspace's own (a project that installed shipready has it).
        function load() {
          try {
            return require(name);
          } catch (error) {
            try {
              return require("node:module").createRequire(process.cwd() + "/")(name);
            } catch {
              throw error;
            }
          }
        }
        function Database(...args) {
          loaded ??= load();
          return new loaded(...args);
        }
        export default Database;
      `,
    }));
  },
};

/** Builds the bundle; returns its text, and writes it to action/index.js unless `write` is false. */
export async function bundleAction(options: { write: boolean } = { write: true }): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, "src", "action", "main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    write: false,
    outfile: join(root, ACTION_BUNDLE),
    banner: { js: BANNER },
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
    plugins: [lazySqlite],
    // Modules are named by the path through node_modules, so the bundle is the same whether
    // node_modules is a folder or a link to one.
    preserveSymlinks: true,
  });
  const text = result.outputFiles[0]!.text;
  if (options.write) {
    mkdirSync(dirname(join(root, ACTION_BUNDLE)), { recursive: true });
    writeFileSync(join(root, ACTION_BUNDLE), text);
  }
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  const text = await bundleAction();
  process.stdout.write(
    `bundled ${ACTION_BUNDLE}: ${(text.length / 1024).toFixed(0)} KiB in ${(performance.now() - started).toFixed(0)} ms\n`,
  );
}
