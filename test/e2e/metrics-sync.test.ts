import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startFakeGitHub, type FakeGitHub, type FakeRepoRef } from "../helpers/fake-github.js";
import { runCliAsync, type CliResult } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// `shipready metrics sync` as a user runs it, against the fake GitHub (every request and answer
// checked against GitHub's OpenAPI description), then `shipready metrics` over what it kept.

const TOKEN = "ghp_metricsSYNCtoken0123456789abcdef";
const SHOP: FakeRepoRef = { owner: "octo-org", repo: "shop" };

const CONFIG = `metrics:
  minSample: 1
  deployWorkflows: [deploy.yml]
`;

const CHECKLIST = `# Release checklist

## Core Readiness Gates

- [x] Tests pass
- [x] Changelog written
- [ ] Docs updated
`;

let github: FakeGitHub;

before(async () => {
  github = await startFakeGitHub({ token: TOKEN });
});

after(async () => {
  await github.close();
  github.assertNoViolations();
});

/** A folder with shipready.yml, where the store and the answer cache are kept between runs. */
function workspace(config = CONFIG): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "shipready.yml"), config);
  return dir;
}

function sync(dir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCliAsync(["metrics", "sync", ...args], {
    cwd: dir,
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, ...env },
  });
}

interface SyncJson {
  requests: number;
  notModified: number;
  repos: {
    repo: string;
    complete: boolean;
    deploys: { new: number; updated: number; unchanged: number };
    incidents: { new: number; updated: number; unchanged: number };
    requests: number;
    notModified: number;
    skipped: string[];
    warnings: string[];
    readiness: {
      score: number;
      checklist: string;
      verdict: string;
      gates: Record<string, number>;
      commit: string | null;
      url: string | null;
    } | null;
    readinessNote: string | null;
    resetAt: string | null;
  }[];
  failed: { repo: string; problem: string }[];
}

/**
 * The shop's history (all times UTC, January 2026):
 *   c0  01-01 00:00  the first commit; deployed 01-01 12:00 (D0, v1.0.0)
 *   s1  01-05 00:00  "Add cart", squash-merged from pull request #1 whose first commit is 01-02 00:00;
 *                    deployed 01-05 12:00 (D1, v1.1.0) and reported again by a deploy.yml run at 12:10
 *   s2  01-06 00:00  "Change totals"; deployed 01-06 12:00 (D2, v1.2.0); incident #5 opened 13:00,
 *                    closed 15:00, "Caused-by: v1.2.0"
 *   s3  01-07 00:00  "fix: rounding"; deployed 01-07 12:00 (D3, v1.2.1), the fix
 * Over 01-01..01-08, by hand: 4 deploys (the run is D1 again); 1 failed of 4 (0.25); lead times
 * D1 3.5 days (from the pull request's first commit, not the squash), D2 12 h, D3 12 h: median
 * 43,200 s, p90 43,200 + 0.8 * (302,400 - 43,200) = 250,560 s; recovery 13:00 -> 15:00 = 7,200 s;
 * rework 1 of 4 (D3 adds only a fix: commit after D2 failed).
 */
