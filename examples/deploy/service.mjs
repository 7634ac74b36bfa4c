// Runs the example service on this machine, no cloud: a small supervisor (as systemd or dockerd
// would be) keeps the server running and sends it a little traffic; deploy steps talk to it.
//
//   node service.mjs up                  the supervisor, in the foreground (Ctrl+C stops everything):
//                                        starts server.mjs and RATE requests a second to / (default 5)
//   node service.mjs down                stops the supervisor and the server
//   node service.mjs stop | start | restart
//                                        stops, starts or restarts the server, and waits until done
//   node service.mjs set-version <v>     writes the version the next start runs
//   node service.mjs deploy <v>          set-version, then restart: what a deploy step does
//   node service.mjs backup              keeps the version running now, for restore
//   node service.mjs restore             set-version to the version backup kept
//   node service.mjs status              prints the server's state; exits 0 when it runs, 3 when not
//
// Steps run by shipready live in a process group (and cgroup) that is ended with the step, so the
// server must not be their child: the supervisor, started apart, owns it; steps only signal it.
// State lives in $SERVICE_STATE_DIR (default: ./state beside this file); PORT sets the port (8000).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const stateDir = process.env.SERVICE_STATE_DIR ?? join(here, "state");
const files = {
  version: join(stateDir, "current-version"),
  supervisor: join(stateDir, "supervisor.pid"),
  server: join(stateDir, "server.json"),
  backup: join(stateDir, "backup-version"),
};
const WAIT_MS = 15_000;

const [command, argument] = process.argv.slice(2);
mkdirSync(stateDir, { recursive: true });

switch (command) {
  case "up":
    await supervise();
    break;
  case "down":
    process.exitCode = await tellSupervisor("SIGTERM", (state) => state === null);
    break;
  case "stop":
    process.exitCode = await tellSupervisor("SIGUSR1", (state) => state?.status === "stopped");
    break;
  case "start":
    process.exitCode = await tellSupervisor("SIGUSR2", (state) => state?.status === "running");
    break;
  case "restart":
    process.exitCode = await restart();
    break;
  case "set-version":
    setVersion(argument);
    break;
  case "deploy":
    setVersion(argument);
    process.exitCode = await restart();
    break;
  case "backup": {
    const state = readState();
    const version = state?.version ?? (existsSync(files.version) ? readFileSync(files.version, "utf8").trim() : "1");
    writeFileSync(files.backup, `${version}\n`);
    process.stdout.write(`kept version ${version}\n`);
    break;
  }
  case "restore":
    setVersion(existsSync(files.backup) ? readFileSync(files.backup, "utf8").trim() : "1");
    break;
  case "status": {
    const state = readState();
    process.stdout.write(`${state ? `${state.status}, version ${state.version}` : "down"}\n`);
    process.exitCode = state?.status === "running" ? 0 : 3;
    break;
  }
  default:
    process.stderr.write("usage: node service.mjs up|down|stop|start|restart|status|set-version <v>|deploy <v>|backup|restore\n");
    process.exitCode = 2;
}

function setVersion(version) {
  if (!version || !/^[\w.-]+$/.test(version)) {
    process.stderr.write("give the version, such as: node service.mjs set-version 2\n");
    process.exit(2);
  }
  writeFileSync(files.version, `${version}\n`);
  process.stdout.write(`version ${version} will run from the next start\n`);
}

function readState() {
  try {
    return JSON.parse(readFileSync(files.server, "utf8"));
  } catch {
    return null;
  }
}

async function restart() {
  const before = readState()?.started ?? null;
  return tellSupervisor("SIGHUP", (state) => state?.status === "running" && state.started !== before);
}

/** Signals the supervisor and waits until the state it writes shows `done`. */
async function tellSupervisor(signal, done) {
  let pid;
  try {
    pid = Number(readFileSync(files.supervisor, "utf8"));
    process.kill(pid, signal);
  } catch {
    if (signal === "SIGTERM") return 0;
    process.stderr.write(`the supervisor is not running; start it with: node ${join(here, "service.mjs")} up\n`);
    return 1;
  }
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const state = signal === "SIGTERM" && !alive(pid) ? null : readState();
    if (done(state)) {
      process.stdout.write(`${state ? `${state.status}, version ${state.version}` : "down"}\n`);
      return 0;
    }
    await delay(50);
  }
  process.stderr.write(`the server did not ${signal === "SIGUSR1" ? "stop" : "come up"} within ${WAIT_MS / 1000} s; see the output of service.mjs up\n`);
  return 1;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---- the supervisor ---------------------------------------------------------------------------

async function supervise() {
  const port = Number(process.env.PORT ?? 8000);
  const rate = Number(process.env.RATE ?? 5);
  writeFileSync(files.supervisor, String(process.pid));
  let server = null;
  let queue = Promise.resolve();
  const act = (step) => (queue = queue.then(step).catch((error) => process.stderr.write(`${error.message}\n`)));
  const write = (status, version = null) =>
    writeFileSync(files.server, JSON.stringify({ status, version, pid: server?.pid ?? null, port, started: status === "running" ? Date.now() : null }));

  const startServer = async () => {
    if (server) return;
    const version = existsSync(files.version) ? readFileSync(files.version, "utf8").trim() : "1";
    const child = spawn(process.execPath, [join(here, "server.mjs")], {
      env: { ...process.env, PORT: String(port), SERVICE_VERSION: version },
      stdio: ["ignore", "pipe", "inherit"],
    });
    server = child;
    const listening = await new Promise((resolve) => {
      child.stdout.on("data", (chunk) => {
        process.stdout.write(chunk);
        if (String(chunk).includes("listening")) resolve(true);
      });
      child.once("exit", () => resolve(false));
    });
    if (!listening) {
      server = null;
      write("stopped");
      throw new Error("the server exited before it listened");
    }
    child.once("exit", () => {
      if (server === child) {
        server = null;
        write("stopped");
      }
    });
    write("running", version);
  };
  const stopServer = async () => {
    const child = server;
    if (!child) return write("stopped");
    server = null;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    if (!(await Promise.race([exited.then(() => true), delay(5000).then(() => false)]))) child.kill("SIGKILL");
    await exited;
    write("stopped");
  };

  process.on("SIGUSR1", () => act(stopServer));
  process.on("SIGUSR2", () => act(startServer));
  process.on("SIGHUP", () => act(async () => (await stopServer(), await startServer())));
  const down = () =>
    act(async () => {
      clearInterval(load);
      await stopServer();
      rmSync(files.supervisor, { force: true });
      rmSync(files.server, { force: true });
      process.exit(0);
    });
  process.on("SIGTERM", down);
  process.on("SIGINT", down);

  const load =
    rate > 0
      ? setInterval(() => {
          if (!server) return;
          fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })
            .then((response) => response.arrayBuffer())
            .catch(() => undefined);
        }, 1000 / rate)
      : undefined;
  act(startServer);
  await new Promise(() => {});
}
