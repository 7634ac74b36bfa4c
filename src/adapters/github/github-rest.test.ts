import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { EvidenceError } from "../../errors.js";
import type { RepoRef } from "../../ports.js";
import { startFakeGitHub, type FakeGitHub } from "../../../test/helpers/fake-github.js";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { createGitHubApi, type GitHubApiOptions } from "./github-rest.js";
import { openEtagCache, type CachedAnswer, type EtagCache } from "../sqlite/sqlite-etag-cache.js";

const REPO: RepoRef = { owner: "octo-org", repo: "octo-app" };
const SHA = "0123456789abcdef0123456789abcdef01234567";
const CANARY = "ghp_CANARY0000shipready0000canary0000token";

/** Retries fast enough for a test: a "second" of retry-after lasts 2 ms. */
function clientFor(fake: FakeGitHub, options: Partial<GitHubApiOptions> = {}) {
  return createGitHubApi({ token: fake.token, baseUrl: fake.url, cache: null, delayUnitMs: 2, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<EvidenceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EvidenceError, `expected an EvidenceError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected a rejection");
}

describe("createGitHubApi", () => {
  let fake: FakeGitHub;
  let ci: number;

  beforeEach(async () => {
    fake = await startFakeGitHub();
    fake.addRepo({ ...REPO, defaultBranch: "trunk" });
    ci = fake.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
    fake.addWorkflow(REPO, {
      name: "Deploy",
      path: ".github/workflows/deploy.yml",
      state: "disabled_manually",
    });
  });

  afterEach(async () => {
    fake.assertNoViolations();
    await fake.close();
  });

  it("reads the default branch, workflows, runs, checks and alerts into the port's shapes", async () => {
    fake.addWorkflowRuns(REPO, [
      { workflow: "ci.yml", branch: "trunk", conclusion: "failure", createdAt: "2024-03-01T10:00:00Z" },
      { workflow: "ci.yml", branch: "trunk", status: "in_progress", createdAt: "2024-03-02T10:00:00Z" },
      { workflow: "ci.yml", branch: "dev", createdAt: "2024-03-03T10:00:00Z" },
    ]);
    fake.setBranch(REPO, "trunk", SHA);
    fake.addCheckRun(REPO, {
      headSha: SHA,
      name: "build",
      conclusion: "failure",
      startedAt: "2024-03-01T10:00:00Z",
    });
    fake.addCheckRun(REPO, {
      headSha: SHA,
      name: "build",
      conclusion: "success",
      startedAt: "2024-03-01T11:00:00Z",
    });
    fake.addCommitStatus(REPO, { sha: SHA, context: "ci/jenkins", state: "pending" });
    fake.addCommitStatus(REPO, {
      sha: SHA,
      context: "deploy",
      state: "failure",
      createdAt: "2024-03-01T09:00:00Z",
    });
    fake.addDependabotAlert(REPO, { severity: "critical", summary: "Prototype pollution in lodash" });
    fake.addDependabotAlert(REPO, { severity: "low", state: "fixed" });
    fake.addCodeScanningAlert(REPO, { severity: null, ruleSeverity: "error", summary: "Unused variable" });
    const api = clientFor(fake);

    assert.equal(await api.defaultBranch(REPO), "trunk");
    assert.equal(api.webUrl(REPO), `${fake.webUrl}/octo-org/octo-app`);
    assert.deepEqual(
      (await api.listWorkflows(REPO)).map((w) => [w.id, w.name, w.path, w.state]),
      [
        [ci, "CI", ".github/workflows/ci.yml", "active"],
        [ci + 1, "Deploy", ".github/workflows/deploy.yml", "disabled_manually"],
      ],
    );
    const runs = await api.listWorkflowRuns(REPO, ".github/workflows/ci.yml", { branch: "trunk", limit: 10 });
    assert.deepEqual(
      runs.map((r) => [r.workflowId, r.headBranch, r.status, r.conclusion, r.createdAt]),
      [
        [ci, "trunk", "in_progress", null, "2024-03-02T10:00:00Z"],
        [ci, "trunk", "completed", "failure", "2024-03-01T10:00:00Z"],
      ],
    );
    assert.match(runs[0]?.htmlUrl ?? "", /\/octo-org\/octo-app\/actions\/runs\/\d+$/);

    const checks = await api.listChecks(REPO, "trunk");
    // A ref with a slash travels percent-encoded and still names the same commit.
    assert.deepEqual(await api.listChecks(REPO, "heads/trunk"), checks);
    assert.deepEqual(checks.map((c) => [c.name, c.source, c.status, c.conclusion]).sort(), [
      ["build", "check-run", "completed", "success"],
      ["ci/jenkins", "status", "in_progress", null],
      ["deploy", "status", "completed", "failure"],
    ]);

    assert.deepEqual(await api.listDependabotAlerts(REPO), {
      available: true,
      alerts: [
        {
          number: 1,
          severity: "critical",
          summary: "Prototype pollution in lodash",
          url: `${fake.webUrl}/octo-org/octo-app/security/dependabot/1`,
          createdAt: "2024-01-01T00:01:00Z",
        },
      ],
    });
    const codeScanning = await api.listCodeScanningAlerts(REPO);
    assert.ok(codeScanning.available);
    assert.deepEqual(
      codeScanning.alerts.map((a) => [a.number, a.severity, a.summary]),
      [[1, "high", "Unused variable"]],
    );
  });

  it("reads only as many pages of runs as the limit needs, and every page of the rest", async () => {
    fake.addWorkflowRuns(
      REPO,
      Array.from({ length: 250 }, () => ({ workflow: "ci.yml" })),
    );
    for (let i = 0; i < 130; i++)
      fake.addWorkflow(REPO, { name: `W${i}`, path: `.github/workflows/w${i}.yml` });
    for (let i = 0; i < 105; i++) fake.addDependabotAlert(REPO, { severity: "medium" });
    const api = clientFor(fake);

    assert.equal((await api.listWorkflowRuns(REPO, ci, { limit: 5 })).length, 5);
    assert.deepEqual(
      fake.requests.map((r) => r.url),
      [`/repos/octo-org/octo-app/actions/workflows/${ci}/runs?per_page=5`],
    );
    fake.resetRequests();
    const runs = await api.listWorkflowRuns(REPO, "ci.yml", { limit: 150 });
    assert.equal(runs.length, 150);
    assert.equal(new Set(runs.map((r) => r.id)).size, 150);
    assert.deepEqual(
      fake.requests.map((r) => r.url),
      [
        "/repos/octo-org/octo-app/actions/workflows/ci.yml/runs?per_page=100",
        "/repos/octo-org/octo-app/actions/workflows/ci.yml/runs?per_page=100&page=2",
      ],
    );
    assert.equal((await api.listWorkflows(REPO)).length, 132);
    const alerts = await api.listDependabotAlerts(REPO);
    assert.ok(alerts.available);
    assert.equal(alerts.alerts.length, 105);
    assert.equal(new Set(alerts.alerts.map((a) => a.number)).size, 105);
  });

  it("asks a second client with the same cache conditionally and serves the 304s from the cache", async () => {
    fake.addWorkflowRuns(
      REPO,
      Array.from({ length: 150 }, () => ({ workflow: "ci.yml" })),
    );
    const cache = await openEtagCache(join(makeTempDir(), "cache", "github.db"));
    try {
      const first = clientFor(fake, { cache });
      const runs = await first.listWorkflowRuns(REPO, "ci.yml", { limit: 150 });
      assert.deepEqual(first.stats(), { requests: 2, notModified: 0 });

      fake.resetRequests();
      const second = clientFor(fake, { cache });
      // The Link header comes back from the cache too, so the second page is still found.
      assert.deepEqual(await second.listWorkflowRuns(REPO, "ci.yml", { limit: 150 }), runs);
      assert.deepEqual(second.stats(), { requests: 2, notModified: 2 });
      assert.deepEqual(
        fake.requests.map((r) => [r.conditional, r.notModified]),
        [
          [true, true],
          [true, true],
        ],
      );

      // A changed resource gets a new ETag: a full answer, which replaces the stored one.
      fake.addWorkflowRuns(REPO, [
        { workflow: "ci.yml", conclusion: "failure", createdAt: "2030-01-01T00:00:00Z" },
      ]);
      fake.resetRequests();
      const third = clientFor(fake, { cache });
      const fresh = await third.listWorkflowRuns(REPO, "ci.yml", { limit: 1 });
      assert.equal(fresh[0]?.conclusion, "failure");
      assert.deepEqual(third.stats(), { requests: 1, notModified: 0 });
      assert.deepEqual(
        fake.requests.map((r) => [r.conditional, r.notModified]),
        [[false, false]],
      );
    } finally {
      cache.close();
    }
  });

  it("caches only the fields it maps, and maps a 304 as the full answer it stands for", async () => {
    const [id] = fake.addWorkflowRuns(REPO, [
      {
        workflow: "ci.yml",
        headSha: SHA,
        createdAt: "2024-03-01T10:00:00Z",
        runStartedAt: "2024-03-01T10:01:00Z",
        updatedAt: "2024-03-01T10:07:00Z",
      },
    ]);
    const stored = new Map<string, CachedAnswer>();
    const cache: EtagCache = {
      get: (key) => stored.get(key) ?? null,
      put: (key, answer) => void stored.set(key, answer),
      close() {},
    };
    const first = clientFor(fake, { cache });
    const runs = await first.listWorkflowRuns(REPO, "ci.yml", { limit: 10 });
    assert.deepEqual(runs, [
      {
        id,
        workflowId: ci,
        name: "CI",
        headBranch: "trunk",
        headSha: SHA,
        event: "push",
        status: "completed",
        conclusion: "success",
        htmlUrl: `${fake.webUrl}/octo-org/octo-app/actions/runs/${id}`,
        createdAt: "2024-03-01T10:00:00Z",
        updatedAt: "2024-03-01T10:07:00Z",
        runStartedAt: "2024-03-01T10:01:00Z",
        displayTitle: `Run ${id}`,
      },
    ]);
    const answers = [...stored.values()];
    assert.equal(answers.length, 1);
    const page = JSON.parse(answers[0]?.body ?? "") as { total_count: number; workflow_runs: object[] };
    assert.equal(page.total_count, 1);
    assert.deepEqual(Object.keys(page.workflow_runs[0] ?? {}).sort(), [
      "conclusion",
      "created_at",
      "display_title",
      "event",
      "head_branch",
      "head_sha",
      "html_url",
      "id",
      "name",
      "run_started_at",
      "status",
      "updated_at",
      "workflow_id",
    ]);

    const second = clientFor(fake, { cache });
    assert.deepEqual(await second.listWorkflowRuns(REPO, "ci.yml", { limit: 10 }), runs);
    assert.deepEqual(second.stats(), { requests: 1, notModified: 1 });
  });

  it("sends one request for identical reads, in flight or already answered", async () => {
    fake.addWorkflowRuns(REPO, [{ workflow: "ci.yml" }, { workflow: "ci.yml", branch: "dev" }]);
    const api = clientFor(fake);
    const reads = await Promise.all(
      Array.from({ length: 5 }, () => api.listWorkflowRuns(REPO, "ci.yml", { branch: "trunk", limit: 10 })),
    );
    await api.listWorkflowRuns(REPO, "ci.yml", { branch: "trunk", limit: 10 });
    assert.ok(reads.every((runs) => runs.length === 1));
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(api.stats(), { requests: 1, notModified: 0 });
    await api.listWorkflowRuns(REPO, "ci.yml", { branch: "dev", limit: 10 });
    assert.equal(fake.requests.length, 2);
  });

  it("waits out the primary rate limit until its reset, then succeeds", async () => {
    fake.queueFaults({ kind: "rate-limit", resetInSeconds: 1, operationId: "actions/list-repo-workflows" });
    const api = clientFor(fake);
    assert.equal((await api.listWorkflows(REPO)).length, 2);
    assert.deepEqual(
      fake.requests.map((r) => r.status),
      [403, 200],
    );
  });

  it("waits out the secondary rate limit as retry-after asks, with 403 or 429", async () => {
    fake.queueFaults(
      { kind: "secondary-rate-limit", status: 429, retryAfterSeconds: 3 },
      { kind: "secondary-rate-limit", status: 403, retryAfterSeconds: 1 },
    );
    const api = clientFor(fake);
    assert.equal(await api.defaultBranch(REPO), "trunk");
    assert.deepEqual(
      fake.requests.map((r) => r.status),
      [429, 403, 200],
    );
  });

  it("gives up on a rate limit that asks to wait too long, or that outlasts the retries", async () => {
    fake.queueFaults({ kind: "secondary-rate-limit", retryAfterSeconds: 600 });
    const api = clientFor(fake, { maxRetryAfterSeconds: 60 });
    const secondary = await rejection(api.listWorkflows(REPO));
    assert.match(
      secondary.message,
      /secondary rate limit .*the workflows of octo-org\/octo-app.*600 seconds/,
    );
    assert.equal(fake.requests.length, 1);

    fake.resetRequests();
    fake.queueFaults({ kind: "rate-limit", resetInSeconds: 1, times: 10 });
    const primary = await rejection(clientFor(fake, { retries: 2 }).listWorkflows(REPO));
    assert.match(primary.message, /rate limit for this token is used up until \d{4}-/);
    assert.match(primary.fix ?? "", /after the reset/);
    assert.equal(fake.requests.length, 3);
  });

  it("retries 5xx answers and succeeds when GitHub recovers", async () => {
    fake.queueFaults({ kind: "server-error", status: 502, times: 2 }, { kind: "server-error", status: 503 });
    const api = clientFor(fake);
    assert.equal((await api.listWorkflows(REPO)).length, 2);
    assert.deepEqual(
      fake.requests.map((r) => r.status),
      [502, 502, 503, 200],
    );
  });

  it("throws EvidenceError once 5xx answers outlast the retries", async () => {
    fake.queueFaults({ kind: "server-error", times: 100 });
    const api = clientFor(fake, { retries: 3 });
    const error = await rejection(api.listWorkflowRuns(REPO, "ci.yml", { limit: 1 }));
    assert.match(
      error.message,
      /GitHub answered 500: Server Error to each of 4 attempts to read the runs of workflow ci\.yml/,
    );
    assert.match(error.fix ?? "", /githubstatus/);
    assert.equal(fake.requests.length, 4);
  });

  it("says a 401 means an invalid or expired token, and how to get another", async () => {
    fake.queueFaults({ kind: "bad-credentials" });
    const error = await rejection(clientFor(fake).defaultBranch(REPO));
    assert.match(error.message, /rejected the token .*401: Bad credentials.*invalid, expired or revoked/);
    assert.match(error.fix ?? "", /settings\/tokens.*GITHUB_TOKEN/);
  });

  it("names the permission to grant on a 403", async () => {
    fake.setFeature(REPO, "actions", "forbidden");
    const workflows = await rejection(clientFor(fake).listWorkflows(REPO));
    assert.match(
      workflows.message,
      /may not read the workflows of octo-org\/octo-app \(403: Resource not accessible by integration\)/,
    );
    assert.equal(workflows.fix, "Grant the token actions: read.");
    fake.setFeature(REPO, "checks", "forbidden");
    const checks = await rejection(clientFor(fake).listChecks(REPO, SHA));
    assert.match(checks.fix ?? "", /checks: read and statuses: read/);
  });

  it("says a 404 means a missing repository or workflow, or one the token cannot see", async () => {
    const workflow = await rejection(clientFor(fake).listWorkflowRuns(REPO, "nope.yml", { limit: 1 }));
    assert.match(
      workflow.message,
      /runs of workflow nope\.yml of octo-org\/octo-app were not found, or the token cannot see them \(404/,
    );
    assert.match(workflow.fix ?? "", /workflow \(nope\.yml: its id or file name/);
    const repo = await rejection(clientFor(fake).defaultBranch({ owner: "octo-org", repo: "private-app" }));
    assert.match(repo.fix ?? "", /private repository needs a token with access to it \(the repo scope/);
  });

  it("reports Dependabot and code scanning that are off or forbidden as unavailable, with the reason", async () => {
    const api = () => clientFor(fake);
    fake.setFeature(REPO, "dependabot", "disabled");
    const disabled = await api().listDependabotAlerts(REPO);
    assert.equal(disabled.available, false);
    assert.match(
      !disabled.available ? disabled.reason : "",
      /Dependabot alerts are disabled for octo-org\/octo-app.*Settings > Code security > Dependabot alerts/,
    );

    fake.setFeature(REPO, "dependabot", "forbidden");
    const forbidden = await api().listDependabotAlerts(REPO);
    assert.match(
      !forbidden.available ? forbidden.reason : "",
      /may not read the Dependabot alerts.*vulnerability-alerts: read/,
    );

    const reasons: string[] = [];
    for (const state of ["disabled", "advanced-security-off", "no-analysis", "forbidden"] as const) {
      fake.setFeature(REPO, "code-scanning", state);
      const list = await api().listCodeScanningAlerts(REPO);
      assert.equal(list.available, false, state);
      reasons.push(list.available ? "" : list.reason);
    }
    assert.match(reasons[0] ?? "", /Code scanning is not enabled for octo-org\/octo-app/);
    assert.match(reasons[1] ?? "", /needs GitHub Advanced Security/);
    assert.match(reasons[2] ?? "", /never analysed/);
    assert.match(reasons[3] ?? "", /security-events: read/);

    // A rate limit is no answer about the feature: it stays an error.
    fake.setFeature(REPO, "dependabot", "enabled");
    fake.queueFaults({ kind: "rate-limit", resetInSeconds: 3600 });
    await rejection(api().listDependabotAlerts(REPO));
  });

  it("times out a request that never answers, retries, then gives up", async () => {
    let attempts = 0;
    const hanging: typeof fetch = (_input, init) => {
      attempts++;
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    };
    const api = clientFor(fake, { fetch: hanging, timeoutMs: 20, retries: 1 });
    const error = await rejection(api.defaultBranch(REPO));
    assert.match(error.message, /could not be reached .* after 2 attempts/);
    assert.equal(attempts, 2);
  });
});

describe("createGitHubApi against GitHub Enterprise Server", () => {
  it("uses the /api/v3 base URL and links to the server's pages", async () => {
    const ghes = await startFakeGitHub({ prefix: "/api/v3" });
    try {
      ghes.addRepo(REPO);
      ghes.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
      ghes.addWorkflowRuns(REPO, [{ workflow: "ci.yml" }]);
      const api = createGitHubApi({ token: ghes.token, baseUrl: `${ghes.url}/`, cache: null });
      assert.equal(api.webUrl(REPO), `${ghes.webUrl}/octo-org/octo-app`);
      assert.equal(await api.defaultBranch(REPO), "main");
      assert.equal((await api.listWorkflowRuns(REPO, "ci.yml", { limit: 5 })).length, 1);
      assert.ok(ghes.requests.every((r) => r.url.startsWith("/api/v3/")));
      ghes.assertNoViolations();
    } finally {
      await ghes.close();
    }
  });

  it("derives github.com as the web URL of the public API", () => {
    const api = createGitHubApi({ token: "t", baseUrl: "https://api.github.com", cache: null });
    assert.equal(api.webUrl(REPO), "https://github.com/octo-org/octo-app");
  });
});

describe("createGitHubApi keeps the token secret", () => {
  it("puts a canary token in no error message and not in the cache file", async () => {
    const fake = await startFakeGitHub({ token: CANARY });
    const dir = makeTempDir();
    const dbPath = join(dir, "github.db");
    try {
      fake.addRepo(REPO);
      fake.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
      fake.addWorkflowRuns(REPO, [{ workflow: "ci.yml" }]);
      fake.setFeature(REPO, "dependabot", "forbidden");
      const api = createGitHubApi({
        token: CANARY,
        baseUrl: fake.url,
        cache: dbPath,
        delayUnitMs: 1,
        retries: 1,
      });
      await api.listWorkflows(REPO);
      await api.listWorkflowRuns(REPO, "ci.yml", { limit: 5 });
      const texts: string[] = [];
      const unavailable = await api.listDependabotAlerts(REPO);
      texts.push(unavailable.available ? "" : unavailable.reason);
      fake.queueFaults(
        { kind: "bad-credentials" },
        { kind: "forbidden" },
        { kind: "not-found" },
        { kind: "server-error", times: 2 },
        { kind: "secondary-rate-limit", retryAfterSeconds: 999 },
      );
      for (let i = 0; i < 5; i++) {
        // One request per read (another repository each time), so each read takes its own fault.
        const error = await rejection(api.defaultBranch({ owner: "octo-org", repo: `app-${i}` }));
        texts.push(
          error.message,
          error.fix ?? "",
          error.stack ?? "",
          JSON.stringify(error),
          String(error.cause),
        );
      }
      const unreachable = createGitHubApi({
        token: CANARY,
        baseUrl: await closedPortUrl(),
        cache: null,
        delayUnitMs: 1,
      });
      const offline = await rejection(unreachable.defaultBranch(REPO));
      texts.push(offline.message, offline.fix ?? "", offline.stack ?? "");
      for (const text of texts) assert.ok(!text.includes(CANARY), text);
      assert.ok(texts.some((t) => t.includes("Bad credentials")));
      api.close();

      assert.ok(existsSync(dbPath));
      for (const suffix of ["", "-wal", "-shm"]) {
        if (!existsSync(dbPath + suffix)) continue;
        const bytes = readFileSync(dbPath + suffix);
        assert.ok(!bytes.includes(CANARY), `the token is in github.db${suffix}`);
        assert.ok(!bytes.includes(CANARY.slice(4, 24)), `part of the token is in github.db${suffix}`);
      }
      fake.assertNoViolations();
    } finally {
      await fake.close();
    }
  });
});

describe("openEtagCache", () => {
  it("replaces a corrupt database instead of failing", async () => {
    const dbPath = join(makeTempDir(), "github.db");
    writeFileSync(
      dbPath,
      "this is not a database, just some text long enough to look like a file".repeat(100),
    );
    const cache: EtagCache = await openEtagCache(dbPath);
    try {
      assert.equal(cache.get("k"), null);
      cache.put("k", { etag: 'W/"1"', headers: { link: '<x>; rel="next"' }, body: "[]" });
      assert.deepEqual(cache.get("k"), { etag: 'W/"1"', headers: { link: '<x>; rel="next"' }, body: "[]" });
    } finally {
      cache.close();
    }
    const reopened = await openEtagCache(dbPath);
    assert.equal(reopened.get("k")?.body, "[]");
    reopened.close();
  });

  it("holds answers in memory for ':memory:'", async () => {
    const cache = await openEtagCache(":memory:");
    cache.put("a", { etag: 'W/"a"', headers: {}, body: "{}" });
    assert.equal(cache.get("a")?.etag, 'W/"a"');
    cache.close();
  });
});

/** A URL on a loopback port nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

it("an API that accepts connections and never answers is given up within the chain's deadline, retries included", async () => {
  const sockets = new Set<import("node:net").Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as { port: number };
  try {
    const api = createGitHubApi({
      token: CANARY,
      baseUrl: `http://127.0.0.1:${port}`,
      cache: null,
      delayUnitMs: 2,
      timeoutMs: 60_000,
      deadlineMs: 300,
    });
    const error = await rejection(api.listWorkflows(REPO));
    assert.match(
      error.message,
      /GitHub did not answer \(.*octo-org\/octo-app\) within 0\.3 s, retries included/,
    );
    assert.match(error.fix ?? "", /raise github\.deadline/);
    assert.ok(!error.message.includes(CANARY));
    api.close();
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});
