/// <reference lib="dom" />
// The page functions below run in the browser.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { startFakeGitHub, type FakeGitHub } from "../helpers/fake-github.js";
import { initRepo } from "../helpers/git-repo.js";
import { launchBrowser, saveScreenshot } from "../helpers/launch-browser.js";
import { runCli, runCliAsync } from "../helpers/run-cli.js";
import { axeInEveryView } from "../helpers/run-axe.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const REPO = { owner: "octo-org", repo: "octo-app" };
const TOKEN = "ghp_dashboardTESTtoken0123456789abcdef";
// Written in a code span: markdown drops raw HTML from a cell, but a code span keeps it as the name.
const EVIL_GATE = "<img src=x onerror=alert(1)>";
const EVIL_WORKFLOW = '<script>alert("workflow")</script>';
const EVIL_RUN = "<img src=x onerror=alert('run')> fix: <b>bold</b>";

const checklist = (security: string) => `# Release v2.0

<!-- READINESS_SCORE_START -->
<!-- READINESS_SCORE_END -->

## Core Gates

| Gate | Status | Last Run |
|------|--------|----------|
| Build | 🟢 PASS | — |
| \`${EVIL_GATE}\` | 🟢 PASS | — |
| Smoke tests | 🟡 PENDING | — |
| Security Audit | ${security} | — |

## Optional Gates

| Gate | Status |
|------|--------|
| Load Testing | 🟡 PENDING |
| Docs | 🟢 PASS |

<!-- CI_SNAPSHOT_START -->
<!-- CI_SNAPSHOT_END -->
`;

const CONFIG = `checklist: RELEASE.md
categories:
  - { name: Core Gates, weight: 70, required: true }
  - { name: Optional Gates, weight: 30 }
ciSnapshot: { runs: 10 }
gates:
  - gate: Smoke tests
    evidence:
      - command: { run: "echo 'booting'; echo 'smoke: 2 of 9 checks failed' >&2; exit 1", timeout: 20s }
waivers:
  - { gate: Load Testing, reason: "capacity tested last sprint", approver: ops-lead, expires: 2099-12-31 }
`;

let browser: Browser;
let github: FakeGitHub;
// Made here, not in before(): a temp folder registers its removal with the hook it is made in.
const dir = makeTempDir();
const pagePath = join(dir, "out", "readiness.html");

before(async () => {
  writeFileSync(join(dir, "shipready.yml"), CONFIG);
  writeFileSync(join(dir, "RELEASE.md"), checklist("🔴 FAIL"));
  initRepo(dir);
  // Two recorded runs make a trend: the second after the security audit passed.
  const first = runCli(["update", "--no-evidence", "--now", "2026-11-20T09:00:00Z"], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  writeFileSync(join(dir, "RELEASE.md"), checklist("🟢 PASS"));
  const second = runCli(["update", "--no-evidence", "--now", "2026-11-21T09:00:00Z"], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);

  github = await startFakeGitHub({ token: TOKEN });
  github.addRepo(REPO);
  github.addWorkflow(REPO, { name: EVIL_WORKFLOW, path: ".github/workflows/ci.yml" });
  github.addWorkflowRuns(REPO, [
    { workflow: "ci.yml", conclusion: "success" },
    { workflow: "ci.yml", conclusion: "success" },
    { workflow: "ci.yml", conclusion: "failure", displayTitle: EVIL_RUN },
  ]);
  const report = await runCliAsync(
    ["report", "--html", "out/readiness.html", "--now", "2026-11-22T09:00:00Z", "--api-url", github.url],
    { cwd: dir, env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: "octo-org/octo-app" } },
  );
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /^Wrote out\/readiness\.html \(\d+(\.\d)?%, .+; [\d.]+ KB\)\.\n$/);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await github?.close();
});

/** Opens the written page with every request but the file itself refused, and fails on any dialog. */
async function openReport(options: { width?: number; dark?: boolean } = {}): Promise<{
  page: Page;
  blocked: string[];
  dialogs: string[];
}> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.dark ? "dark" : "light",
  });
  const page = await context.newPage();
  const blocked: string[] = [];
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route("**", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(pagePath).href);
  return { page, blocked, dialogs };
}

