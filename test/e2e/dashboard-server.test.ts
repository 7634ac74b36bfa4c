import assert from "node:assert/strict";
import { createServer } from "node:net";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { git, initRepo } from "../helpers/git-repo.js";
import { readServerEvents } from "../helpers/read-server-events.js";
import { runCliAsync } from "../helpers/run-cli.js";
import { sendRequest } from "../helpers/send-request.js";
import { startDashboard } from "../helpers/start-dashboard.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const CHECKLIST = `# Release v1.4.0

## Core Gates

| Gate | Status | Last Run |
|------|--------|----------|
| Ready flag | 🟡 PENDING | — |
| Docs reviewed | 🟢 PASS | — |
`;

const CONFIG = `checklist: RELEASE_CHECKLIST.md
gates:
  - gate: Ready flag
    evidence:
      - command: { run: "test -f ready.flag" }
`;

/** A git repository holding the checklist and config, beside a folder that stands for the rest of the disk. */
function makeRepo(): { repo: string; outside: string } {
  const base = makeTempDir("shipready-serve-");
  const repo = join(base, "repo");
  const outside = join(base, "outside");
  mkdirSync(repo);
  mkdirSync(outside);
  writeFileSync(join(repo, "RELEASE_CHECKLIST.md"), CHECKLIST);
  writeFileSync(join(repo, "shipready.yml"), CONFIG);
  initRepo(repo);
  return { repo, outside };
}

/** Every file under `dir` with its text, to compare before and after. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path, readFileSync(path, "latin1"));
    }
  }
  return files;
}

const T = { timeout: 60_000 };

test(
  "a Host header that is not the dashboard's own is refused with a short text (DNS rebinding)",
  T,
  async () => {
    const { repo } = makeRepo();
    const dash = await startDashboard(["--no-evidence"], { cwd: repo });
    assert.match(dash.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const host of [
      "evil.example:4100",
      `evil.example:${dash.port}`,
      `127.0.0.1.rebind.example:${dash.port}`,
    ]) {
      const answer = await sendRequest(dash.port, { headers: { host } });
      assert.equal(answer.status, 403, host);
      assert.match(answer.body, /^shipready: this dashboard answers only to its own address/);
      assert.ok(answer.body.length < 200, "a short text, not a page");
      assert.doesNotMatch(answer.body, /Release v1\.4\.0/);
    }
    const page = await sendRequest(dash.port, { headers: { host: `localhost:${dash.port}` } });
    assert.equal(page.status, 200);
    assert.match(page.body, /<main id="dashboard"/);
    await dash.stop();
  },
);

test(
  "a re-check posted from another origin is refused and runs nothing; unknown paths are 404",
  T,
  async () => {
    const { repo } = makeRepo();
    const dash = await startDashboard([], { cwd: repo });
    writeFileSync(join(repo, "ready.flag"), "");
    for (const origin of ["http://evil.example", "null", `http://localhost:${dash.port}`]) {
      const answer = await sendRequest(dash.port, {
        method: "POST",
        path: "/recheck",
        headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(answer.status, 403, origin);
    }
    // Still the first load's page: the flag was not looked at again.
    const page = await sendRequest(dash.port);
    assert.match(page.body, /data-testid="score"[^>]*>50</);
    for (const path of ["/nope", "/RELEASE_CHECKLIST.md", "/../shipready.yml", "/events/../../etc/passwd"]) {
      assert.equal((await sendRequest(dash.port, { path })).status, 404, path);
    }
    assert.equal((await sendRequest(dash.port, { method: "DELETE", path: "/" })).status, 404);
    await dash.stop();
  },
);

test(
  "--host 0.0.0.0 warns that other machines can reach it, and still refuses foreign Host headers",
  T,
  async () => {
    const { repo } = makeRepo();
    const dash = await startDashboard(["--host", "0.0.0.0", "--no-evidence"], { cwd: repo });
    assert.match(dash.url, /^http:\/\/0\.0\.0\.0:\d+\/$/);
    assert.match(dash.output().stderr, /warning: --host 0\.0\.0\.0 lets other machines reach the dashboard/);
    assert.equal((await sendRequest(dash.port)).status, 200);
    assert.equal(
      (await sendRequest(dash.port, { headers: { host: `evil.example:${dash.port}` } })).status,
      403,
    );
    await dash.stop();
  },
);

test("a port in use is a usage error naming --port, exit 2, no stack trace", T, async () => {
  const { repo } = makeRepo();
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", () => resolve()));
  const port = (taken.address() as { port: number }).port;
  try {
    const result = await runCliAsync(["serve", "--port", String(port), "--no-evidence"], { cwd: repo });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    assert.match(result.stderr, /Fix: Choose another with --port/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
  const bad = await runCliAsync(["serve", "--port", "http"], { cwd: repo });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port "http" is not valid/);
});

test(
  "serving, re-checking and stopping write nothing outside the repository, and nothing tracked in it",
  T,
  async () => {
    const { repo, outside } = makeRepo();
    const env = { HOME: outside, TMPDIR: outside, XDG_CACHE_HOME: outside, XDG_CONFIG_HOME: outside };
    const before = snapshot(repo);
    const dash = await startDashboard([], { cwd: repo, env });
    writeFileSync(join(repo, "ready.flag"), "");
    const answer = await sendRequest(dash.port, {
      method: "POST",
      path: "/recheck",
      headers: { origin: `http://127.0.0.1:${dash.port}` },
    });
    assert.equal(answer.status, 303);
    assert.match((await sendRequest(dash.port)).body, /data-testid="score"[^>]*>100</);
    await dash.stop();
    assert.deepEqual(readdirSync(outside), []);
    // Score mode: the checklist, the config and the history are as they were.
    assert.equal(git(repo, "status", "--porcelain", "--untracked-files=all"), "?? ready.flag");
    for (const [path, text] of before) assert.equal(readFileSync(path, "latin1"), text, path);
  },
);

test("SIGINT closes the event streams and the port, and exits 130 without an error", T, async () => {
  const { repo } = makeRepo();
  const dash = await startDashboard(["--no-evidence"], { cwd: repo });
  let ended: Promise<{ code: number | null; stderr: string }> | undefined;
  const events = await readServerEvents(
    dash.url,
    () => false,
    () => (ended = dash.stop("SIGINT")),
  );
  assert.deepEqual(events, [], "the stream ended when the server stopped");
  const { code, stderr } = await ended!;
  assert.equal(code, 130);
  assert.doesNotMatch(stderr, /internal error|\n\s+at /);
  await assert.rejects(sendRequest(dash.port), /ECONNREFUSED/);
});
