/// <reference lib="dom" />
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { DeployRecord } from "../../src/deploy/types.js";
import { launchBrowser, saveScreenshot } from "../helpers/launch-browser.js";
import { rollbackFailedDeploy, rolledBackDeploy, succeededDeploy } from "../helpers/make-deploy-record.js";
import { axeInEveryView } from "../helpers/run-axe.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// A private environment's name and address, which must appear nowhere on the public page.
const PRIVATE = "internal-admin-7f3k";
const PRIVATE_URL = "https://admin-7f3k.corp.example";

const CONFIG = `steps:
  deploy: "./deploy.sh {{version}}"
  stop: "docker compose stop gateway"
  revert: "docker compose up -d gateway"
  start: "docker compose start gateway"
environments:
  production: { url: "https://app.example.com", public: true }
  staging: { url: "https://staging.example.com", public: true }
  ${PRIVATE}: { url: "${PRIVATE_URL}" }
`;

function records(): DeployRecord[] {
  const privateOne = rollbackFailedDeploy("2026-11-22T08:00:00.000Z", [`curl ${PRIVATE_URL}/deploy`], {
    environment: PRIVATE,
    version: `${PRIVATE}-9.9.9`,
  });
  privateOne.id = `${PRIVATE}-20261122T080000-2222222`;
  const failedStaging = rollbackFailedDeploy("2026-11-21T10:00:00.000Z", ["error: manifest unknown"], {
    environment: "staging",
  });
  failedStaging.id = "staging-20261121T100000-2222222";
  return [
    succeededDeploy("2026-11-01T09:00:00.000Z", { version: "1.4.2", commit: "1".repeat(40), previous: null }),
    rolledBackDeploy("2026-11-22T09:00:00.000Z"),
    failedStaging,
    privateOne,
  ];
}

let browser: Browser;
const dir = makeTempDir();
const pagePath = join(dir, "public", "status.html");

before(async () => {
  writeFileSync(join(dir, "shipready.yml"), CONFIG);
  mkdirSync(join(dir, ".shipready"), { recursive: true });
  writeFileSync(
    join(dir, ".shipready", "deploys.jsonl"),
    records()
      .map((r) => JSON.stringify(r))
      .join("\n") + "\n",
  );
  const result = runCli(["report", "--status-page", "public/status.html", "--now", "2026-11-22T12:00:00Z"], {
    cwd: dir,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    `Wrote public/status.html (2 public environments; ${/[\d.]+ KB/.exec(result.stdout)![0]}).\n`,
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function open(width = 1280, dark = false): Promise<{ page: Page; blocked: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: dark ? "dark" : "light",
  });
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on("dialog", (dialog) => void dialog.dismiss());
  await page.route("**", (route) => {
    if (route.request().url().startsWith("file:")) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  await page.goto(pathToFileURL(pagePath).href);
  return { page, blocked };
}

test("the status page shows each public environment's state, version and recent incidents, offline", async () => {
  const { page, blocked } = await open();
  assert.equal(await page.title(), "Service status");
  assert.equal(await page.getByTestId("overall").textContent(), "Some systems are down.");
  const envs = page.getByTestId("environment");
  assert.deepEqual(await envs.locator("h2").allTextContents(), ["production", "staging"]);
  assert.deepEqual(await envs.getByTestId("state").allTextContents(), ["Rolled back", "Down"]);
  const production = envs.first();
  assert.equal(await production.getByTestId("version").textContent(), "v1.4.2");
  assert.equal(await production.locator("a").getAttribute("href"), "https://app.example.com/");
  const incidents = await production.getByTestId("incident").allTextContents();
  assert.deepEqual(incidents, [
    "2026-11-22 09:00 UTC: v2.0.0 did not pass its checks and was rolled back to v1.4.2 in 13 s.",
  ]);
  assert.equal(await production.locator("time").first().getAttribute("datetime"), "2026-11-22T09:00:00.000Z");
  const staging = envs.nth(1);
  assert.match((await staging.textContent()) ?? "", /rolling it back did not finish/);
  assert.deepEqual(blocked, []);
  await saveScreenshot(page, "status-page-desktop");
  await page.context().close();
});

test("nothing of the private environment, and no commit, step output or metric, is in the file", () => {
  const html = readFileSync(pagePath, "utf8");
  for (const leak of [
    PRIVATE,
    PRIVATE_URL,
    "admin-7f3k",
    "1111111",
    "2222222",
    "manifest unknown",
    "error_ratio",
    "service_rollback",
    "mona",
  ]) {
    assert.ok(!html.includes(leak), `${leak} is in the status page`);
  }
});

test("the status page passes axe at 1440 and 390 px, light and dark, and fits a phone", async () => {
  const found = await axeInEveryView(
    async (width, dark) => (await open(width, dark)).page,
    async (page) => {
      if (page.viewportSize()?.width === 390) {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
        await saveScreenshot(page, "status-page-phone");
      }
      await page.context().close();
    },
  );
  assert.deepEqual(found, []);
});

test("with no environment marked public the status page is a usage error, and nothing is written", () => {
  const other = makeTempDir();
  writeFileSync(
    join(other, "shipready.yml"),
    `steps:\n  deploy: "./deploy.sh"\nenvironments:\n  production: { url: "https://app.example.com" }\n`,
  );
  const result = runCli(["report", "--status-page"], { cwd: other });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /no environment in shipready\.yml is marked public, so the status page would show nothing/,
  );
  assert.match(result.stderr, /public: true/);
  assert.ok(!existsSync(join(other, "status.html")));
  const none = runCli(["report", "--status-page", "-"], { cwd: makeTempDir() });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no release strategy \(no environments:\)/);
});
