import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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

type Sent = { status: number; body: Record<string, unknown>; headers: Headers };

/** A request with a JSON body, as Octokit sends one. */
async function send(fake: FakeGitHub, method: string, path: string, body?: unknown): Promise<Sent> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: {
      authorization: `token ${fake.token}`,
      "user-agent": "fake-github-test",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
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

const R = `/repos/${REPO.owner}/${REPO.repo}`;

describe("the fake GitHub's releases", () => {
  it("creates a release with GitHub's fields and a Location, and finds it by tag", async () => {
    await withFake(async (fake) => {
      const made = await send(fake, "POST", `${R}/releases`, {
        tag_name: "v1.2.0",
        name: "1.2.0",
        body: "## Changes\n\n- one",
        target_commitish: "main",
      });
      assert.equal(made.status, 201);
      const release = made.body as {
        id: number;
        url: string;
        html_url: string;
        upload_url: string;
        tarball_url: string;
        published_at: string | null;
        author: { login: string; type: string };
        assets: unknown[];
      };
      assert.equal(made.headers.get("location"), `${fake.url}${R}/releases/${release.id}`);
      assert.equal(release.url, `${fake.url}${R}/releases/${release.id}`);
      assert.equal(release.html_url, `${fake.webUrl}/${REPO.owner}/${REPO.repo}/releases/tag/v1.2.0`);
      assert.match(release.upload_url, /\/releases\/\d+\/assets\{\?name,label\}$/);
      assert.equal(release.tarball_url, `${fake.url}${R}/tarball/v1.2.0`);
      assert.ok(release.published_at);
      assert.deepEqual([release.author.login, release.author.type], ["github-actions[bot]", "Bot"]);
      assert.deepEqual(release.assets, []);

      const found = await send(fake, "GET", `${R}/releases/tags/v1.2.0`);
      assert.equal(found.status, 200);
      assert.deepEqual(found.body, made.body);
      const missing = await send(fake, "GET", `${R}/releases/tags/v9.9.9`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.message, "Not Found");
      assert.deepEqual(
        fake.releases(REPO).map((r) => [r.tagName, r.name, r.body, r.draft, r.latest, r.author]),
        [["v1.2.0", "1.2.0", "## Changes\n\n- one", false, true, "github-actions[bot]"]],
      );
      fake.assertNoViolations();
    });
  });

  it("refuses a second release for a published tag with GitHub's validation error", async () => {
    await withFake(async (fake) => {
      fake.addRelease(REPO, { tagName: "v1.0.0" });
      const again = await send(fake, "POST", `${R}/releases`, { tag_name: "v1.0.0" });
      assert.equal(again.status, 422);
      assert.deepEqual(again.body, {
        message: "Validation Failed",
        errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
        documentation_url: "https://docs.github.com/rest/releases/releases#create-a-release",
        status: "422",
      });
      assert.equal(fake.releases(REPO).length, 1);
      fake.assertNoViolations();
    });
  });

  it("keeps drafts out of the tag lookup, allows two of them, and publishes one by update", async () => {
    await withFake(async (fake) => {
      const first = await send(fake, "POST", `${R}/releases`, { tag_name: "v2.0.0", draft: true });
      const second = await send(fake, "POST", `${R}/releases`, { tag_name: "v2.0.0", draft: true });
      assert.deepEqual([first.status, second.status], [201, 201]);
      const draft = first.body as { id: number; html_url: string; tarball_url: null; published_at: null };
      assert.match(draft.html_url, /\/releases\/tag\/untagged-[0-9a-f]{20}$/);
      assert.equal(draft.tarball_url, null);
      assert.equal(draft.published_at, null);
      assert.equal((await send(fake, "GET", `${R}/releases/tags/v2.0.0`)).status, 404);

      const published = await send(fake, "PATCH", `${R}/releases/${draft.id}`, {
        draft: false,
        name: "2.0.0",
      });
      assert.equal(published.status, 200);
      assert.equal(published.body.draft, false);
      assert.ok(published.body.published_at);
      assert.match(String(published.body.html_url), /\/releases\/tag\/v2\.0\.0$/);
      assert.equal((await send(fake, "GET", `${R}/releases/tags/v2.0.0`)).body.id, draft.id);
      // The other draft cannot be published under the same tag.
      const clash = await send(fake, "PATCH", `${R}/releases/${second.body.id}`, { draft: false });
      assert.equal(clash.status, 422);
      assert.equal((await send(fake, "PATCH", `${R}/releases/424242`, { name: "x" })).status, 404);
      fake.assertNoViolations();
    });
  });

  it("moves the latest release as make_latest says", async () => {
    await withFake(async (fake) => {
      fake.addRelease(REPO, { tagName: "v1.0.0" });
      await send(fake, "POST", `${R}/releases`, { tag_name: "v1.1.0-rc.1", prerelease: true });
      await send(fake, "POST", `${R}/releases`, { tag_name: "v0.9.1", make_latest: "false" });
      const latest = () =>
        fake
          .releases(REPO)
          .filter((r) => r.latest)
          .map((r) => r.tagName);
      assert.deepEqual(latest(), ["v1.0.0"]);
      await send(fake, "POST", `${R}/releases`, { tag_name: "v1.1.0" });
      assert.deepEqual(latest(), ["v1.1.0"]);
      fake.assertNoViolations();
    });
  });

  it("treats a release without tag_name as the contract violation it is, and stores nothing", async () => {
    await withFake(async (fake) => {
      const bad = await send(fake, "POST", `${R}/releases`, { name: "no tag" });
      assert.equal(bad.status, 422);
      assert.deepEqual(
        fake.violations.map((v) => [v.operationId, v.where]),
        [["repos/create-release", "request body /"]],
      );
      assert.match(fake.violations[0]?.what ?? "", /tag_name/);
      assert.deepEqual(fake.releases(REPO), []);
    });
  });
});

describe("the fake GitHub's issue and pull request comments", () => {
  it("creates, lists page by page and updates comments, keeping bodies verbatim", async () => {
    await withFake(async (fake) => {
      const text = "<!-- shipready -->\r\n## Ready: 92 %\n\n| a | b |\n|---|---|\n\u00e9\u{1F680}  \n";
      const made = await send(fake, "POST", `${R}/issues/7/comments`, { body: text });
      assert.equal(made.status, 201);
      const comment = made.body as { id: number; body: string; user: { login: string; type: string } };
      assert.equal(made.headers.get("location"), `${fake.url}${R}/issues/comments/${comment.id}`);
      assert.equal(comment.body, text);
      assert.deepEqual([comment.user.login, comment.user.type], ["github-actions[bot]", "Bot"]);
      assert.equal(fake.comments(REPO, 7)[0]?.body, text);

      for (let i = 0; i < 24; i++) fake.addComment(REPO, 7, { body: `seeded ${i}`, author: "octocat" });
      fake.addComment(REPO, 8, { body: "another pull request" });
      const first = await getJson(fake, `${R}/issues/7/comments?per_page=10`);
      assert.equal((first.body as unknown[]).length, 10);
      assert.equal(parseLink(first.link).last, `${fake.url}${R}/issues/7/comments?per_page=10&page=3`);
      const last = await getJson(fake, `${R}/issues/7/comments?per_page=10&page=3`);
      assert.deepEqual(
        (last.body as { body: string }[]).map((c) => c.body),
        ["seeded 19", "seeded 20", "seeded 21", "seeded 22", "seeded 23"],
      );
      assert.equal(((first.body as { id: number }[])[0] as { id: number }).id, comment.id, "oldest first");

      const before = fake.comments(REPO, 7)[0]?.updatedAt ?? "";
      const edited = await send(fake, "PATCH", `${R}/issues/comments/${comment.id}`, { body: "edited" });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.body, "edited");
      assert.ok(String(edited.body.updated_at) > before);
      const since = await getJson(
        fake,
        `${R}/issues/7/comments?since=${encodeURIComponent(String(edited.body.updated_at))}`,
      );
      assert.deepEqual(
        (since.body as { body: string }[]).map((c) => c.body),
        ["edited"],
      );
      assert.equal((await send(fake, "PATCH", `${R}/issues/comments/424242`, { body: "x" })).status, 404);
      assert.equal(fake.comments(REPO, 7).length, 25);
      fake.assertNoViolations();
    });
  });

  it("writes as the configured bot and refuses a body over 65536 characters", async () => {
    await withFake(
      async (fake) => {
        assert.equal(fake.botLogin, "shipready-app[bot]");
        const made = await send(fake, "POST", `${R}/issues/1/comments`, { body: "hi" });
        assert.equal((made.body.user as { login: string }).login, "shipready-app[bot]");
        const long = await send(fake, "POST", `${R}/issues/1/comments`, { body: "x".repeat(65537) });
        assert.equal(long.status, 422);
        assert.deepEqual(long.body.errors, [
          {
            resource: "IssueComment",
            code: "unprocessable",
            field: "data",
            message: "Body is too long (maximum is 65536 characters)",
          },
        ]);
        assert.equal(fake.comments(REPO, 1).length, 1);
        fake.assertNoViolations();
      },
      { botLogin: "shipready-app[bot]" },
    );
  });
});