function seedShop(): { s1: string; head: string } {
  github.addRepo(SHOP);
  const files = { "shipready.yml": "checklist: RELEASE_CHECKLIST.md\n", "RELEASE_CHECKLIST.md": CHECKLIST };
  const c0 = github.seedCommit(SHOP, {
    files,
    message: "Start",
    date: "2026-01-01T00:00:00Z",
    branch: "main",
  });
  const p1 = github.seedCommit(SHOP, {
    files,
    message: "WIP cart",
    date: "2026-01-02T00:00:00Z",
    parents: [c0],
  });
  const s1 = github.seedCommit(SHOP, {
    files,
    message: "Add cart",
    date: "2026-01-05T00:00:00Z",
    branch: "main",
  });
  github.addPullRequest(SHOP, {
    number: 1,
    title: "Add cart",
    mergeCommitSha: s1,
    mergedAt: "2026-01-05T00:00:00Z",
    commits: [p1],
  });
  const s2 = github.seedCommit(SHOP, {
    files,
    message: "Change totals",
    date: "2026-01-06T00:00:00Z",
    branch: "main",
  });
  const s3 = github.seedCommit(SHOP, {
    files,
    message: "fix: rounding",
    date: "2026-01-07T00:00:00Z",
    branch: "main",
  });
  const deploy = (sha: string, ref: string, day: string) =>
    github.addDeployment(SHOP, {
      sha,
      ref,
      environment: "production",
      createdAt: `2026-01-${day}T11:50:00Z`,
      statuses: [
        { state: "in_progress", createdAt: `2026-01-${day}T11:55:00Z` },
        { state: "success", createdAt: `2026-01-${day}T12:00:00Z`, description: "live" },
      ],
    });
  deploy(c0, "v1.0.0", "01");
  deploy(s1, "v1.1.0", "05");
  deploy(s2, "v1.2.0", "06");
  deploy(s3, "v1.2.1", "07");
  github.addWorkflow(SHOP, { id: 77, name: "Deploy", path: ".github/workflows/deploy.yml" });
  github.addWorkflowRuns(SHOP, [
    {
      id: 9001,
      workflow: 77,
      headSha: s1,
      conclusion: "success",
      createdAt: "2026-01-05T12:00:00Z",
      runStartedAt: "2026-01-05T12:00:00Z",
      updatedAt: "2026-01-05T12:10:00Z",
    },
  ]);
  github.addIssue(SHOP, {
    number: 5,
    title: "Totals are wrong",
    body: "Checkout shows wrong totals.\n\nCaused-by: v1.2.0\n",
    labels: ["incident"],
    createdAt: "2026-01-06T13:00:00Z",
    closedAt: "2026-01-06T15:00:00Z",
  });
  github.addIssue(SHOP, {
    number: 6,
    title: "Revert totals",
    labels: ["incident"],
    pullRequest: true,
    createdAt: "2026-01-06T13:30:00Z",
  });
  github.addIssue(SHOP, { number: 7, title: "Typo", labels: ["bug"], createdAt: "2026-01-06T14:00:00Z" });
  return { s1, head: s3 };
}

describe("metrics sync", () => {
  const dir = workspace();
  let first: CliResult;
  let second: CliResult;
  let head: string;

  before(async () => {
    ({ head } = seedShop());
    first = await sync(dir, ["--repo", "octo-org/shop", "--now", "2026-01-08T00:00:00Z", "--json"]);
    second = await sync(dir, ["--repo", "octo-org/shop", "--now", "2026-01-08T00:00:00Z"]);
  });

  it("keeps the deployments, the deploy run, the incident and the readiness, and says what it left out", () => {
    assert.equal(first.code, 0, first.stderr);
    const report = (JSON.parse(first.stdout) as SyncJson).repos[0]!;
    assert.equal(report.complete, true);
    assert.deepEqual(report.deploys, { new: 5, updated: 0, unchanged: 0 });
    assert.deepEqual(report.incidents, { new: 1, updated: 0, unchanged: 0 });
    assert.ok(
      report.skipped.some((s) => /1 pull request labelled incident: not incidents/.test(s)),
      report.skipped.join("\n"),
    );
    assert.ok(report.skipped.some((s) => /tags: not read as deploys/.test(s)));
    assert.deepEqual(report.warnings, []);
    assert.equal(report.readiness?.checklist, "RELEASE_CHECKLIST.md");
    assert.deepEqual(report.readiness?.gates, { pass: 2, pending: 1 });
    // Read at the commit main points at, and linked there.
    assert.equal(report.readiness?.commit, head);
    assert.equal(report.readiness?.url, `${github.url}/octo-org/shop/blob/${head}/RELEASE_CHECKLIST.md`);
  });

  it("answers a second sync of the unchanged repository with 304s, and prints the counts", () => {
    assert.equal(second.code, 0, second.stderr);
    const line = second.stdout.split("\n").find((l) => l.startsWith("octo-org/shop"));
    assert.ok(line, second.stdout);
    const match =
      /deploys 0 new, 0 updated, 0 unchanged; incidents 0 new, 0 updated, (\d+) unchanged; (\d+) requests, (\d+) answered 304/.exec(
        line,
      );
    assert.ok(match, line);
    const [requests, notModified] = [Number(match[2]), Number(match[3])];
    assert.ok(requests > 0);
    assert.ok(notModified / requests >= 0.9, `${notModified} of ${requests} answered 304`);
  });

  it("gives the metrics computed by hand: one deploy per source, lead time from the pull request's first commit, the incident linked by Caused-by", async () => {
    const result = await runCliAsync(
      [
        "metrics",
        "--repo",
        "octo-org/shop",
        "--since",
        "2026-01-01T00:00:00Z",
        "--until",
        "2026-01-08T00:00:00Z",
        "--json",
        "--explain",
      ],
      { cwd: dir },
    );
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      metrics: {
        deploymentFrequency: { deploys: number };
        changeLeadTime: { count: number; median: number; p90: number };
        changeFailRate: { rate: number; numerator: number };
        recoveryTime: { count: number; median: number };
        reworkRate: { rate: number; numerator: number };
      };
      explain: {
        deploys: { ref: string; counted: boolean; why: string }[];
        incidents: { ref: string; linkedTo: string | null }[];
      };
    };
    const m = report.metrics;
    assert.equal(m.deploymentFrequency.deploys, 4);
    assert.deepEqual(
      [m.changeLeadTime.count, m.changeLeadTime.median, m.changeLeadTime.p90],
      [3, 43_200, 250_560],
    );
    assert.deepEqual([m.changeFailRate.numerator, m.changeFailRate.rate], [1, 0.25]);
    assert.deepEqual([m.recoveryTime.count, m.recoveryTime.median], [1, 7_200]);
    assert.deepEqual([m.reworkRate.numerator, m.reworkRate.rate], [1, 0.25]);
    const run = report.explain.deploys.find((d) => d.ref === "workflow-run:9001");
    assert.equal(run?.counted, false);
    assert.match(run?.why ?? "", /reports the same deploy/);
    const incident = report.explain.incidents.find((i) => i.ref === "github-issue:5");
    assert.ok(incident?.linkedTo?.startsWith("github-deployment:"), JSON.stringify(incident));
  });
});

