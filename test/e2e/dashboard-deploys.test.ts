/// <reference lib="dom" />
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { DeployRecord } from "../../src/deploy/types.js";
import { initRepo } from "../helpers/git-repo.js";
import { launchBrowser, saveScreenshot } from "../helpers/launch-browser.js";
import {
  COMMIT_V1,
  COMMIT_V2,
  rolledBackDeploy,
  samples,
  succeededDeploy,
} from "../helpers/make-deploy-record.js";
import { axeInEveryView } from "../helpers/run-axe.js";
import { runCli } from "../helpers/run-cli.js";
import { startDashboard } from "../helpers/start-dashboard.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const CHECKLIST = `# Release v2.0

## Core Gates

| Gate | Status |
|------|--------|
| Build | 🟢 PASS |
| Smoke tests | 🟡 PENDING |
`;

const CONFIG = `checklist: RELEASE.md
steps:
  deploy: "./deploy.sh {{version}}"
  stop: "docker compose stop gateway"
  revert: "docker compose up -d gateway"
  start: "docker compose start gateway"
environments:
  production: { url: "https://app.example.com", public: true }
  staging: {}
`;

const EVIL = "<img src=x onerror=alert(1)>";

function records(): DeployRecord[] {
  const rolled = rolledBackDeploy("2026-11-22T09:00:00.000Z");
  // A baseline comparison: the window before the deploy, in grey.
  rolled.metrics.push({
    name: "latency_p95",
    verdict: "pass",
    reason: `p95 latency within 1.2 x the baseline ${EVIL}`,
    judgement: { max: 0.25, share: 1 },
    samples: samples("2026-11-22T09:00:25.000Z", [0.12, 0.13, null, 0.14]),
    baseline: samples("2026-11-22T08:59:05.000Z", [0.11, 0.12, 0.12, 0.11]),
    comparison: { ratio: 1.1 },
  });
  rolled.incident = { url: "https://github.com/octo-org/octo-app/issues/12", number: 12 };
  const manual: DeployRecord = {
    ...succeededDeploy("2026-11-23T09:00:00.000Z"),
    id: "production-20261123T090000-1111111",
    kind: "rollback",
    version: "1.4.2",
    commit: COMMIT_V1,
    previous: { version: "2.0.0", commit: COMMIT_V2 },
    steps: rolled.steps.slice(3),
    metrics: [],
    rollback: { trigger: "manual_trigger", reason: "error budget burning", outcome: "succeeded" },
  };
  return [
    succeededDeploy("2026-11-20T09:00:00.000Z", { version: "1.4.2", commit: COMMIT_V1, previous: null }),
    rolled,
    manual,
    succeededDeploy("2026-11-21T09:00:00.000Z", {
      environment: "staging",
      id: "staging-20261121T090000-2222222",
    }),
  ];
}

function project(withRecords: boolean, config = CONFIG): string {
  const dir = makeTempDir();
  writeFileSync(join(dir, "RELEASE.md"), CHECKLIST);
  writeFileSync(join(dir, "shipready.yml"), config);
  if (withRecords) {
    mkdirSync(join(dir, ".shipready"), { recursive: true });
    writeFileSync(
      join(dir, ".shipready", "deploys.jsonl"),
      records()
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n",
    );
  }
  initRepo(dir);
  return dir;
}

let browser: Browser;
const dir = project(true);
const pagePath = join(dir, "out", "readiness.html");

before(async () => {
  const report = runCli(
    ["report", "--html", "out/readiness.html", "--no-evidence", "--now", "2026-11-23T12:00:00Z"],
    {
      cwd: dir,
    },
  );
  assert.equal(report.code, 0, report.stderr);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function open(width = 1280, dark = false): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: dark ? "dark" : "light",
  });
  const page = await context.newPage();
  page.on("dialog", () => assert.fail("a dialog opened"));
  await page.route("**", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort(),
  );
  await page.goto(pathToFileURL(pagePath).href);
  return page;
}

test("the dashboard shows each environment's last deploys, newest first, with their verification charts", async () => {
  const page = await open();
  const section = page.getByTestId("deploys");
  assert.deepEqual(await section.locator("h3").allTextContents(), ["production", "staging"]);
  const production = section.locator(".deploy-env").first();
  const deploys = production.getByTestId("deploy");
  assert.equal(await deploys.count(), 3);
  assert.deepEqual(await deploys.evaluateAll((items) => items.map((i) => i.getAttribute("data-outcome"))), [
    "succeeded",
    "rolled-back",
    "succeeded",
  ]);
  assert.match((await deploys.first().textContent()) ?? "", /^rollback of v2\.0\.0 to v1\.4\.2 succeeded/);
  const rolled = deploys.nth(1);
  assert.match(
    (await rolled.textContent()) ?? "",
    /validation_failure: verification failed: error_ratio 0\.083 > max 0\.01/,
  );
  assert.equal(
    await rolled.locator("a", { hasText: "incident #12" }).getAttribute("href"),
    "https://github.com/octo-org/octo-app/issues/12",
  );

  const charts = rolled.getByTestId("verification-chart");
  assert.equal(await charts.count(), 2);
  const errorChart = charts.first();
  assert.equal(await errorChart.locator("title").first().textContent(), "error_ratio during verification");
  assert.match(
    (await errorChart.locator("desc").textContent()) ?? "",
    /^fail: 1 of 4 samples met ≤ 0\.01 in every sample\./,
  );
  // Each sample is drawn: those that met the bound as dots, the others as squares; the bound dashed.
  assert.equal(await errorChart.locator("circle.met").count(), 1);
  assert.equal(await errorChart.locator("rect.missed").count(), 3);
  assert.equal(await errorChart.locator("line.threshold").count(), 1);
  const latency = charts.nth(1);
  assert.equal(await latency.locator("path.baseline-line").count(), 1);
  // The null sample is a gap in the line, not a zero.
  assert.equal(await latency.locator("circle.met").count(), 3);
  assert.match((await latency.locator("desc").textContent()) ?? "", /1 had no data/);
  assert.equal(await page.locator("main img").count(), 0);
  await saveScreenshot(section, "dashboard-deploys");
  await page.context().close();
});

test("the deploys section passes axe at 1440 and 390 px, light and dark", async () => {
  const found = await axeInEveryView(
    (width, dark) => open(width, dark),
    (page) => page.context().close(),
  );
  assert.deepEqual(found, []);
});

test("with a strategy but no records the section says how to record the first deploy; without a strategy there is none", () => {
  const empty = runCli(["report", "--html", "-", "--no-evidence"], { cwd: project(false) });
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(
    empty.stdout,
    /No deploy recorded yet in <code>\.shipready\/deploys\.jsonl<\/code>\. <code>shipready deploy --env production<\/code> deploys/,
  );
  const none = runCli(["report", "--html", "-", "--no-evidence"], {
    cwd: project(false, "checklist: RELEASE.md\n"),
  });
  assert.equal(none.code, 0, none.stderr);
  assert.ok(!none.stdout.includes('data-testid="deploys"'));
});

test("a records file with a line that is not a record costs the page its deploys, not the readiness", () => {
  const broken = project(true);
  const file = join(broken, ".shipready", "deploys.jsonl");
  const lines = readFileSync(file, "utf8").split("\n");
  lines.splice(1, 0, "{not json");
  writeFileSync(file, lines.join("\n"));
  const report = runCli(["report", "--html", "-", "--no-evidence"], { cwd: broken });
  assert.equal(report.code, 0, report.stderr);
  assert.ok(!report.stdout.includes('data-testid="deploys"'));
  assert.match(report.stdout, /the deploys are not shown: [^<]*deploys\.jsonl:2/);
  assert.match(
    report.stderr,
    /^shipready: warning: the delivery metrics are not shown: [^\n]*deploys\.jsonl:2/m,
  );
});

test("serve shows the deploys too", async () => {
  const served = await startDashboard(["--no-evidence"], { cwd: dir });
  const page = await (await browser.newContext()).newPage();
  await page.goto(served.url);
  assert.equal(await page.getByTestId("deploy").count(), 4);
  assert.equal(await page.getByTestId("verification-chart").count(), 4);
  await page.context().close();
  await served.stop();
});
