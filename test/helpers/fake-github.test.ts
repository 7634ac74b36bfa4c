import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";

const REPO = { owner: "octo-org", repo: "octo-app" };
const SHA = "0123456789abcdef0123456789abcdef01234567";

function get(fake: FakeGitHub, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    headers: { authorization: `token ${fake.token}`, "user-agent": "fake-github-test", ...headers },
  });
}

async function getJson(
  fake: FakeGitHub,
  path: string,
): Promise<{ status: number; body: unknown; link: string | null }> {
  const response = await get(fake, path);
  return { status: response.status, body: await response.json(), link: response.headers.get("link") };
}

/** rel -> URL from a Link header. */
function parseLink(link: string | null): Record<string, string> {
  const rels: Record<string, string> = {};
  for (const part of (link ?? "").split(",")) {
    const m = /<([^>]+)>;\s*rel="(\w+)"/.exec(part);
    if (m?.[1] && m[2]) rels[m[2]] = m[1];
  }
  return rels;
}

async function withFake(fn: (fake: FakeGitHub) => Promise<void>, options = {}): Promise<FakeGitHub> {
  const fake = await startFakeGitHub(options);
  try {
    fake.addRepo(REPO);
    await fn(fake);
  } finally {
    await fake.close();
  }
  return fake;
}