test("report --html writes one page that shows the score, verdict, blockers and the trend, offline", async () => {
  const { page, blocked, dialogs } = await openReport();
  const score = Number(await page.getByTestId("score").textContent());
  assert.ok(score > 0 && score < 100, `score ${score}`);
  assert.equal(await page.getByTestId("verdict").textContent(), "Not ready");
  assert.match((await page.getByTestId("coverage").textContent()) ?? "", /^\d+(\.\d)?%$/);
  assert.ok(((await page.getByTestId("band").textContent()) ?? "").length > 0);

  const blockers = page.getByTestId("blockers").getByTestId("blocker");
  assert.equal(await blockers.count(), 1);
  const blocker = (await blockers.first().textContent()) ?? "";
  assert.match(blocker, /Smoke tests/);
  assert.match(blocker, /command:/);
  // The command's output is there to read, under the blocker.
  assert.match(blocker, /smoke: 2 of 9 checks failed/);

  const chart = page.getByTestId("trend-chart");
  assert.equal(await chart.evaluate((el) => el.tagName.toLowerCase()), "svg");
  // Two recorded runs, and the page's own score, which no run has recorded, marked "now".
  assert.equal(await chart.locator("circle:not(.now)").count(), 2);
  const tooltip = await chart.locator("circle:not(.now) title").last().textContent();
  assert.match(tooltip ?? "", /2026-11-21 09:00 UTC · commit [0-9a-f]{7} · .*since the run before/);
  assert.match(tooltip ?? "", /Core Gates/);
  const now = await chart.locator("circle.now title").textContent();
  assert.match(now ?? "", /^now, not recorded · \d+(\.\d)?% .* since the last recorded run\)/);
  assert.equal(await chart.locator("line.threshold").count(), 1);

  assert.equal(await page.getByTestId("category").count(), 2);
  assert.equal(await page.getByTestId("gate-row").count(), 6);
  assert.equal(await page.locator('[data-testid="gate-row"][data-outcome="waived"]').count(), 1);
  assert.match((await page.locator("#h-waivers").locator("..").textContent()) ?? "", /ops-lead.*2099-12-31/s);
  // A static page has no re-check: there is no server behind it.
  assert.equal(await page.getByTestId("recheck").count(), 0);
  assert.deepEqual(blocked, []);
  assert.deepEqual(dialogs, []);
  await saveScreenshot(page, "report-desktop");
  await page.context().close();
});

test("a gate name and CI run titles that hold HTML show as text and run nothing", async () => {
  const { page, dialogs } = await openReport();
  const rows = page.getByTestId("gate-row");
  const names = await rows.locator("th").allTextContents();
  assert.ok(names.includes(`${EVIL_GATE} required`), names.join(" | "));
  const snapshot = page.getByTestId("ci-snapshot");
  assert.match((await snapshot.textContent()) ?? "", /<script>alert\("workflow"\)<\/script>/);
  const marks = snapshot.locator(".strip li");
  assert.equal(await marks.count(), 3);
  assert.match(
    (await marks.first().textContent()) ?? "",
    /<img src=x onerror=alert\('run'\)> fix: <b>bold<\/b>: failure/,
  );
  assert.equal(await page.locator("main img, main script, main b").count(), 0);
  // Hovering and focusing the marks fires nothing either.
  await marks.first().hover();
  assert.deepEqual(dialogs, []);
  const source = readFileSync(pagePath, "utf8");
  assert.ok(!source.includes(EVIL_GATE) && !source.includes("<script>alert"));
  await page.context().close();
});

