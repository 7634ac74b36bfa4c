/**
 * The package installs and runs as a team installs it: `npm pack` (which runs `prepare`, the build a
 * git-URL install runs too), `npm install --save-dev <tarball>` into a fresh git repository, then
 * `npx shipready` there.
 *
 * Offline, as every test is. The tarballs of the dependencies are in the npm cache because CI ran
 * `npm ci` first, but a plain `npm install --offline <tarball>` cannot use them: npm resolves a new
 * dependency from the registry's full metadata documents, and `npm ci` caches only the abbreviated
 * ones (ENOTCACHED, whatever the tarballs). `--prefer-offline` would fetch the documents, which is the
 * network. So the new project starts with a lockfile that pins the dependencies to the versions in
 * this repository's own package-lock.json, with their integrity: npm then fetches nothing and takes
 * each tarball from the cache by its integrity. Everything else is the user's path: the packed
 * tarball, the install scripts (better-sqlite3's addon is compiled, see below), the bin link, npx.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/repo-paths.js";
import { makeTempDir } from "../helpers/temp-dir.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface LockEntry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/** npm's configuration on this machine (where its cache is), and nothing from an enclosing npm run. */
const NPM_SETTINGS = ["cache", "userconfig", "globalconfig", "registry", "cafile", "nodedir"];

/** A clean environment: offline, no colours, no GitHub or Slack variables of the machine. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: "1",
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    // better-sqlite3's install script first asks prebuild-install for a prebuilt addon, a download
    // from GitHub; tests never reach the network, so it compiles the addon from source, as it does
    // for users where no prebuilt binary can be downloaded (python3, make and a C++ compiler).
    npm_config_build_from_source: "true",
  };
  if (process.env.TMPDIR !== undefined) env.TMPDIR = process.env.TMPDIR;
  for (const name of NPM_SETTINGS) {
    const value = process.env[`npm_config_${name}`];
    if (value !== undefined) env[`npm_config_${name}`] = value;
  }
  // node-gyp compiles against the headers of the running Node; where they sit beside it (Debian's
  // nodejs, the official tarballs), use them instead of downloading them.
  const prefix = dirname(dirname(process.execPath));
  if (env.npm_config_nodedir === undefined && existsSync(join(prefix, "include", "node", "node.h")))
    env.npm_config_nodedir = prefix;
  return env;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: userEnv(), encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({
          code,
          stdout,
          stderr: error !== null && code === null ? `${stderr}\n${error.message}` : stderr,
        });
      },
    );
  });
}

function show(result: Run): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/**
 * The files a clone of this checkout would hold: tracked and untracked but not ignored, so that
 * uncommitted work is packed as it stands; never node_modules (a link to an install is not ignored
 * by `node_modules/`) nor what a build made.
 */
function copyCheckout(target: string): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of listed.split("\0")) {
    if (
      file === "" ||
      file === "node_modules" ||
      file.startsWith("node_modules/") ||
      file.startsWith("dist/")
    )
      continue;
    const from = join(repoRoot, file);
    if (!existsSync(from) || lstatSync(from).isDirectory()) continue; // deleted, or a submodule
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(from, join(target, file), { verbatimSymlinks: true });
  }
}

