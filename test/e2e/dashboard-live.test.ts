import assert from "node:assert/strict";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { initRepo } from "../helpers/git-repo.js";
import { launchBrowser, saveScreenshot } from "../helpers/launch-browser.js";
import { axeInEveryView } from "../helpers/run-axe.js";
import { startDashboard, type RunningDashboard } from "../helpers/start-dashboard.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const CHECKLIST = `# Release v2.0.0

## Core Gates

| Gate | Status | Last Run |
|------|--------|----------|
| Ready flag | 🟡 PENDING | — |
| Docs reviewed | 🟢 PASS | — |

## Optional Gates

- [x] Changelog written
- [ ] Load test
`;

const CONFIG = `checklist: RELEASE_CHECKLIST.md
categories:
  - { name: Core Gates, weight: 50 }
  - { name: Optional Gates, weight: 50 }
gates:
  - gate: Ready flag
    evidence:
      - command: { run: "test -f ready.flag" }
`;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

/** A repository with a served dashboard, and a page on it that may reach nothing but the dashboard. */
async function openDashboard(): Promise<{
  repo: string;
  dash: RunningDashboard;
  page: Page;
  blocked: string[];
}> {
  const repo = join(makeTempDir("shipready-live-"), "repo");
  mkdirSync(repo);
  writeFileSync(join(repo, "RELEASE_CHECKLIST.md"), CHECKLIST);
  writeFileSync(join(repo, "shipready.yml"), CONFIG);
  initRepo(repo);
  // Registered before startDashboard's own safety kill, so that it runs first: the page closes
  // before the server goes away, and a connection cut by the kill is not counted as an error.
  const errors: string[] = [];
  const opened: { page?: Page; dash?: RunningDashboard } = {};
  after(async () => {
    await opened.page?.close();
    await opened.dash?.stop();
    assert.deepEqual(errors, [], "the page logged no errors (a script blocked by its policy would)");
  });
  const dash = (opened.dash = await startDashboard([], { cwd: repo }));
  const served = dash.url;
  const page = (opened.page = await browser.newPage({ viewport: { width: 1280, height: 900 } }));
  const blocked: string[] = [];
  await page.route("**", (route) =>
    route.request().url().startsWith(served)
      ? route.continue()
      : (blocked.push(route.request().url()), route.abort()),
  );
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(dash.url);
  return { repo, dash, page, blocked };
}

const scoreOf = (page: Page) => page.getByTestId("score").textContent();
const outcomeOf = (page: Page, gate: string) =>
  page.getByTestId("gate-row").filter({ hasText: gate }).first().getAttribute("data-outcome");

test(
  "the served page shows the score; re-check now collects again, shows progress per gate, and updates the page in place",
  { timeout: 90_000 },
  async () => {
    const { repo, page, blocked } = await openDashboard();
    assert.equal(await scoreOf(page), "50");
    assert.equal(await outcomeOf(page, "Ready flag"), "fail");
    assert.ok(await page.getByTestId("trend-chart").count(), "the chart is there");
    await saveScreenshot(page, "live-before-recheck");

    // A marker on the live document: a reload would lose it, an in-place update keeps it.
    await page.evaluate(() => ((globalThis as unknown as { kept: boolean }).kept = true));
    writeFileSync(join(repo, "ready.flag"), "");
    await page.getByTestId("recheck").click();
    await page.getByTestId("score").filter({ hasText: /^75$/ }).waitFor();
    assert.equal(await outcomeOf(page, "Ready flag"), "pass");
    const progress = page.getByTestId("progress");
    await progress.filter({ hasText: "Ready flag" }).waitFor();
    assert.match((await progress.textContent()) ?? "", /Ready flag: pass/);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { kept?: boolean }).kept), true);
    await saveScreenshot(page, "live-after-recheck");

    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, "live-phone");
    assert.deepEqual(blocked, []);
  },
);

test(
  "axe finds nothing to fix on the live page, on a desktop and a phone, light and dark",
  { timeout: 90_000 },
  async () => {
    const { page } = await openDashboard();
    const found = await axeInEveryView(async (width, dark) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: dark ? "dark" : "light" });
      return page;
    });
    assert.deepEqual(found, []);
  },
);

test("editing the checklist on disk updates the open page without a click", { timeout: 90_000 }, async () => {
  const { repo, page } = await openDashboard();
  assert.equal(await scoreOf(page), "50");
  await page.evaluate(() => ((globalThis as unknown as { kept: boolean }).kept = true));
  const file = join(repo, "RELEASE_CHECKLIST.md");
  // Written as editors save: a temp file renamed over the checklist.
  const edited = readFileSync(file, "utf8").replace("- [ ] Load test", "- [x] Load test");
  writeFileSync(`${file}.tmp`, edited);
  renameSync(`${file}.tmp`, file);
  await page.getByTestId("score").filter({ hasText: /^75$/ }).waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as { kept?: boolean }).kept), true);
  await saveScreenshot(page, "live-after-edit");
});

test(
  "a config broken while watching is a reload that failed, and the page says so, naming the file",
  { timeout: 90_000 },
  async () => {
    const { repo, page } = await openDashboard();
    assert.equal(await scoreOf(page), "50");
    // Saved half-written: nobody clicked re-check, so it is not a re-check that failed.
    writeFileSync(join(repo, "shipready.yml"), "categories:\n  - { name: Core Gates, weight: lots }\n");
    const progress = page.getByTestId("progress");
    await progress.filter({ hasText: "Reload failed" }).waitFor();
    const text = (await progress.textContent()) ?? "";
    assert.match(text, /^Reload failed: .*shipready\.yml/);
    assert.ok(!text.includes("Re-check"), text);
    assert.match(text, /The page shows the last good result\.$/);
    assert.equal(await scoreOf(page), "50");
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page.locator("header"), "live-phone-reload-failed");
  },
);

test(
  "without JavaScript, re-check now posts the form and lands on the updated page",
  { timeout: 90_000 },
  async () => {
    const { repo, dash } = await openDashboard();
    const context = await browser.newContext({ javaScriptEnabled: false });
    after(() => context.close());
    const page = await context.newPage();
    await page.goto(dash.url);
    assert.equal(await scoreOf(page), "50");
    writeFileSync(join(repo, "ready.flag"), "");
    // The form's POST answers 303 once the re-check is done; the browser then loads the page again.
    const reloaded = page.waitForResponse((r) => r.request().method() === "GET" && r.url() === dash.url);
    await page.getByTestId("recheck").click();
    await reloaded;
    await page.waitForLoadState();
    assert.equal(await scoreOf(page), "75");
    assert.equal(await outcomeOf(page, "Ready flag"), "pass");
    await saveScreenshot(page, "live-no-javascript");
  },
);