describe("the fake GitHub checks the contract", () => {
  it("serves every read shipready uses with objects valid against GitHub's schemas", async () => {
    await withFake(async (fake) => {
      const ci = fake.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
      fake.addWorkflowRuns(REPO, [
        { workflow: ci },
        { workflow: "ci.yml", status: "in_progress", branch: null },
        { workflow: "ci.yml", conclusion: "failure", event: "pull_request" },
      ]);
      fake.addCheckRun(REPO, { headSha: SHA, name: "build" });
      fake.addCheckRun(REPO, { headSha: SHA, name: "lint", status: "in_progress" });
      fake.addCommitStatus(REPO, { sha: SHA, context: "ci/jenkins", state: "pending", targetUrl: null });
      fake.addDependabotAlert(REPO, { severity: "critical" });
      fake.addCodeScanningAlert(REPO, { severity: null, ruleSeverity: "error" });
      fake.setBranch(REPO, "main", SHA);
      for (const path of [
        "",
        "/actions/workflows",
        "/actions/workflows/ci.yml/runs",
        `/actions/workflows/${ci}/runs?exclude_pull_requests=true`,
        `/commits/${SHA}/check-runs`,
        "/commits/heads%2Fmain/check-runs",
        "/commits/main/status",
        "/dependabot/alerts?state=open",
        "/code-scanning/alerts?state=open",
      ]) {
        const response = await get(fake, `/repos/${REPO.owner}/${REPO.repo}${path}`);
        assert.equal(response.status, 200, path);
      }
      fake.assertNoViolations();
    });
  });

  it("records an unknown query parameter as a violation but answers like GitHub, which ignores it", async () => {
    await withFake(async (fake) => {
      const response = await get(fake, `/repos/${REPO.owner}/${REPO.repo}/actions/workflows?sort=name`);
      assert.equal(response.status, 200);
      assert.deepEqual(fake.violations, [
        {
          operationId: "actions/list-repo-workflows",
          what: "is not a parameter of GET /repos/{owner}/{repo}/actions/workflows",
          where: "query.sort",
        },
      ]);
      assert.throws(() => fake.assertNoViolations(), /query\.sort/);
    });
  });

  it("answers 422 to a wrongly typed or out-of-enum query parameter and records it", async () => {
    await withFake(async (fake) => {
      fake.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
      const typed = await get(fake, `/repos/${REPO.owner}/${REPO.repo}/actions/workflows?per_page=many`);
      assert.equal(typed.status, 422);
      const enumed = await get(
        fake,
        `/repos/${REPO.owner}/${REPO.repo}/actions/workflows/ci.yml/runs?status=done`,
      );
      assert.equal(enumed.status, 422);
      assert.deepEqual(
        fake.violations.map((v) => [v.operationId, v.where]),
        [
          ["actions/list-repo-workflows", "query.per_page"],
          ["actions/list-workflow-runs", "query.status"],
        ],
      );
    });
  });

  it("records a planted invalid response object", async () => {
    await withFake(async (fake) => {
      fake.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml", state: "sleeping" });
      fake.addWorkflowRuns(REPO, [{ workflow: "ci.yml", extra: { run_number: "seven" } }]);
      assert.equal((await get(fake, `/repos/${REPO.owner}/${REPO.repo}/actions/workflows`)).status, 200);
      assert.equal(
        (await get(fake, `/repos/${REPO.owner}/${REPO.repo}/actions/workflows/ci.yml/runs`)).status,
        200,
      );
      assert.deepEqual(
        fake.violations.map((v) => [v.operationId, v.where]),
        [
          ["actions/list-repo-workflows", "response 200 /workflows/0/state"],
          ["actions/list-workflow-runs", "response 200 /workflow_runs/0/run_number"],
        ],
      );
      // A planted answer is checked as well.
      fake.queueFaults({ kind: "answer", operationId: "repos/get", status: 200, body: { id: "one" } });
      await get(fake, `/repos/${REPO.owner}/${REPO.repo}`);
      assert.ok(fake.violations.some((v) => v.operationId === "repos/get" && v.what.includes("required")));
    });
  });

  it("records requests for operations outside the slice and missing headers", async () => {
    await withFake(async (fake) => {
      assert.equal((await get(fake, `/repos/${REPO.owner}/${REPO.repo}/pulls`)).status, 404);
      const noAgent = await fetch(`${fake.url}/repos/${REPO.owner}/${REPO.repo}`, {
        headers: { authorization: `token ${fake.token}`, "user-agent": "" },
      });
      assert.equal(noAgent.status, 403);
      assert.deepEqual(
        fake.violations.map((v) => v.where),
        ["path", "header.user-agent"],
      );
    });
  });

  it("checks JSON bodies of writes before a registered handler answers", async () => {
    await withFake(async (fake) => {
      const comments: unknown[] = [];
      fake.handle("issues/create-comment", (request) => {
        comments.push(request.body);
        return { status: 201, body: { id: "not a comment" } };
      });
      const post = (body: string) =>
        fetch(`${fake.url}/repos/${REPO.owner}/${REPO.repo}/issues/7/comments`, {
          method: "POST",
          headers: {
            authorization: `token ${fake.token}`,
            "user-agent": "fake-github-test",
            "content-type": "application/json",
          },
          body,
        });
      assert.equal((await post(JSON.stringify({ text: "hi" }))).status, 422);
      assert.equal((await post("{")).status, 400);
      assert.equal((await post(JSON.stringify({ body: "hi" }))).status, 201);
      assert.deepEqual(comments, [{ body: "hi" }]);
      const wheres = fake.violations.map((v) => v.where);
      assert.ok(wheres.includes("request body /"), wheres.join());
      assert.ok(wheres.includes("request body"), wheres.join());
      assert.ok(
        fake.violations.some((v) => v.where.startsWith("response 201")),
        "the handler's invalid comment is a violation",
      );
    });
  });
});

