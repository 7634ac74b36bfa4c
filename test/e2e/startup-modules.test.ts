import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { initRepo, git } from "../helpers/git-repo.js";
import { modulesLoadedBy } from "../helpers/modules-loaded.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// What each command may not load: start-up stays lean as capabilities are added, because a command
// loads only what it uses.
const SQLITE = ["better-sqlite3"];
const POSTGRES = ["pg", "pg-pool", "pg-protocol"];
const GITHUB = [
  "@octokit/core",
  "@octokit/plugin-paginate-rest",
  "@octokit/plugin-retry",
  "@octokit/plugin-throttling",
];
const SERVER = ["hono", "@hono/node-server"];
const MARKDOWN = ["markdown-it"];
const REPORT_PARSERS = ["fast-xml-parser", "@friedemannsommer/lcov-parser", "tinyglobby"];
const WRITES = ["proper-lockfile"];

function assertNoneOf(loaded: readonly string[], forbidden: readonly string[], command: string): void {
  const found = loaded.filter((name) => forbidden.includes(name));
  assert.deepEqual(found, [], `shipready ${command} loaded ${found.join(", ")}`);
}

function exampleCopy(): string {
  const dir = makeTempDir();
  cpSync(join(repoRoot, "examples"), dir, { recursive: true });
  return dir;
}

test("--version and --help load the command-line parser and nothing else", () => {
  const dir = makeTempDir();
  const version = modulesLoadedBy(["--version"], { cwd: dir });
  assert.equal(version.code, 0);
  assert.equal(
    version.stdout.trim(),
    JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version,
  );
  assert.deepEqual(version.packages, ["commander"]);
  const help = modulesLoadedBy(["--help"], { cwd: dir });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: shipready/);
  assert.deepEqual(help.packages, ["commander"]);
  // The command modules are loaded when their command runs, not to print the usage.
  assert.ok(!help.own.some((m) => /run-readiness|release|dashboard/.test(m)), help.own.join(", "));
});

test("score without evidence parses markdown but opens no SQLite, GitHub client, server or report parser", () => {
  const loaded = modulesLoadedBy(["score", "--no-evidence"], { cwd: exampleCopy() });
  assert.equal(loaded.code, 0, loaded.stderr);
  assert.ok(loaded.packages.includes("markdown-it"));
  assertNoneOf(
    loaded.packages,
    [...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...REPORT_PARSERS, ...WRITES],
    "score --no-evidence",
  );
});

test("changelog and version read git history without markdown, SQLite, GitHub or the server", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "README.md"), "hello\n");
  initRepo(dir);
  git(dir, "tag", "v1.0.0");
  git(dir, "commit", "-q", "--allow-empty", "-m", "feat: a thing");
  for (const command of ["changelog", "version"]) {
    const loaded = modulesLoadedBy([command], { cwd: dir });
    assert.equal(loaded.code, 0, loaded.stderr);
    assertNoneOf(
      loaded.packages,
      [...MARKDOWN, ...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...REPORT_PARSERS],
      command,
    );
  }
});

test("lint-commits checks a message without markdown, SQLite, GitHub or the server", () => {
  const loaded = modulesLoadedBy(["lint-commits", "--message", "feat: a thing"], { cwd: makeTempDir() });
  assert.equal(loaded.code, 0, loaded.stderr);
  assertNoneOf(
    loaded.packages,
    [...MARKDOWN, ...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...REPORT_PARSERS],
    "lint-commits",
  );
});

test("history opens SQLite but not GitHub, the server or markdown", () => {
  const loaded = modulesLoadedBy(["history"], { cwd: exampleCopy() });
  assert.equal(loaded.code, 0, loaded.stderr);
  assertNoneOf(loaded.packages, [...GITHUB, ...SERVER, ...MARKDOWN, ...POSTGRES], "history");
});

test("deploy without validate, and its dry run, read no markdown and open no SQLite, GitHub client or server", () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "shipready.yml"),
    `automation:\n  workflows:\n    - name: release_workflow\n      steps: [deploy]\n      timeout: 60\nsteps:\n  deploy: "true"\n`,
  );
  initRepo(dir);
  for (const args of [["deploy", "--dry-run"], ["deploy"]]) {
    const loaded = modulesLoadedBy(args, { cwd: dir });
    assert.equal(loaded.code, 0, loaded.stderr);
    assertNoneOf(
      loaded.packages,
      [...MARKDOWN, ...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...REPORT_PARSERS],
      args.join(" "),
    );
  }
});

test("strategy reads shipready.yml without markdown, SQLite, GitHub, the server or report parsers", () => {
  const dir = makeTempDir();
  cpSync(
    join(repoRoot, "test", "fixtures", "strategy", "seed-strategy-bound.yml"),
    join(dir, "shipready.yml"),
  );
  const loaded = modulesLoadedBy(["strategy"], { cwd: dir });
  assert.equal(loaded.code, 0, loaded.stderr);
  assertNoneOf(
    loaded.packages,
    [...MARKDOWN, ...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...REPORT_PARSERS, ...WRITES],
    "strategy",
  );
});