/** The tree SHA git itself computes for these files. */
function gitWriteTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "fake-github-tree-"));
  try {
    execFileSync("git", ["init", "-q", dir]);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    execFileSync("git", ["-C", dir, "add", "-A"]);
    return execFileSync("git", ["-C", dir, "write-tree"], { encoding: "utf8" }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the fake GitHub's git database", () => {
  it("lets a client commit on a branch through the API, with the SHAs git would compute", async () => {
    await withFake(async (fake) => {
      const base = fake.seedCommit(REPO, {
        branch: "main",
        files: { "README.md": "# app\n", "src/a.ts": "export {};\n", "old.txt": "bye\n" },
      });
      const ref = await send(fake, "GET", `${R}/git/ref/heads/main`);
      assert.equal(ref.status, 200);
      assert.deepEqual(ref.body, {
        ref: "refs/heads/main",
        node_id: ref.body.node_id,
        url: `${fake.url}${R}/git/refs/heads/main`,
        object: { sha: base, type: "commit", url: `${fake.url}${R}/git/commits/${base}` },
      });
      assert.equal((await send(fake, "GET", `${R}/git/ref/heads/nope`)).status, 404);

      const blob = await send(fake, "POST", `${R}/git/blobs`, {
        content: Buffer.from("data\n").toString("base64"),
        encoding: "base64",
      });
      assert.equal(blob.status, 201);
      const blobSha = createHash("sha1").update("blob 5\0data\n").digest("hex");
      assert.equal(blob.body.sha, blobSha);
      assert.equal(blob.headers.get("location"), `${fake.url}${R}/git/blobs/${blobSha}`);

      const baseTree = fake.commit(REPO, base)?.tree ?? "";
      const tree = await send(fake, "POST", `${R}/git/trees`, {
        base_tree: baseTree,
        tree: [
          { path: "src/b.ts", mode: "100644", type: "blob", content: "export const b = 1;\n" },
          { path: "data/x.txt", mode: "100644", type: "blob", sha: blobSha },
          { path: "old.txt", mode: "100644", type: "blob", sha: null },
        ],
      });
      assert.equal(tree.status, 201);
      const expected = {
        "README.md": "# app\n",
        "data/x.txt": "data\n",
        "src/a.ts": "export {};\n",
        "src/b.ts": "export const b = 1;\n",
      };
      assert.equal(tree.body.sha, gitWriteTree(expected));
      assert.deepEqual(
        (tree.body.tree as { path: string; type: string }[]).map((e) => [e.path, e.type]),
        [
          ["README.md", "blob"],
          ["data", "tree"],
          ["src", "tree"],
        ],
      );

      const commit = await send(fake, "POST", `${R}/git/commits`, {
        message: "Record the release evidence",
        tree: tree.body.sha,
        parents: [base],
      });
      assert.equal(commit.status, 201);
      const sha = String(commit.body.sha);
      assert.match(sha, /^[0-9a-f]{40}$/);
      assert.equal(commit.headers.get("location"), `${fake.url}${R}/git/commits/${sha}`);
      assert.deepEqual((commit.body.verification as { verified: boolean; reason: string }).verified, true);
      assert.equal((commit.body.verification as { reason: string }).reason, "valid");
      assert.equal((commit.body.author as { name: string }).name, "github-actions[bot]");
      assert.equal((commit.body.committer as { name: string }).name, "GitHub");

      const moved = await send(fake, "PATCH", `${R}/git/refs/heads/main`, { sha, force: false });
      assert.equal(moved.status, 200);
      assert.equal((moved.body.object as { sha: string }).sha, sha);
      assert.equal(fake.branchHead(REPO, "main"), sha);
      assert.deepEqual(fake.files(REPO, "main"), expected);
      assert.deepEqual(fake.commit(REPO, sha)?.parents, [base]);
      assert.equal(fake.commit(REPO, sha)?.verified, true);
      fake.assertNoViolations();
    });
  });

  it("refuses an update that is not a fast forward unless forced", async () => {
    await withFake(async (fake) => {
      const base = fake.seedCommit(REPO, { branch: "main", files: { "a.txt": "a\n" } });
      const ahead = fake.seedCommit(REPO, { branch: "main", files: { "a.txt": "b\n" } });
      const aside = fake.seedCommit(REPO, { files: { "a.txt": "c\n" }, parents: [base] });
      const refused = await send(fake, "PATCH", `${R}/git/refs/heads/main`, { sha: aside });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.message, "Update is not a fast forward");
      assert.equal(fake.branchHead(REPO, "main"), ahead);
      const forced = await send(fake, "PATCH", `${R}/git/refs/heads/main`, { sha: aside, force: true });
      assert.equal(forced.status, 200);
      assert.equal(fake.branchHead(REPO, "main"), aside);
      const unknown = await send(fake, "PATCH", `${R}/git/refs/heads/main`, { sha: "f".repeat(40) });
      assert.equal(unknown.body.message, "Object does not exist");
      const noBranch = await send(fake, "PATCH", `${R}/git/refs/heads/gone`, { sha: base });
      assert.equal(noBranch.body.message, "Reference does not exist");
      fake.assertNoViolations();
    });
  });

  it("answers GitHub's errors for bad trees, bad commits and an empty repository", async () => {
    await withFake(async (fake) => {
      assert.equal((await send(fake, "POST", `${R}/git/blobs`, { content: "x" })).status, 409);
      // A head set by setBranch is a commit the fake never saw: a valid parent, without content.
      fake.setBranch(REPO, "main", SHA);
      const both = await send(fake, "POST", `${R}/git/trees`, {
        tree: [{ path: "a", mode: "100644", type: "blob", sha: SHA, content: "x" }],
      });
      assert.match(String(both.body.message), /^Must supply either tree\.sha or tree\.content/);
      const missing = await send(fake, "POST", `${R}/git/trees`, {
        tree: [{ path: "a", mode: "100644", type: "blob", sha: SHA }],
      });
      assert.equal(missing.body.message, `tree.sha ${SHA} is not a valid blob`);
      const slash = await send(fake, "POST", `${R}/git/trees`, {
        tree: [{ path: "/a", mode: "100644", type: "blob", content: "x" }],
      });
      assert.equal(slash.body.message, "tree.path cannot start with a slash");
      const baseless = await send(fake, "POST", `${R}/git/trees`, {
        base_tree: SHA,
        tree: [{ path: "a", mode: "100644", type: "blob", content: "x" }],
      });
      assert.equal(baseless.body.message, "base_tree is not a valid tree oid");
      const tree = await send(fake, "POST", `${R}/git/trees`, {
        tree: [{ path: "a", mode: "100644", type: "blob", content: "x" }],
      });
      const orphan = await send(fake, "POST", `${R}/git/commits`, {
        message: "m",
        tree: tree.body.sha,
        parents: ["e".repeat(40)],
      });
      assert.equal(orphan.body.message, "Parent SHA does not exist or is not a commit object");
      const noTree = await send(fake, "POST", `${R}/git/commits`, { message: "m", tree: "d".repeat(40) });
      assert.equal(noTree.body.message, "Tree SHA does not exist");
      const onForeign = await send(fake, "POST", `${R}/git/commits`, {
        message: "m",
        tree: tree.body.sha,
        parents: [SHA],
        author: { name: "Mona", email: "mona@example.com" },
      });
      assert.equal(onForeign.status, 201);
      assert.equal((onForeign.body.verification as { verified: boolean }).verified, false);
      assert.equal(
        (await send(fake, "PATCH", `${R}/git/refs/heads/main`, { sha: onForeign.body.sha })).status,
        200,
      );
      fake.assertNoViolations();
    });
  });
});