describe("metrics sync over thousands of deployments", () => {
  const dir = workspace("metrics:\n  minSample: 1\n");
  const BIG: FakeRepoRef = { owner: "octo-org", repo: "platform" };
  const DEPLOYMENTS = 3000;

  before(() => {
    github.addRepo(BIG);
    github.seedCommit(BIG, { files: { "README.md": "platform\n" }, branch: "main" });
    // 3,000 deployments to eu-production (30 pages of 100), which shipready.yml does not map.
    for (let i = 0; i < DEPLOYMENTS; i++) {
      const at = new Date(Date.parse("2025-06-01T00:00:00Z") + i * 3_600_000).toISOString();
      github.addDeployment(BIG, {
        sha: i.toString(16).padStart(40, "a"),
        environment: "eu-production",
        createdAt: at,
        statuses: [{ state: "success", createdAt: at }],
      });
    }
  });

  it("reads every page, warns that no deployment is to the environment measured with the line to write, and a second sync is one 304 per feed", async () => {
    github.resetRequests();
    const first = await sync(dir, ["--repo", "octo-org/platform", "--json"]);
    assert.equal(first.code, 0, first.stderr);
    const report = (JSON.parse(first.stdout) as SyncJson).repos[0]!;
    assert.equal(report.deploys.new, DEPLOYMENTS);
    const pages = github.requests.filter((r) => r.operationId === "repos/list-deployments");
    assert.equal(pages.length, DEPLOYMENTS / 100);
    assert.ok(
      report.warnings.some((w) => w.includes(`the environments seen are eu-production (${DEPLOYMENTS})`)),
    );
    assert.ok(
      report.warnings.some((w) =>
        w.includes("metrics: { environments: { production: [production, prod, eu-production] } }"),
      ),
      report.warnings.join("\n"),
    );
    assert.ok(report.warnings.some((w) => /no issue of octo-org\/platform is labelled incident/.test(w)));

    github.resetRequests();
    const second = await sync(dir, ["--repo", "octo-org/platform", "--json"]);
    assert.equal(second.code, 0, second.stderr);
    const again = (JSON.parse(second.stdout) as SyncJson).repos[0]!;
    assert.deepEqual(again.deploys, { new: 0, updated: 0, unchanged: 0 });
    assert.equal(github.requests.filter((r) => r.operationId === "repos/list-deployments").length, 1);
    assert.equal(again.requests, github.requests.length);
    assert.equal(again.notModified, github.requests.filter((r) => r.notModified).length);
    assert.ok(
      again.notModified / again.requests >= 0.9,
      github.requests.map((r) => `${r.operationId} ${r.status} ${r.notModified}`).join("\n"),
    );
  });
});

