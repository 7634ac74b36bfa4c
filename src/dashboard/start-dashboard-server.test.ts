import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { readServerEvents as readEvents } from "../../test/helpers/read-server-events.js";
import { sendRequest as send } from "../../test/helpers/send-request.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { ConfigError, UsageError } from "../errors.js";
import { DASHBOARD_CLIENT_SCRIPT_HASH } from "./hash-client-script.js";
import { dashboardContentSecurityPolicy } from "./core/dashboard-content-security-policy.js";
import type { RunReason } from "./create-recheck-runner.js";
import { startDashboardServer, type ProgressMessage } from "./start-dashboard-server.js";

/** A server over a counter: each load adds one; a load waits while `gate` is set. */
async function startCounter(options: { host?: string; watch?: string[] } = {}) {
  const state = {
    loads: 0,
    gate: null as Promise<void> | null,
    fail: null as Error | null,
    reasons: [] as (RunReason | "start")[],
  };
  const server = await startDashboardServer<number>({
    host: options.host ?? "127.0.0.1",
    port: 0,
    debounceMs: 20,
    load: async (reason, onProgress: (m: ProgressMessage) => void) => {
      state.reasons.push(reason);
      onProgress({ key: "k", label: "Tests pass", state: "start" });
      if (state.gate) await state.gate;
      if (state.fail) throw state.fail;
      onProgress({ key: "k", label: "Tests pass", state: "end", outcome: "pass" });
      return ++state.loads;
    },
    render: (n) =>
      `<!doctype html><html><body><main id="dashboard"><p data-testid="score">${n}</p></main><script>void 0</script></body></html>`,
    contentSecurityPolicy: dashboardContentSecurityPolicy(DASHBOARD_CLIENT_SCRIPT_HASH),
    watchFiles: () => options.watch ?? [],
  });
  after(() => server.close());
  return { server, state };
}

function score(html: string): string | undefined {
  return /data-testid="score">([^<]*)</.exec(html)?.[1];
}

test("GET / is the page of the first load, with a policy that allows only its own script", async () => {
  const { server } = await startCounter();
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await send(server.port);
  assert.equal(page.status, 200);
  assert.equal(score(page.body), "1");
  assert.match(String(page.headers["content-type"]), /^text\/html; charset=utf-8/);
  const csp = String(page.headers["content-security-policy"]);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /frame-ancestors 'none'/, "the header also forbids framing, which a meta policy cannot");
  assert.equal(page.headers["cache-control"], "no-store");
});

test("a Host header that is not this server is refused before routing, whatever the path", async () => {
  const { server } = await startCounter();
  for (const host of [
    `evil.example:${server.port}`,
    `127.0.0.1.rebind.example:${server.port}`,
    "127.0.0.1",
  ]) {
    for (const path of ["/", "/events", "/nope"]) {
      const answer = await send(server.port, { path, headers: { host } });
      assert.equal(answer.status, 403, `${host}${path}`);
      assert.match(answer.body, /Host header refused/);
    }
  }
  assert.equal((await send(server.port, { headers: { host: `localhost:${server.port}` } })).status, 200);
});

test("POST /recheck from another origin is refused; from the page it starts and answers 202, then 409 while running", async () => {
  const { server, state } = await startCounter();
  const refused = await send(server.port, {
    method: "POST",
    path: "/recheck",
    headers: { origin: "http://evil.example", "x-shipready": "recheck" },
  });
  assert.equal(refused.status, 403);
  assert.equal(state.loads, 1, "nothing ran");

  let open: () => void = () => undefined;
  state.gate = new Promise((resolve) => (open = resolve));
  const origin = `http://127.0.0.1:${server.port}`;
  const headers = { origin, "x-shipready": "recheck" };
  assert.equal((await send(server.port, { method: "POST", path: "/recheck", headers })).status, 202);
  assert.equal((await send(server.port, { method: "POST", path: "/recheck", headers })).status, 409);
  state.gate = null;
  open();
});

