import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import pg from "pg";
import { freePort } from "./start-prometheus.js";

/** A PostgreSQL server of the tests' own, on 127.0.0.1 and a free port, in a temporary folder. */
export interface RunningPostgres {
  host: "127.0.0.1";
  port: number;
  /** The superuser, let in without a password (trust). */
  user: string;
  /** A user that must give its password (scram-sha-256): for the tests of a refused password. */
  passwordUser: { name: string; password: string };
  /** The URL of `database` as the trust user. */
  url(database: string): string;
  /** A new empty database of its own (CREATE DATABASE), and its URL as the trust user. */
  createDatabase(): Promise<string>;
  /** Runs SQL as the superuser in `database`, and gives the rows. */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    database: string,
    sql: string,
    params?: unknown[],
  ): Promise<R[]>;
  /** Stops the server (immediate shutdown) and removes its folder. */
  stop(): void;
}

/**
 * Where the PostgreSQL server programs may be: $SHIPREADY_POSTGRES_BIN, else Debian's
 * /usr/lib/postgresql/<version>/bin (the newest first), else what pg_config says.
 */
function postgresBinCandidates(): string[] {
  const candidates: string[] = [];
  if (process.env.SHIPREADY_POSTGRES_BIN) candidates.push(process.env.SHIPREADY_POSTGRES_BIN);
  if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join("/usr/lib/postgresql", v, "bin")));
  }
  const configured = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (configured.status === 0) candidates.push(configured.stdout.trim());
  return candidates;
}

/**
 * The first of `candidates` holding initdb and pg_ctl. Throws, never skips, when none does: the
 * tests need a real server, and say how to install one.
 */
export function postgresBinDir(candidates: readonly string[] = postgresBinCandidates()): string {
  const found = candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  if (!found) {
    throw new Error(
      "PostgreSQL's server programs (initdb, pg_ctl) are not installed, and the PostgreSQL tests need a real server: apt-get install postgresql (or set SHIPREADY_POSTGRES_BIN to the folder holding initdb and pg_ctl)",
    );
  }
  return found;
}

/**
 * Starts a real PostgreSQL: initdb in a temporary folder, then pg_ctl on 127.0.0.1 and a free
 * port, with no Unix socket. PostgreSQL refuses to run as root, so as root the folder is given to
 * the `postgres` system user and the programs run as it (runuser). The superuser (trust) creates a
 * database per test; the password user is for the tests of authentication.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "shipready-postgres-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const [command, full] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]]
      : [join(bin, program), args];
    const result = spawnSync(command, full, { encoding: "utf8", cwd: dir });
    return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
  };
  const user = "shipready";
  const passwordUser = { name: "shipready_pw", password: `canary-${randomBytes(9).toString("hex")}` };
  const stop = () => {
    run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };
  // Also when the test process ends without running after() hooks.
  process.once("exit", stop);
  const created = run("initdb", [
    "-D",
    data,
    "-U",
    user,
    "--auth=trust",
    "--no-locale",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  if (!created.ok) {
    stop();
    throw new Error(`initdb failed:\n${created.output}`);
  }
  writeFileSync(
    join(data, "pg_hba.conf"),
    [`host all ${passwordUser.name} 127.0.0.1/32 scram-sha-256`, "host all all 127.0.0.1/32 trust", ""].join(
      "\n",
    ),
  );
  // A throwaway server: durability is not needed, speed is.
  appendFileSync(
    join(data, "postgresql.conf"),
    [
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "max_connections = 60",
      "shared_buffers = 32MB",
      "",
    ].join("\n"),
  );
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const started = run("pg_ctl", ["-D", data, "-l", log, "-o", `-p ${port}`, "-w", "-t", "60", "start"]);
    if (started.ok) break;
    if (attempt >= 2) {
      const text = existsSync(log) ? execFileSync("tail", ["-c", "2000", log], { encoding: "utf8" }) : "";
      stop();
      throw new Error(`PostgreSQL did not start:\n${started.output}\n${text}`);
    }
  }
  const url = (database: string) => `postgres://${user}@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(
    database: string,
    sql: string,
    params: unknown[] = [],
  ) => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  await query("postgres", `CREATE ROLE ${passwordUser.name} LOGIN PASSWORD '${passwordUser.password}'`);
  let databases = 0;
  return {
    host: "127.0.0.1",
    port,
    user,
    passwordUser,
    url,
    query,
    async createDatabase() {
      const name = `test_${process.pid}_${++databases}`;
      await query("postgres", `CREATE DATABASE ${name}`);
      await query(name, `GRANT ALL ON SCHEMA public TO ${passwordUser.name}`);
      return url(name);
    },
    stop() {
      process.removeListener("exit", stop);
      stop();
    },
  };
}

let shared: Promise<RunningPostgres> | null = null;

/**
 * The test file's one server: started at the first call, stopped (and its folder removed) when the
 * file's tests are done, passed or failed. Call it at the top level of the test file, so that the
 * stop belongs to the file rather than to one test.
 */
export function sharedPostgres(): Promise<RunningPostgres> {
  if (!shared) {
    const starting = startPostgres();
    // Each test that awaits it fails with the reason; the file does not crash before they run.
    starting.catch(() => undefined);
    shared = starting;
    after(async () => {
      const server = await starting.catch(() => null);
      server?.stop();
    });
  }
  return shared;
}
