import assert from "node:assert/strict";
import { cpSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { git } from "../helpers/git-repo.js";
import { repoRoot } from "../helpers/repo-paths.js";
import { runCli, runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { freePort } from "../helpers/start-prometheus.js";
import { sharedPostgres } from "../helpers/start-postgres.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// One server for the file, a database of its own for each test.
const server = sharedPostgres();

const GENERATOR = join(repoRoot, "test", "fixtures", "bench", "make-deploy-history.mjs");

/** A generated repository with a deploy history (events.json) and its manifest. */
function generated(): { dir: string; since: string; until: string } {
  const dir = join(makeTempDir(), "repo");
  execFileSync(process.execPath, [
    GENERATOR,
    "--out",
    dir,
    "--seed",
    "5",
    "--chance",
    "0.5",
    "--weeks",
    "10",
  ]);
  const manifest = JSON.parse(readFileSync(`${dir}.manifest.json`, "utf8")) as {
    since: string;
    until: string;
  };
  return { dir, ...manifest };
}

/** The URL of a fresh database as the password user, with its password. */
async function passwordUrl(): Promise<{ url: string; label: string; password: string }> {
  const pg = await server;
  const database = new URL(await pg.createDatabase()).pathname.slice(1);
  const { name, password } = pg.passwordUser;
  return {
    url: `postgres://${name}:${encodeURIComponent(password)}@127.0.0.1:${pg.port}/${database}`,
    label: `postgres://${name}@127.0.0.1:${pg.port}/${database}`,
    password,
  };
}

function assertHides(result: CliResult, secret: string): void {
  assert.ok(!result.stdout.includes(secret), `stdout shows the password:\n${result.stdout}`);
  assert.ok(!result.stderr.includes(secret), `stderr shows the password:\n${result.stderr}`);
}

test("db status and db migrate: the schema is created once, a second migrate is a no-op, and the URL shows no password", async () => {
  const { url, label, password } = await passwordUrl();
  const env = { SHIPREADY_DATABASE_URL: url };
  const cwd = makeTempDir();
  const runs: CliResult[] = [];
  const run = async (args: string[]) => {
    const result = await runCliAsync(args, { cwd, env });
    runs.push(result);
    return result;
  };

  const before = await run(["db", "status"]);
  assert.equal(before.code, 1, before.stderr);
  assert.match(before.stdout, new RegExp(`Metrics store: ${label} \\(PostgreSQL \\d+`));
  assert.match(before.stdout, /Schema: none yet; this shipready knows version 3/);
  assert.match(
    before.stdout,
    /Pending migrations:\n {2}1 {2}deploys.*\n {2}2 {2}sync cursors and readiness\n {2}3 {2}deploys by source id/,
  );
  assert.match(before.stdout, /Run shipready db migrate/);

  const unmigrated = await run(["metrics", "--json"]);
  assert.equal(unmigrated.code, 2);
  assert.match(unmigrated.stderr, new RegExp(`the metrics database ${label} has no shipready schema yet`));
  assert.match(unmigrated.stderr, /Fix: Run shipready db migrate/);

  const migrated = await run(["db", "migrate"]);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.equal(
    migrated.stdout,
    `Migrated the metrics store ${label} from schema version 0 to 3 (applied 1, 2, 3).\n`,
  );
  const again = await run(["db", "migrate", "--json"]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout), {
    store: "postgres",
    location: label,
    from: 3,
    to: 3,
    applied: [],
  });

  const after = await run(["db", "status", "--json"]);
  assert.equal(after.code, 0, after.stderr);
  const status = JSON.parse(after.stdout);
  assert.equal(status.location, label);
  assert.equal(status.schemaVersion, 3);
  assert.deepEqual(status.pending, []);
  assert.equal(status.usable, true);

  for (const result of runs) assertHides(result, password);
});

test("record, metrics import and metrics give the same report on PostgreSQL as on SQLite", async () => {
  const { dir, since, until } = generated();
  const sqliteDir = join(makeTempDir(), "repo");
  cpSync(dir, sqliteDir, { recursive: true });
  const { url, label, password } = await passwordUrl();
  const migrated = runCli(["db", "migrate"], { cwd: dir, env: { SHIPREADY_DATABASE_URL: url } });
  assert.equal(migrated.code, 0, migrated.stderr);

  const head = git(dir, "rev-parse", "HEAD");
  const story = (cwd: string, env: Record<string, string>) => {
    const steps = [
      ["metrics", "import", "events.json"],
      ["metrics", "import", "events.json"],
      [
        "record",
        "deploy",
        "--env",
        "production",
        "--version",
        "v9.9.9",
        "--commit",
        head,
        "--id",
        "late",
        "--finished-at",
        until.replace(/T.*/, "T00:00:00Z"),
        "--now",
        until,
      ],
      [
        "record",
        "incident",
        "--id",
        "INC-77",
        "--opened-at",
        until.replace(/T.*/, "T01:00:00Z"),
        "--cause",
        "v9.9.9",
        "--now",
        until,
      ],
      [
        "record",
        "incident",
        "--id",
        "INC-77",
        "--resolved-at",
        until.replace(/T.*/, "T02:00:00Z"),
        "--now",
        until,
      ],
    ];
    const outputs = steps.map((args) => {
      const result = runCli(args, { cwd, env });
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      return result;
    });
    const period = ["--since", since, "--until", new Date(Date.parse(until) + 86_400_000).toISOString()];
    const json = runCli(["metrics", ...period, "--json", "--explain"], { cwd, env });
    const text = runCli(["metrics", ...period, "--weekly"], { cwd, env });
    for (const result of [json, text]) assert.equal(result.code, 0, result.stderr);
    return { outputs, json: JSON.parse(json.stdout) as unknown, text: text.stdout };
  };
  const onPostgres = story(dir, { SHIPREADY_DATABASE_URL: url });
  const onSqlite = story(sqliteDir, {});

  assert.match(
    onPostgres.outputs[0]!.stdout,
    new RegExp(`into ${label}: \\d+ new, 0 updated, 0 already there`),
  );
  assert.match(onPostgres.outputs[1]!.stdout, /: 0 new, 0 updated, \d+ already there/);
  assert.match(onPostgres.outputs[4]!.stdout, /Updated incident record:INC-77/);
  assert.deepEqual(onPostgres.json, onSqlite.json);
  assert.equal(onPostgres.text, onSqlite.text);
  for (const [i, output] of onPostgres.outputs.entries())
    assert.equal(
      output.stdout.replace(label, "STORE"),
      onSqlite.outputs[i]!.stdout.replace(/\S*metrics\.db/, "STORE"),
    );
  for (const output of onPostgres.outputs) assertHides(output, password);
  // The events went to PostgreSQL, none to a SQLite file.
  const rows = await (
    await server
  ).query<{ n: number }>(
    new URL(url).pathname.slice(1),
    "SELECT count(*)::integer AS n FROM incidents WHERE source_id = 'INC-77' AND resolved_at IS NOT NULL",
  );
  assert.deepEqual(rows, [{ n: 1 }]);
});

test("a URL that cannot connect or is malformed is named without its password, with exit 74 or 2", async () => {
  const pg = await server;
  const canary = "canary-Zq8-pw";
  const cwd = makeTempDir();
  const closed = await freePort();
  const database = new URL(await pg.createDatabase()).pathname.slice(1);
  const cases: { url: string; code: number; message: RegExp }[] = [
    {
      url: `postgres://app:${canary}@127.0.0.1:${closed}/metrics`,
      code: 74,
      message: new RegExp(
        `cannot open the metrics store in PostgreSQL at 127\\.0\\.0\\.1:${closed} \\(database "metrics"\\): the connection was refused`,
      ),
    },
    {
      url: `postgresql://${pg.passwordUser.name}:${canary}@127.0.0.1:${pg.port}/${database}`,
      code: 2,
      message: new RegExp(
        `127\\.0\\.0\\.1:${pg.port} \\(database "${database}"\\): the server refused the password of user "shipready_pw"`,
      ),
    },
    {
      url: `postgres://${pg.user}:${canary}@127.0.0.1:${pg.port}/no_such_db`,
      code: 2,
      message: /\(database "no_such_db"\): there is no database "no_such_db"/,
    },
    {
      url: `postgres://app:${canary}@no-such-host.invalid:6543/metrics`,
      code: 74,
      message: /PostgreSQL at no-such-host\.invalid:6543 \(database "metrics"\): the host name/,
    },
    {
      url: `postgres://app:${canary}@127.0.0.1:notaport/metrics`,
      code: 2,
      message: /SHIPREADY_DATABASE_URL is not a valid URL: its port is not a number/,
    },
    {
      url: `postgres://app:${canary}%zz@127.0.0.1:5432/metrics`,
      code: 2,
      message:
        /SHIPREADY_DATABASE_URL has a password with a % that is not followed by two hexadecimal digits/,
    },
    {
      url: `postgres://app:${canary}@127.0.0.1:5432/metrics?sslmode=sometimes`,
      code: 2,
      message: /SHIPREADY_DATABASE_URL has sslmode=sometimes, which is none of disable, prefer/,
    },
    {
      url: `mysql://app:${canary}@127.0.0.1:3306/metrics`,
      code: 2,
      message: /SHIPREADY_DATABASE_URL is a mysql: URL; shipready keeps metrics in PostgreSQL/,
    },
  ];
  for (const [i, { url, code, message }] of cases.entries()) {
    const env = { SHIPREADY_DATABASE_URL: url };
    const what = url.replace(canary, "***");
    const measured = await runCliAsync(["metrics"], { cwd, env });
    assert.equal(measured.code, code, `metrics with ${what}: ${measured.stderr}`);
    assert.match(measured.stderr, message, what);
    assert.doesNotMatch(measured.stderr, /\n\s+at /, `${what}: a stack trace without --debug`);
    assertHides(measured, canary);
    // Every command that opens the store says the same, and hides the password even in --debug's stack traces.
    const others = [["db", "migrate", "--debug"]];
    if (i === 0)
      others.push(["db", "status"], ["record", "deploy", "--debug"], ["metrics", "import", "x.json"]);
    for (const args of others) {
      const result = await runCliAsync(args, { cwd, env });
      assert.equal(result.code, code, `${args.join(" ")} with ${what}: ${result.stderr}`);
      assert.match(result.stderr, /PostgreSQL at|SHIPREADY_DATABASE_URL/);
      assertHides(result, canary);
    }
  }
});
