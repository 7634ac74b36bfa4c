/// <reference lib="dom" />
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { openSqliteMetricsStore } from "../../src/adapters/sqlite/sqlite-metrics-store.js";
import { initRepo } from "../helpers/git-repo.js";
import { launchBrowser, saveScreenshot } from "../helpers/launch-browser.js";
import { axeInEveryView } from "../helpers/run-axe.js";
import { runCli } from "../helpers/run-cli.js";
import { EVIL_TITLE, SEEDED_EPOCH, seedMetricsRepo } from "../helpers/seed-metrics.js";
import { startDashboard, type RunningDashboard } from "../helpers/start-dashboard.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const ENV = { SOURCE_DATE_EPOCH: SEEDED_EPOCH };
const EVIL_REPO = "evil/<b>x</b>";

const dir = seedMetricsRepo();
let browser: Browser;

/** The store gets a second repository and the readiness of two, as a sync would keep them. */
async function seedOrganisation(): Promise<void> {
  // A second repository (hostile name allowed by the store, not by the page's query) and readiness kept beside them.
  const other = runCli(
    [
      "record",
      "deploy",
      "--env",
      "production",
      "--version",
      "v9",
      "--status",
      "failure",
      "--finished-at",
      "2026-11-20T10:00:00Z",
      "--repo",
      "acme/api",
    ],
    { cwd: dir },
  );
  assert.equal(other.code, 0, other.stderr);
  const store = openSqliteMetricsStore(join(dir, ".shipready", "metrics.db"));
  await store.putReadiness({
    repo: "acme/shop",
    at: "2026-11-30T08:00:00.000Z",
    commit: null,
    checklist: "RELEASE.md",
    score: 92.5,
    band: "Nearly Ready",
    verdict: "ready",
    gates: { pass: 10 },
    url: null,
  });
  await store.putReadiness({
    repo: EVIL_REPO,
    at: "2026-11-29T08:00:00.000Z",
    commit: null,
    checklist: "RELEASE.md",
    score: 40,
    band: "Not Ready",
    verdict: "not-ready",
    gates: { fail: 3 },
    url: "javascript:alert(1)",
  });
  await store.close();
}

await seedOrganisation();
const served: RunningDashboard = await startDashboard(["--no-evidence", "--repo", "acme/shop"], {
  cwd: dir,
  env: ENV,
});
const org: RunningDashboard = await startDashboard(["--org"], { cwd: dir, env: ENV });

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function open(url: string, width = 1280, dark = false): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: dark ? "dark" : "light",
  });
  const page = await context.newPage();
  page.on("dialog", () => assert.fail("a dialog opened"));
  await page.route("**", (route) =>
    route.request().url().startsWith("http://127.0.0.1") ? route.continue() : route.abort(),
  );
  await page.goto(url);
  return page;
}

async function cell(page: Page, metric: string, testId: string): Promise<string> {
  return (await page
    .locator(`[data-metric="${metric}"] [data-testid="${testId}"]`)
    .first()
    .textContent())!.trim();
}

test("the dashboard links to the metrics page, which shows the five metrics with their levels and bands", async () => {
  const home = await open(served.url);
  await home.getByTestId("nav").getByRole("link", { name: "Delivery metrics" }).click();
  await home.waitForURL(/\/metrics$/);
  const page = home;
  assert.match(
    (await page.getByTestId("metrics-period").textContent())!,
    /acme\/shop in production .*2026-09-02 to 2026-12-01/,
  );
  assert.equal(await page.getByTestId("metric").count(), 5);
  assert.equal(await cell(page, "deploymentFrequency", "count"), "6 deploys");
  assert.equal(await cell(page, "deploymentFrequency", "level"), "Medium");
  assert.equal(await cell(page, "changeFailRate", "figure"), "16.7%");
  assert.equal(await cell(page, "changeFailRate", "count"), "1 of 6 deploys failed");
  assert.equal(await cell(page, "changeFailRate", "level"), "High");
  assert.match(await cell(page, "changeFailRate", "band"), /^band: /);
  assert.equal(await cell(page, "recoveryTime", "median"), "4 h");
  assert.equal(await cell(page, "recoveryTime", "p90"), "4 h");
  assert.equal(await cell(page, "recoveryTime", "count"), "1 recovered");
  assert.equal(await cell(page, "reworkRate", "figure"), "16.7%");
  assert.equal(await cell(page, "reworkRate", "level"), "not rated", "dora-2024 has no rework bands");
  // Deploys name no commit: no lead time, and the page says so rather than show a number.
  assert.equal(await cell(page, "changeLeadTime", "figure"), "not enough data");
  assert.match(await cell(page, "changeLeadTime", "reason"), /^not enough data: 0 changes, 1 needed/);
  assert.equal(await page.locator("svg[data-testid^=weekly-chart-]").count(), 5);
  assert.match(
    (await page.getByTestId("weekly-chart-deploys").locator("desc").textContent())!,
    /weeks have a value; from 0 to 2/,
  );
  await saveScreenshot(page, "dashboard-metrics");
});