describe("the fake GitHub behaves like GitHub", () => {
  let fake: FakeGitHub;
  let ci: number;
  before(async () => {
    fake = await startFakeGitHub();
    fake.addRepo(REPO);
    ci = fake.addWorkflow(REPO, { name: "CI", path: ".github/workflows/ci.yml" });
    fake.addWorkflow(REPO, { name: "Release", path: ".github/workflows/release.yml" });
    fake.addWorkflowRuns(
      REPO,
      Array.from({ length: 75 }, (_, i) => ({
        workflow: "ci.yml",
        branch: i % 3 === 0 ? "dev" : "main",
        event: i % 2 === 0 ? "push" : "pull_request",
        conclusion: i % 5 === 0 ? "failure" : "success",
        headSha: i === 10 ? SHA : undefined,
      })),
    );
  });
  after(async () => {
    fake.assertNoViolations();
    await fake.close();
  });

  it("paginates with per_page (30 by default, at most 100), page and a Link header", async () => {
    const base = `/repos/${REPO.owner}/${REPO.repo}/actions/workflows/ci.yml/runs`;
    const first = await getJson(fake, base);
    const body = first.body as { total_count: number; workflow_runs: { id: number; created_at: string }[] };
    assert.equal(body.total_count, 75);
    assert.equal(body.workflow_runs.length, 30);
    assert.deepEqual(Object.keys(parseLink(first.link)), ["next", "last"]);
    assert.equal(parseLink(first.link).last, `${fake.url}${base}?page=3`);
    const created = body.workflow_runs.map((r) => r.created_at);
    assert.deepEqual(created, [...created].sort().reverse(), "newest first");

    // 50 runs on main, 20 a page: the middle page links every way and keeps the other parameters.
    const second = await getJson(fake, `${base}?per_page=20&page=2&branch=main`);
    const links = parseLink(second.link);
    assert.deepEqual(Object.keys(links), ["prev", "next", "last", "first"]);
    assert.equal(links.next, `${fake.url}${base}?per_page=20&page=3&branch=main`);
    assert.equal(links.first, `${fake.url}${base}?per_page=20&page=1&branch=main`);

    const last = await getJson(fake, `${base}?per_page=30&page=3`);
    assert.equal((last.body as { workflow_runs: unknown[] }).workflow_runs.length, 15);
    assert.deepEqual(Object.keys(parseLink(last.link)), ["prev", "first"]);

    const capped = await getJson(fake, `${base}?per_page=500`);
    assert.equal((capped.body as { workflow_runs: unknown[] }).workflow_runs.length, 75);
    assert.equal(capped.link, null, "everything on one page: no Link header");
  });

  it("filters runs by branch, event, status or conclusion and head_sha, with the workflow by id or file name", async () => {
    const runs = async (query: string) =>
      (
        (await getJson(fake, `/repos/${REPO.owner}/${REPO.repo}/actions/workflows/${query}`)).body as {
          total_count: number;
          workflow_runs: { head_branch: string; event: string; conclusion: string; head_sha: string }[];
        }
      ).workflow_runs;
    assert.equal((await runs(`${ci}/runs?per_page=100`)).length, 75);
    assert.ok((await runs("ci.yml/runs?branch=dev&per_page=100")).every((r) => r.head_branch === "dev"));
    assert.equal((await runs("ci.yml/runs?branch=dev&per_page=100")).length, 25);
    assert.equal((await runs("ci.yml/runs?event=push&per_page=100")).length, 38);
    assert.equal((await runs("ci.yml/runs?status=failure&per_page=100")).length, 15);
    assert.equal((await runs("ci.yml/runs?status=completed&per_page=100")).length, 75);
    assert.deepEqual(
      (await runs(`ci.yml/runs?head_sha=${SHA}`)).map((r) => r.head_sha),
      [SHA],
    );
    assert.equal((await runs("release.yml/runs")).length, 0);
    assert.equal(
      (await get(fake, `/repos/${REPO.owner}/${REPO.repo}/actions/workflows/nope.yml/runs`)).status,
      404,
    );
  });

  it("answers a matching If-None-Match with 304, no body and the ETag, without spending quota", async () => {
    const path = `/repos/${REPO.owner}/${REPO.repo}/actions/workflows`;
    const first = await get(fake, path);
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^W\/"[0-9a-f]+"$/);
    const remaining = Number(first.headers.get("x-ratelimit-remaining"));
    await first.text();
    fake.resetRequests();
    const second = await get(fake, path, { "if-none-match": etag ?? "" });
    assert.equal(second.status, 304);
    assert.equal(await second.text(), "");
    assert.equal(second.headers.get("etag"), etag);
    assert.equal(Number(second.headers.get("x-ratelimit-remaining")), remaining);
    const stale = await get(fake, path, { "if-none-match": 'W/"stale"' });
    assert.equal(stale.status, 200);
    await stale.text();
    assert.deepEqual(
      fake.requests.map((r) => [r.operationId, r.status, r.conditional, r.notModified]),
      [
        ["actions/list-repo-workflows", 304, true, true],
        ["actions/list-repo-workflows", 200, true, false],
      ],
    );
  });

  it("sends the rate-limit headers on every answer", async () => {
    const response = await get(fake, `/repos/${REPO.owner}/${REPO.repo}`);
    await response.text();
    for (const name of ["limit", "remaining", "reset", "used", "resource"]) {
      assert.ok(response.headers.get(`x-ratelimit-${name}`), name);
    }
  });

  it("answers 401 Bad credentials without a token or with another one", async () => {
    const anonymous = await fetch(`${fake.url}/repos/${REPO.owner}/${REPO.repo}`, {
      headers: { "user-agent": "fake-github-test" },
    });
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { message: string }).message, "Bad credentials");
    const wrong = await get(fake, `/repos/${REPO.owner}/${REPO.repo}`, {
      authorization: "Bearer someone-else",
    });
    assert.equal(wrong.status, 401);
    await wrong.text();
  });

  it("gives queued faults to the next matching requests, then answers normally again", async () => {
    const path = `/repos/${REPO.owner}/${REPO.repo}`;
    fake.queueFaults(
      { kind: "server-error", status: 502, times: 2, operationId: "repos/get" },
      { kind: "rate-limit", resetInSeconds: 30 },
      { kind: "secondary-rate-limit", status: 429, retryAfterSeconds: 7 },
      { kind: "bad-credentials" },
      { kind: "forbidden" },
      { kind: "not-found" },
    );
    // The workflow list is not repos/get, so it skips the 502s and takes the next fault for any operation.
    const limited = await get(fake, `${path}/actions/workflows`);
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get("x-ratelimit-remaining"), "0");
    assert.ok(Number(limited.headers.get("x-ratelimit-reset")) >= Math.floor(Date.now() / 1000) + 29);
    await limited.text();
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await get(fake, path);
      statuses.push(response.status);
      await response.text();
    }
    assert.deepEqual(statuses, [502, 502]);
    const secondary = await get(fake, path);
    assert.equal(secondary.status, 429);
    assert.equal(secondary.headers.get("retry-after"), "7");
    assert.match(((await secondary.json()) as { message: string }).message, /secondary rate limit/);
    const rest: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await get(fake, path);
      rest.push(response.status);
      await response.text();
    }
    assert.deepEqual(rest, [401, 403, 404, 200]);
  });

  it("reports Dependabot and code scanning switched off or forbidden the way GitHub does", async () => {
    const other = { owner: "octo-org", repo: "locked" };
    fake.addRepo({ ...other, private: true });
    fake.setFeature(other, "dependabot", "disabled");
    fake.setFeature(other, "code-scanning", "no-analysis");
    const dependabot = await getJson(fake, `/repos/octo-org/locked/dependabot/alerts`);
    assert.equal(dependabot.status, 403);
    assert.equal(
      (dependabot.body as { message: string }).message,
      "Dependabot alerts are disabled for this repository.",
    );
    const codeScanning = await getJson(fake, `/repos/octo-org/locked/code-scanning/alerts`);
    assert.equal(codeScanning.status, 404);
    assert.equal((codeScanning.body as { message: string }).message, "no analysis found");
    fake.setFeature(other, "code-scanning", "disabled");
    assert.match(
      ((await getJson(fake, `/repos/octo-org/locked/code-scanning/alerts`)).body as { message: string })
        .message,
      /^Code scanning is not enabled for this repository/,
    );
    fake.setFeature(other, "actions", "forbidden");
    const forbidden = await getJson(fake, `/repos/octo-org/locked/actions/workflows`);
    assert.equal(forbidden.status, 403);
    assert.equal((forbidden.body as { message: string }).message, "Resource not accessible by integration");
    assert.equal((await get(fake, `/repos/octo-org/nobody`)).status, 404);
  });

  it("filters alerts and check runs like GitHub and pages Dependabot alerts by cursor", async () => {
    const sec = { owner: "octo-org", repo: "secure" };
    fake.addRepo(sec);
    const severities = ["low", "medium", "high", "critical"] as const;
    for (let i = 0; i < 7; i++) {
      fake.addDependabotAlert(sec, {
        severity: severities[i % 4] ?? "low",
        state: i === 6 ? "fixed" : "open",
      });
      fake.addCodeScanningAlert(sec, { state: i < 2 ? "dismissed" : "open" });
    }
    const numbers: number[] = [];
    let next: string | undefined =
      `${fake.url}/repos/octo-org/secure/dependabot/alerts?state=open&per_page=4`;
    while (next) {
      const response: Response = await fetch(next, {
        headers: { authorization: `token ${fake.token}`, "user-agent": "fake-github-test" },
      });
      numbers.push(...((await response.json()) as { number: number }[]).map((a) => a.number));
      next = parseLink(response.headers.get("link")).next;
    }
    assert.deepEqual(numbers, [6, 5, 4, 3, 2, 1]);
    const high = (await getJson(fake, `/repos/octo-org/secure/dependabot/alerts?severity=high,critical`))
      .body;
    assert.deepEqual(
      (high as { number: number }[]).map((a) => a.number),
      [7, 4, 3],
    );
    const open = (await getJson(fake, `/repos/octo-org/secure/code-scanning/alerts?state=open`)).body;
    assert.equal((open as unknown[]).length, 5);

    fake.addCheckRun(sec, { headSha: SHA, name: "build", conclusion: "failure" });
    fake.addCheckRun(sec, { headSha: SHA, name: "build", conclusion: "success" });
    fake.addCheckRun(sec, { headSha: SHA, name: "test", status: "queued" });
    type Checks = { total_count: number; check_runs: { name: string; conclusion: string | null }[] };
    const latest = (await getJson(fake, `/repos/octo-org/secure/commits/${SHA}/check-runs`)).body as Checks;
    assert.deepEqual(
      latest.check_runs.map((c) => [c.name, c.conclusion]),
      [
        ["test", null],
        ["build", "success"],
      ],
    );
    const all = (await getJson(fake, `/repos/octo-org/secure/commits/${SHA}/check-runs?filter=all`))
      .body as Checks;
    assert.equal(all.total_count, 3);
    const named = (
      await getJson(fake, `/repos/octo-org/secure/commits/${SHA}/check-runs?check_name=test&status=queued`)
    ).body as Checks;
    assert.deepEqual(
      named.check_runs.map((c) => c.name),
      ["test"],
    );
    assert.equal((await get(fake, `/repos/octo-org/secure/commits/no-such-branch/check-runs`)).status, 422);
  });

  it("seeds thousands of runs at once", async () => {
    const big = { owner: "octo-org", repo: "big" };
    fake.addRepo(big);
    const { workflowIds } = fake.seedBulkRuns(big, { workflows: 30, runs: 5000 });
    assert.equal(workflowIds.length, 30);
    const page = await getJson(
      fake,
      `/repos/octo-org/big/actions/workflows/${workflowIds[0]}/runs?per_page=100`,
    );
    assert.equal((page.body as { total_count: number }).total_count, 167);
    assert.equal((page.body as { workflow_runs: unknown[] }).workflow_runs.length, 100);
  });
});

describe("the fake GitHub Enterprise Server", () => {
  it("serves the API under /api/v3", async () => {
    const fake = await withFake(
      async (ghes) => {
        assert.match(ghes.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
        assert.equal(ghes.url, `${ghes.webUrl}/api/v3`);
        const repo = await getJson(ghes, `/repos/${REPO.owner}/${REPO.repo}`);
        assert.equal(repo.status, 200);
        assert.equal((repo.body as { url: string }).url, `${ghes.url}/repos/${REPO.owner}/${REPO.repo}`);
        assert.equal(
          (repo.body as { html_url: string }).html_url,
          `${ghes.webUrl}/${REPO.owner}/${REPO.repo}`,
        );
        ghes.assertNoViolations();
        const outside = await fetch(`${ghes.webUrl}/repos/${REPO.owner}/${REPO.repo}`, {
          headers: { authorization: `token ${ghes.token}`, "user-agent": "fake-github-test" },
        });
        assert.equal(outside.status, 404);
        await outside.text();
      },
      { prefix: "/api/v3" },
    );
    assert.equal(fake.violations.length, 1);
    assert.match(fake.violations[0]?.what ?? "", /outside the API/);
  });
});