describe("metrics sync stopped by the rate limit", () => {
  const dir = workspace("metrics:\n  minSample: 1\n");
  const REPO: FakeRepoRef = { owner: "octo-org", repo: "billing" };

  before(() => {
    github.addRepo(REPO);
    for (let i = 0; i < 250; i++) {
      const at = new Date(Date.parse("2025-09-01T00:00:00Z") + i * 3_600_000).toISOString();
      github.addDeployment(REPO, {
        sha: i.toString(16).padStart(40, "b"),
        createdAt: at,
        statuses: [{ state: "success", createdAt: at }],
      });
    }
  });

  it("keeps what it read, says when the limit resets, and a re-run resumes without asking again for what it has", async () => {
    github.resetRequests();
    // The third page of deployments meets the rate limit.
    github.queueFaults({
      operationId: "repos/list-deployments",
      kind: "rate-limit",
      after: 2,
      resetInSeconds: 3600,
    });
    const stopped = await sync(dir, ["--repo", "octo-org/billing", "--json"]);
    assert.equal(stopped.code, 1, stopped.stderr);
    assert.match(stopped.stderr, /rate limit for this token is used up until \d{4}-\d\d-\d\dT/);
    assert.match(stopped.stderr, /Run `shipready metrics sync` again after \d{4}-/);
    const partial = (JSON.parse(stopped.stdout) as SyncJson).repos[0]!;
    assert.equal(partial.complete, false);
    assert.equal(partial.deploys.new, 200);

    github.resetRequests();
    const resumed = await sync(dir, ["--repo", "octo-org/billing", "--json"]);
    assert.equal(resumed.code, 0, resumed.stderr);
    const report = (JSON.parse(resumed.stdout) as SyncJson).repos[0]!;
    assert.equal(report.complete, true);
    assert.deepEqual(report.deploys, { new: 50, updated: 0, unchanged: 0 });
    // Only the 50 deployments not read before had their statuses asked.
    assert.equal(
      github.requests.filter((r) => r.operationId === "repos/list-deployment-statuses").length,
      50,
    );
    // The two pages read before were answered 304.
    const pages = github.requests.filter((r) => r.operationId === "repos/list-deployments");
    assert.deepEqual(
      pages.map((r) => r.notModified),
      [true, true, false],
    );
  });
});

describe("metrics sync: bad input", () => {
  it("without a token, says where one is looked for (exit 2)", async () => {
    const dir = workspace();
    const result = await runCliAsync(["metrics", "sync", "--repo", "octo-org/shop"], {
      cwd: dir,
      env: { GITHUB_API_URL: github.url, PATH: "/nonexistent" },
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /no GitHub token was found \(--token, GITHUB_TOKEN, GH_TOKEN, gh auth token\)/,
    );
  });

  it("names a repository that does not exist or the token cannot read, and still syncs the others (exit 2)", async () => {
    const dir = workspace();
    const result = await sync(dir, ["--repo", "octo-org/nowhere", "--repo", "octo-org/shop"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /the repository octo-org\/nowhere does not exist on GitHub, or the token cannot read it/,
    );
    assert.match(result.stdout, /^octo-org\/shop: deploys/m);
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(TOKEN));
  });

  it("points at the line of a repos file that is not owner/name (exit 2), nothing synced", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "repos.txt"), "# ours\nocto-org/shop\nshop\n");
    github.resetRequests();
    const result = await sync(dir, ["--repos-file", "repos.txt"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /repos\.txt:3: "shop" is not owner\/name/);
    assert.equal(github.requests.length, 0);
  });

  it("rejects --repo that is not owner/name (exit 2)", async () => {
    const result = await sync(workspace(), ["--repo", "https://github.com/octo-org/shop"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /is not a repository written owner\/name/);
  });

  it("warns when an incident label matches no issue, listing the labels seen", async () => {
    const dir = workspace("metrics:\n  incidentLabels: [sev1]\n");
    const result = await sync(dir, ["--repo", "octo-org/shop"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /warning: no issue of octo-org\/shop is labelled sev1; the labels on its recent issues are incident, bug\. Set the labels your incidents carry in shipready\.yml: metrics: \{ incidentLabels: \[incident\] \}/,
    );
  });
});