/** A lockfile for a new project pinning this package's runtime dependencies as package-lock.json does. */
function pinnedLockfile(): string {
  const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, LockEntry> = { "": { name: "app", version: "1.0.0" } };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev === true || entry.link === true) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    // The address is what a registry would give; offline, npm finds the tarball by its integrity.
    const resolved =
      entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${entry.version}.tgz`;
    packages[path] = { ...entry, resolved };
  }
  return `${JSON.stringify({ name: "app", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

const isCheckout = (() => {
  try {
    execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: repoRoot, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

test(
  "packed with npm pack, installed into a new repository with npm install --save-dev, it runs through npx",
  { timeout: 15 * 60_000, skip: isCheckout ? false : "not a git checkout: nothing to pack" },
  async (t) => {
    const work = makeTempDir("shipready-install-");
    const source = join(work, "source");
    const packs = join(work, "packs");
    const app = join(work, "app");
    mkdirSync(packs);
    mkdirSync(app);

    // A git-URL install clones the repository, installs its dependencies, runs `prepare` and packs the
    // result; a clone beside this checkout with its dependencies linked does the same.
    copyCheckout(source);
    symlinkSync(join(repoRoot, "node_modules"), join(source, "node_modules"), "dir");
    let started = performance.now();
    const pack = await run("npm", ["pack", "--pack-destination", packs], source, 5 * 60_000);
    assert.equal(pack.code, 0, show(pack));
    t.diagnostic(`npm pack (prepare included): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(existsSync(join(source, "dist", "src", "cli", "main.js")), "prepare built dist/src");
    const tarballs = readdirSync(packs);
    assert.equal(tarballs.length, 1, tarballs.join(", "));
    const tarball = join(packs, tarballs[0]!);

    const entries = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    for (const needed of [
      "package/package.json",
      "package/README.md",
      "package/bin/shipready.js",
      "package/dist/src/cli/main.js",
      "package/dist/src/index.js",
      "package/dist/src/index.d.ts",
      "package/schema/shipready.schema.json",
    ])
      assert.ok(entries.includes(needed), `the package holds ${needed}`);
    const unwanted = entries.filter(
      (entry) =>
        /\.test\.|\.map$|\/fixtures\//.test(entry) ||
        !/^package\/(package\.json|README\.md|bin\/|dist\/src\/|schema\/)/.test(entry),
    );
    assert.deepEqual(unwanted, [], "the package holds only what the installed CLI runs");

    execFileSync("git", ["init", "-q"], { cwd: app });
    writeFileSync(join(app, "package.json"), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    writeFileSync(join(app, "package-lock.json"), pinnedLockfile());
    started = performance.now();
    const install = await run("npm", ["install", "--save-dev", tarball], app, 10 * 60_000);
    assert.equal(install.code, 0, show(install));
    t.diagnostic(
      `npm install (better-sqlite3 compiled): ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as {
      devDependencies?: Record<string, string>;
    };
    assert.match(manifest.devDependencies?.shipready ?? "", /^file:.*shipready-\d+\.\d+\.\d+\.tgz$/);
    assert.ok(existsSync(join(app, "node_modules", ".bin", "shipready")), "npm linked the bin");

    const npx = (...args: string[]) => run("npx", ["shipready", ...args], app, 60_000);
    const version = await npx("--version");
    assert.equal(version.code, 0, show(version));
    const ours = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    assert.equal(version.stdout.trim(), ours.version);

    const init = await npx("init");
    assert.equal(init.code, 0, show(init));
    assert.match(init.stdout, /Created shipready\.yml and RELEASE_CHECKLIST\.md\./);
    assert.ok(existsSync(join(app, "shipready.yml")) && existsSync(join(app, "RELEASE_CHECKLIST.md")));

    // The starter checklist has every gate still to do: 0%, Not Ready, four required gates blocking.
    const score = await npx("score");
    assert.equal(score.code, 0, show(score));
    assert.match(score.stdout, /0% 🔴 Not Ready · NOT READY \(threshold 90%\)/);
    assert.match(score.stdout, /Blockers \(4\)/);
    const json = JSON.parse((await npx("score", "--json")).stdout) as { score: number; ready: boolean };
    assert.deepEqual({ score: json.score, ready: json.ready }, { score: 0, ready: false });

    const check = await npx("check");
    assert.equal(check.code, 1, show(check));
    assert.match(check.stdout, /NOT READY/);

    // update records the run, and the installed copy's own better-sqlite3 indexes the history.
    const update = await npx("update");
    assert.equal(update.code, 0, show(update));
    assert.match(update.stdout, /Recorded the run in \.shipready\/history\.jsonl\./);
    assert.doesNotMatch(update.stdout + update.stderr, /SQLite/);
    assert.ok(existsSync(join(app, ".shipready", "cache", "history.db")), "the SQLite index was written");
    const history = await npx("history");
    assert.equal(history.code, 0, show(history));
    assert.match(history.stdout, /Current 0%/);
  },
);