test("a re-check tells every listener its progress, then that the page was updated", async () => {
  const { server } = await startCounter();
  const events = await readEvents(
    server.url,
    (seen) => seen.some((e) => e.event === "updated"),
    () => void send(server.port, { method: "POST", path: "/recheck", headers: { "x-shipready": "1" } }),
  );
  assert.deepEqual(
    events.map((e) => e.event),
    ["progress", "progress", "updated"],
  );
  assert.deepEqual(events[1]!.data, { key: "k", label: "Tests pass", state: "end", outcome: "pass" });
  assert.equal(score((await send(server.port)).body), "2");
});

test("a form posted without JavaScript waits for the re-check, then is sent to the new page", async () => {
  const { server } = await startCounter();
  const answer = await send(server.port, {
    method: "POST",
    path: "/recheck",
    headers: {
      origin: `http://127.0.0.1:${server.port}`,
      "content-type": "application/x-www-form-urlencoded",
    },
  });
  assert.equal(answer.status, 303);
  assert.equal(answer.headers.location, "/");
  assert.equal(score((await send(server.port)).body), "2");
});

test("a failed re-check keeps the page and tells the listeners why", async () => {
  const { server, state } = await startCounter();
  state.fail = new ConfigError(
    "shipready.yml is not valid",
    ["shipready.yml:3: threshold: expected a number"],
    "Correct it and save again.",
  );
  const events = await readEvents(
    server.url,
    (seen) => seen.some((e) => e.event === "failed"),
    () => void send(server.port, { method: "POST", path: "/recheck", headers: { "x-shipready": "1" } }),
  );
  assert.deepEqual(events.at(-1)!.data, {
    reason: "recheck",
    message:
      "shipready.yml is not valid shipready.yml:3: threshold: expected a number Correct it and save again.",
  });
  assert.equal(score((await send(server.port)).body), "1");
});

test("a change to a watched file reloads and tells the listeners", async () => {
  const dir = makeTempDir();
  const checklist = join(dir, "RELEASE_CHECKLIST.md");
  writeFileSync(checklist, "one\n");
  const { server, state } = await startCounter({ watch: [checklist] });
  const events = await readEvents(
    server.url,
    (seen) => seen.some((e) => e.event === "reload"),
    () => writeFileSync(checklist, "two\n"),
  );
  assert.equal(events.at(-1)!.event, "reload");
  assert.deepEqual(state.reasons.slice(0, 2), ["start", "reload"]);
});

test("unknown paths are 404; a port in use is a usage error naming --port", async () => {
  const { server } = await startCounter();
  assert.equal((await send(server.port, { path: "/../../etc/passwd" })).status, 404);
  assert.equal((await send(server.port, { path: "/nope" })).status, 404);
  await assert.rejects(
    startDashboardServer({
      host: "127.0.0.1",
      port: server.port,
      load: async () => 0,
      render: () => "",
      contentSecurityPolicy: "default-src 'none'",
      watchFiles: () => [],
    }),
    (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, new RegExp(`port ${server.port} on 127.0.0.1 is in use`));
      assert.match(error.fix ?? "", /--port/);
      return true;
    },
  );
});

test("close ends the event streams of connected pages", async () => {
  const { server } = await startCounter();
  const events = await readEvents(
    server.url,
    () => false,
    () => void server.close(),
  );
  assert.deepEqual(events, []);
});

test("a page that goes away is dropped from the listeners; the others still hear", async () => {
  const { server } = await startCounter();
  const leaving = new AbortController();
  const gone = await fetch(`${server.url}events`, { signal: leaving.signal });
  await gone.body!.getReader().read();
  const staying = readEvents(
    server.url,
    (seen) => seen.some((e) => e.event === "updated"),
    () => {
      leaving.abort();
      void whenListeners(server, 1).then(() =>
        send(server.port, { method: "POST", path: "/recheck", headers: { "x-shipready": "1" } }),
      );
    },
  );
  assert.equal((await staying).at(-1)!.event, "updated");
  await whenListeners(server, 0);
});

/** Waits until the server counts `n` listeners; the test's own timeout ends a wait that never ends. */
async function whenListeners(server: { listeners: number }, n: number): Promise<void> {
  while (server.listeners !== n) await new Promise((resolve) => setTimeout(resolve, 10));
}