test("metrics and record open SQLite but not GitHub, the server or markdown", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "README.md"), "hello\n");
  initRepo(dir);
  const recorded = modulesLoadedBy(["record", "deploy", "--version", "v1.0.0"], { cwd: dir });
  assert.equal(recorded.code, 0, recorded.stderr);
  assert.ok(recorded.packages.includes("better-sqlite3"));
  assertNoneOf(
    recorded.packages,
    [...GITHUB, ...SERVER, ...MARKDOWN, ...REPORT_PARSERS, ...POSTGRES, "csv-parse"],
    "record",
  );
  const measured = modulesLoadedBy(["metrics", "--json"], { cwd: dir });
  assert.equal(measured.code, 0, measured.stderr);
  assertNoneOf(
    measured.packages,
    [...GITHUB, ...SERVER, ...MARKDOWN, ...REPORT_PARSERS, ...POSTGRES, "csv-parse"],
    "metrics",
  );
  // The command modules of the other capabilities stay unloaded.
  assert.ok(
    !measured.own.some((m) => /dashboard|release\/cut|readiness\/run/.test(m)),
    measured.own.join(", "),
  );
});

test("with SHIPREADY_DATABASE_URL, metrics, record and db load pg but not SQLite; a malformed URL loads neither", () => {
  const dir = makeTempDir();
  writeFileSync(join(dir, "README.md"), "hello\n");
  initRepo(dir);
  // Nothing listens on port 9 of 127.0.0.1: each command stops at connecting (exit 74), having loaded its client.
  const env = { SHIPREADY_DATABASE_URL: "postgres://app@127.0.0.1:9/metrics" };
  for (const args of [
    ["metrics", "--json"],
    ["record", "deploy"],
    ["db", "status"],
    ["db", "migrate"],
  ]) {
    const loaded = modulesLoadedBy(args, { cwd: dir, env });
    assert.equal(loaded.code, 74, loaded.stderr);
    assert.ok(loaded.packages.includes("pg"), args.join(" "));
    assertNoneOf(
      loaded.packages,
      [...SQLITE, ...GITHUB, ...SERVER, ...MARKDOWN, "csv-parse"],
      args.join(" "),
    );
  }
  const malformed = modulesLoadedBy(["metrics"], {
    cwd: dir,
    env: { SHIPREADY_DATABASE_URL: "postgres://app@127.0.0.1:port/metrics" },
  });
  assert.equal(malformed.code, 2, malformed.stderr);
  assertNoneOf(malformed.packages, [...SQLITE, ...POSTGRES], "metrics with a malformed URL");
});

test("verify reads shipready.yml without SQLite, GitHub, the server or markdown", () => {
  // The example's shipready.yml has no release strategy: verify stops at once, exit 2.
  const loaded = modulesLoadedBy(["verify"], { cwd: exampleCopy() });
  assert.equal(loaded.code, 2, loaded.stderr);
  assert.match(loaded.stderr, /defines no release strategy to verify/);
  assertNoneOf(
    loaded.packages,
    [...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...MARKDOWN, ...WRITES],
    "verify",
  );
});

test("report --status-page reads shipready.yml and the deploy records without markdown, SQLite, GitHub, the server or report parsers", () => {
  const dir = makeTempDir();
  writeFileSync(
    join(dir, "shipready.yml"),
    'steps:\n  deploy: "./deploy.sh"\nenvironments:\n  production: { url: "https://app.example.com", public: true }\n',
  );
  const loaded = modulesLoadedBy(["report", "--status-page", "-"], { cwd: dir });
  assert.equal(loaded.code, 0, loaded.stderr);
  assert.match(loaded.stdout, /^<!doctype html>/);
  assertNoneOf(
    loaded.packages,
    [...MARKDOWN, ...SQLITE, ...POSTGRES, ...GITHUB, "@hono/node-server", ...REPORT_PARSERS, ...WRITES],
    "report --status-page",
  );
  assert.ok(
    !loaded.own.some((m) => /readiness\/run-readiness|dashboard\/load-dashboard/.test(m)),
    loaded.own.join(", "),
  );
});

test("preflight collects local evidence without SQLite, GitHub, the server or the lock; hooks load only git", () => {
  const dir = exampleCopy();
  initRepo(dir);
  const loaded = modulesLoadedBy(["preflight"], { cwd: dir });
  assert.equal(loaded.code, 0, loaded.stderr);
  assert.ok(loaded.packages.includes("markdown-it"));
  assertNoneOf(loaded.packages, [...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...WRITES], "preflight");
  const hooks = modulesLoadedBy(["hooks", "status"], { cwd: dir });
  assert.equal(hooks.code, 1, hooks.stderr);
  assertNoneOf(
    hooks.packages,
    [...SQLITE, ...POSTGRES, ...GITHUB, ...SERVER, ...WRITES, ...MARKDOWN, ...REPORT_PARSERS],
    "hooks status",
  );
});