test("on a phone's width the page fits without sideways scrolling", async () => {
  const { page } = await openReport({ width: 390 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  assert.ok(await page.getByTestId("score").isVisible());
  // The phone gets its own chart, drawn for its width, and not the desktop's scaled down.
  assert.ok(!(await page.getByTestId("trend-chart").isVisible()));
  const chart = page.getByTestId("trend-chart-narrow");
  assert.ok(await chart.isVisible());
  const chartWidth = await chart.evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(chartWidth <= 390 && chartWidth > 300, `chart ${chartWidth}px wide`);
  const smallest = await smallestChartText(chart);
  assert.ok(smallest >= 11, `chart text ${smallest.toFixed(1)}px tall`);
  await saveScreenshot(page, "report-phone");
  await page.context().close();
});

/** The smallest font size, in screen pixels, of the text a chart shows: its own size times the chart's scale. */
function smallestChartText(chart: Locator): Promise<number> {
  return chart.evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")].map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * scale,
    );
    return Math.min(...sizes);
  });
}

test("on a desktop the chart's text is at least 11 px too", async () => {
  const { page } = await openReport({ width: 1440 });
  const chart = page.getByTestId("trend-chart");
  assert.ok(await chart.isVisible());
  assert.ok(!(await page.getByTestId("trend-chart-narrow").isVisible()));
  const smallest = await smallestChartText(chart);
  assert.ok(smallest >= 11, `chart text ${smallest.toFixed(1)}px tall`);
  await page.context().close();
});

test("in dark mode the page turns dark and its text stays readable", async () => {
  const { page } = await openReport({ dark: true });
  await page.emulateMedia({ colorScheme: "dark" });
  const colors = await page.evaluate(() => {
    const luminance = (css: string): number => {
      const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const section = document.querySelector("section")!;
    const back = luminance(getComputedStyle(section).backgroundColor);
    const text = luminance(getComputedStyle(section.querySelector("dd")!).color);
    return { back, ratio: (Math.max(back, text) + 0.05) / (Math.min(back, text) + 0.05) };
  });
  assert.ok(colors.back < 0.05, `background luminance ${colors.back}`);
  assert.ok(colors.ratio >= 4.5, `contrast ${colors.ratio}`);
  await saveScreenshot(page, "report-dark");
  await page.context().close();
});

test("the keyboard reaches the skip link first and every link shows where focus is", async () => {
  const { page } = await openReport();
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => ({
    text: document.activeElement?.textContent,
    outline: getComputedStyle(document.activeElement!).outlineStyle,
    visible: document.activeElement!.getBoundingClientRect().left >= 0,
  }));
  assert.equal(first.text, "Skip to the dashboard");
  assert.notEqual(first.outline, "none");
  assert.ok(first.visible);
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    outline: getComputedStyle(document.activeElement!).outlineStyle,
    width: getComputedStyle(document.activeElement!).outlineWidth,
  }));
  assert.ok(["A", "SUMMARY"].includes(next.tag ?? ""), `focus on ${next.tag}`);
  assert.notEqual(next.outline, "none");
  assert.notEqual(next.width, "0px");
  assert.equal(await page.locator("main#dashboard").count(), 1);
  assert.equal(await page.locator("header").count(), 1);
  await page.context().close();
});

test("axe finds nothing to fix on the report, on a desktop and a phone, light and dark", async () => {
  const found = await axeInEveryView(
    async (width, dark) => (await openReport({ width, dark })).page,
    (page) => page.context().close(),
  );
  assert.deepEqual(found, []);
});

test("report --html - prints the page and changes no file; without --html it is a usage error", () => {
  const before = readFileSync(join(dir, "RELEASE.md"), "utf8");
  const printed = runCli(["report", "--html", "-", "--no-evidence"], { cwd: dir });
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /^<!doctype html>\n<html lang="en">/);
  assert.match(printed.stdout, /<\/html>\n$/);
  assert.equal(readFileSync(join(dir, "RELEASE.md"), "utf8"), before);

  const missing = runCli(["report", "--no-evidence"], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /report needs --html <file>/);
  assert.match(missing.stderr, /Fix: Name the page to write/);
  assert.ok(!missing.stderr.includes("    at "), "no stack trace without --debug");
});