test("the failed deploys list each with its incident (hostile title shown as text) and recovery time", async () => {
  const page = await open(`${served.url}metrics?since=90d&env=production`);
  const failed = page.getByTestId("failed-deploy");
  assert.equal(await failed.count(), 1);
  assert.match((await failed.locator("th").textContent())!, /^v1\.2\.0 /);
  assert.match((await failed.textContent())!, /error rate 9% <b>over<\/b> 1%/);
  const incident = failed.getByTestId("incident");
  assert.equal(await incident.getByRole("link").textContent(), EVIL_TITLE);
  assert.equal(
    await incident.getByRole("link").getAttribute("href"),
    "https://github.com/acme/shop/issues/77",
  );
  assert.match(
    (await failed.getByTestId("recovery").textContent())!,
    /^4 h\s*from 2026-11-17T10:00:00\.000Z to the next successful deploy/,
  );
  assert.equal(await page.locator("img").count(), 0, "no markup from the title reached the page");
  assert.equal(await page.locator("b").count(), 0);
});

test("period and environment come from the query; a bad one is refused with what to ask instead", async () => {
  const week = await open(`${served.url}metrics?since=7d`);
  assert.equal(await cell(week, "deploymentFrequency", "count"), "2 deploys");
  assert.equal(await week.getByTestId("failed-deploy").count(), 0);
  const staging = await open(`${served.url}metrics?env=staging`);
  assert.match(
    (await staging.getByTestId("metrics-empty").textContent())!,
    /no deploys of acme\/shop are in an environment named staging/i,
  );
  for (const [query, problem] of [
    ["since=banana", /\?since=/],
    ["since=0d", /empty period/],
    ["env=%3Cscript%3E", /\?env= is not an environment/],
    ["repo=..%2F..%2Fetc%3Cx", /\?repo= is not a repository/],
  ] as const) {
    const response = await fetch(`${served.url}metrics?${query}`);
    assert.equal(response.status, 400, query);
    const html = await response.text();
    assert.match(html, problem);
    assert.doesNotMatch(html, /<script>|<x/);
  }
});

test("the metrics page and the organisation page pass axe in every view", async () => {
  for (const url of [`${served.url}metrics`, org.url, `${org.url}metrics?repo=acme%2Fshop`]) {
    const found = await axeInEveryView((width, dark) => open(url, width, dark));
    assert.deepEqual(found, [], `${url}:\n${found.join("\n")}`);
  }
});