describe("the fake GitHub's faults and permissions for writes", () => {
  it("apply-then-fail creates the comment and release, then answers 502, so a blind retry duplicates", async () => {
    await withFake(async (fake) => {
      fake.queueFaults(
        { kind: "apply-then-fail", operationId: "issues/create-comment" },
        { kind: "apply-then-fail", operationId: "repos/create-release", status: 503 },
      );
      const post = () => send(fake, "POST", `${R}/issues/3/comments`, { body: "report" });
      assert.equal((await post()).status, 502);
      assert.equal(fake.comments(REPO, 3).length, 1);
      assert.equal((await post()).status, 201);
      assert.deepEqual(
        fake.comments(REPO, 3).map((c) => c.body),
        ["report", "report"],
      );

      const release = () => send(fake, "POST", `${R}/releases`, { tag_name: "v3.0.0" });
      assert.equal((await release()).status, 503);
      assert.equal(fake.releases(REPO).length, 1);
      assert.equal((await release()).status, 422, "the retry finds the tag taken");
      fake.assertNoViolations();
    });
  });

  it("apply-then-drop creates the release and closes the connection without an answer", async () => {
    await withFake(async (fake) => {
      fake.queueFaults({ kind: "apply-then-drop", operationId: "repos/create-release" });
      await assert.rejects(send(fake, "POST", `${R}/releases`, { tag_name: "v4.0.0" }));
      assert.deepEqual(
        fake.releases(REPO).map((r) => r.tagName),
        ["v4.0.0"],
      );
      assert.deepEqual(
        fake.requests.map((r) => [r.operationId, r.status]),
        [["repos/create-release", 0]],
      );
      assert.equal((await send(fake, "GET", `${R}/releases/tags/v4.0.0`)).status, 200);
      fake.assertNoViolations();
    });
  });

  it("answers every write to a read-only repository 403, as for a fork's pull request token", async () => {
    await withFake(async (fake) => {
      const fork = { owner: "octo-org", repo: "from-fork" };
      fake.addRepo({ ...fork, readOnly: true });
      fake.seedCommit(fork, { branch: "main", files: { "a.txt": "a\n" } });
      const base = `/repos/${fork.owner}/${fork.repo}`;
      for (const [method, path, body] of [
        ["POST", `${base}/issues/1/comments`, { body: "hi" }],
        ["POST", `${base}/releases`, { tag_name: "v1.0.0" }],
        ["POST", `${base}/git/blobs`, { content: "x" }],
      ] as const) {
        const denied = await send(fake, method, path, body);
        assert.equal(denied.status, 403, path);
        assert.equal(denied.body.message, "Resource not accessible by integration");
      }
      assert.equal((await send(fake, "GET", `${base}/issues/1/comments`)).status, 200);
      assert.equal((await send(fake, "GET", `${base}/git/ref/heads/main`)).status, 200);
      assert.deepEqual(fake.comments(fork, 1), []);
      assert.deepEqual(fake.releases(fork), []);
      fake.assertNoViolations();
    });
  });
});