test("serve --org shows every repository side by side, sortable, each linking to its metrics page", async () => {
  const page = await open(org.url);
  const rows = page.getByTestId("org-repo");
  assert.deepEqual(await rows.evaluateAll((r) => r.map((e) => e.getAttribute("data-repo"))), [
    "acme/api",
    "acme/shop",
    EVIL_REPO,
  ]);
  const shop = page.locator('[data-repo="acme/shop"]');
  assert.equal((await shop.getByTestId("score").textContent())!, "92.5%");
  assert.equal((await shop.getByTestId("verdict").textContent())!, "ready");
  assert.equal((await shop.locator('[data-metric="changeFailRate"]').textContent())!, "High");
  assert.equal((await shop.locator('[data-metric="recoveryTime"]').textContent())!, "High");
  const evil = page.locator(`[data-repo="${EVIL_REPO}"]`);
  assert.equal(await evil.locator("th a").textContent(), EVIL_REPO, "the hostile name is text");
  assert.match((await evil.getByTestId("problem").textContent())!, /no deploys are known/);
  assert.equal(await evil.locator('a[href^="javascript"]').count(), 0);
  assert.equal(await page.locator("b").count(), 0);

  await page.getByRole("link", { name: "Readiness" }).click();
  await page.waitForURL(/sort=score&dir=asc/);
  assert.deepEqual(
    await page.getByTestId("org-repo").evaluateAll((r) => r.map((e) => e.getAttribute("data-repo"))),
    [EVIL_REPO, "acme/shop", "acme/api"],
  );
  assert.equal(await page.locator("th[aria-sort=ascending]").count(), 1);
  await page.getByRole("link", { name: /Readiness/ }).click();
  await page.waitForURL(/sort=score&dir=desc/);
  assert.deepEqual(
    await page.getByTestId("org-repo").evaluateAll((r) => r.map((e) => e.getAttribute("data-repo"))),
    ["acme/shop", EVIL_REPO, "acme/api"],
  );
  await saveScreenshot(page, "dashboard-org");

  await page.locator('[data-repo="acme/shop"] th a').click();
  await page.waitForURL(/\/metrics\?/);
  assert.equal(await cell(page, "changeFailRate", "figure"), "16.7%");
  assert.equal(await page.getByTestId("failed-deploy").count(), 1);
  assert.equal(await page.getByTestId("nav").getByRole("link", { name: "Organisation" }).count(), 1);
});

test("with no store, the metrics page says what to record, and creates nothing", async () => {
  const empty = makeTempDir();
  writeFileSync(join(empty, "shipready.yml"), "checklist: RELEASE.md\n");
  writeFileSync(
    join(empty, "RELEASE.md"),
    "# Release\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n",
  );
  initRepo(empty);
  const dashboard = await startDashboard(["--no-evidence"], { cwd: empty, env: ENV });
  const page = await open(`${dashboard.url}metrics`);
  const text = (await page.getByTestId("metrics-empty").textContent())!;
  assert.match(text, /No deploys are recorded yet: \.shipready\/metrics\.db does not exist\./);
  assert.match(text, /shipready record deploy --env production/);
  assert.match(text, /shipready metrics import events\.json/);
  assert.equal(existsSync(join(empty, ".shipready", "metrics.db")), false);
  const orgEmpty = await startDashboard(["--org"], { cwd: empty, env: ENV });
  const orgPage = await open(orgEmpty.url);
  assert.match((await orgPage.getByTestId("org-empty").textContent())!, /No repository is in the store yet/);
  await dashboard.stop();
  await orgEmpty.stop();
});

test("report --html includes the delivery performance when the store has deploys, and not otherwise", () => {
  const run = runCli(["report", "--html", "out.html", "--no-evidence", "--repo", "acme/shop"], {
    cwd: dir,
    env: ENV,
  });
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(join(dir, "out.html"), "utf8");
  assert.match(html, /<h2 id="h-metrics">Delivery performance<\/h2>/);
  assert.match(
    html,
    /data-metric="changeFailRate"><th scope="row">Change fail rate<\/th><td data-label="Figure" data-testid="figure">16\.7%/,
  );
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &lt;!channel&gt;/);
  assert.doesNotMatch(html, /<img src=x/);

  const none = makeTempDir();
  writeFileSync(join(none, "shipready.yml"), "checklist: RELEASE.md\n");
  writeFileSync(
    join(none, "RELEASE.md"),
    "# Release\n\n## Core\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n",
  );
  initRepo(none);
  const plain = runCli(["report", "--html", "out.html", "--no-evidence"], { cwd: none, env: ENV });
  assert.equal(plain.code, 0, plain.stderr);
  assert.doesNotMatch(readFileSync(join(none, "out.html"), "utf8"), /Delivery performance/);
  assert.equal(existsSync(join(none, ".shipready", "metrics.db")), false);
});
