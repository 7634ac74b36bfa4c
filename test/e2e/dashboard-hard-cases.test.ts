/// <reference lib="dom" />
// The page functions below run in the browser.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { initRepo } from "../helpers/git-repo.js";
import { launchBrowser, saveScreenshot } from "../helpers/launch-browser.js";
import { axeInEveryView } from "../helpers/run-axe.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

// A page that once went wrong in many ways at once: twenty categories, series that keep the same
// values, a gate name with no place to break, evidence 628 days old that passes, a blocker with no
// observation, line numbers in the hundreds, and an edit made since the last recorded run.
const LONG_NAME = `Verify${"_the_whole_deployment_pipeline".repeat(4)}_end_to_end`;
const NOW = "2026-11-22T09:00:00Z";
const AREAS = 20;

/** The checklist: area 1 holds the stale junit gate and the blocker; `passing` sets how many extra gates pass. */
function checklist(passing: number): string {
  const sections: string[] = [
    "# Release v3.0",
    "",
    "<!-- READINESS_SCORE_START -->",
    "<!-- READINESS_SCORE_END -->",
    "",
  ];
  for (let a = 1; a <= AREAS; a++) {
    const head =
      a === 1
        ? ["| Gate | Status | Owner |", "|------|--------|-------|"]
        : ["| Gate | Status |", "|------|--------|"];
    sections.push(`## Area ${String(a).padStart(2, "0")}`, "", ...head);
    if (a === 1) {
      sections.push("| Unit tests | 🟢 PASS | @qa |", "| Security Audit | 🟡 PENDING | @security-team |");
    } else if (a === 3) {
      sections.push(`| ${LONG_NAME} | 🔴 FAIL |`, "| Smoke | 🟢 PASS |");
    } else if (a === 4 || a === 5) {
      // Two areas that always score alike: their lines lie on each other.
      sections.push("| Docs | 🟢 PASS |", `| Extra ${a} | ${passing >= 1 ? "🟢 PASS" : "🟡 PENDING"} |`);
    } else {
      const passes = a % 4 !== 0 || a <= 4 + passing * 4;
      sections.push(`| Gate ${a} | ${passes ? "🟢 PASS" : "🔴 FAIL"} |`);
    }
    sections.push("");
  }
  return sections.join("\n");
}

const CONFIG = `checklist: RELEASE_CHECKLIST.md
gates:
  - gate: Security Audit
    required: true
  - gate: Unit tests
    evidence:
      - junit: { files: reports/junit.xml }
`;

// Observed 628 days before the page is scored: it passes, and it is stale.
const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="unit" tests="2" failures="0" errors="0" timestamp="2025-03-04T09:00:00Z">
  <testcase classname="a" name="one"/><testcase classname="a" name="two"/>
</testsuite>
`;

let browser: Browser;
const dir = makeTempDir();
const pagePath = join(dir, "out", "hard.html");

before(async () => {
  writeFileSync(join(dir, "shipready.yml"), CONFIG);
  mkdirSync(join(dir, "reports"));
  writeFileSync(join(dir, "reports", "junit.xml"), JUNIT);
  const record = (passing: number, at: string) => {
    writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), checklist(passing));
    const run = runCli(["update", "--no-evidence", "--now", at], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
  };
  initRepo(dir);
  record(0, "2026-11-18T09:00:00Z");
  record(1, "2026-11-19T09:00:00Z");
  record(2, "2026-11-20T09:00:00Z");
  // Edited since the last recorded run: the page scores this, which no run has recorded yet.
  writeFileSync(join(dir, "RELEASE_CHECKLIST.md"), checklist(4));
  const report = runCli(["report", "--html", "out/hard.html", "--now", NOW], { cwd: dir });
  assert.equal(report.code, 0, report.stderr);
  browser = await launchBrowser();
});

after(() => browser?.close());

async function open(width: number, dark = false): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: dark ? "dark" : "light",
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(pagePath).href);
  return page;
}

test("the hard cases at 1440 and 390 px, light and dark: axe finds nothing to fix", async () => {
  const found = await axeInEveryView(
    async (width, dark) => {
      const page = await open(width, dark);
      const name = `hard-cases-${width}${dark ? "-dark" : ""}`;
      await saveScreenshot(page, name);
      if (width === 390) {
        // The parts a person checks on a phone: the way to ready and the blockers, and the trend.
        await saveScreenshot(page.locator("section").nth(1), `${name}-blockers`);
        await saveScreenshot(page.locator("section").nth(2), `${name}-trend`);
      }
      return page;
    },
    (page) => page.context().close(),
  );
  assert.deepEqual(found, []);
});

test("the score edited since the last recorded run counts against it, and is drawn as the newest point, now", async () => {
  const page = await open(1440);
  // The last recorded run scored 85; two more areas pass since: 95.
  assert.equal(await page.getByTestId("score").textContent(), "95");
  assert.equal(await page.getByTestId("trend").textContent(), "↑ +10 since the last recorded run");
  const chart = page.getByTestId("trend-chart");
  assert.equal(await chart.locator("circle:not(.now)").count(), 3);
  assert.match(
    (await chart.locator("circle.now title").textContent()) ?? "",
    /^now, not recorded · 95% Release Ready \(\+10 since the last recorded run\) · Area 16 0% → 100% · Area 20 0% → 100%/,
  );
  // The now point is the newest: right of every recorded one.
  const xs = await chart
    .locator("circle")
    .evaluateAll((circles) => circles.map((c) => Number(c.getAttribute("cx"))));
  assert.equal(Math.max(...xs), xs.at(-1));
  await page.context().close();
});

test("twenty categories get twenty colours and four dash patterns; the legend gives each one's score", async () => {
  for (const dark of [false, true]) {
    const page = await open(1440, dark);
    const strokes = await page
      .getByTestId("trend-chart")
      .locator("path.cat")
      .evaluateAll((paths) =>
        paths.map((p) => `${getComputedStyle(p).stroke} ${getComputedStyle(p).strokeDasharray}`),
      );
    assert.equal(strokes.length, AREAS);
    assert.equal(
      new Set(strokes.map((s) => s.split(" ").slice(0, 3).join(" "))).size,
      AREAS,
      strokes.join("\n"),
    );
    assert.equal(new Set(strokes.map((s) => s.split(" ").slice(3).join(" "))).size, 4);
    const legend = await page.locator(".legend li").allTextContents();
    assert.ok(legend.includes("Area 01 50%"), legend.join(" | "));
    await page.context().close();
  }
});

test("series with equal values are drawn apart, and the legend says which lie on one another", async () => {
  for (const width of [1440, 390]) {
    const page = await open(width);
    const chart = page.getByTestId(width === 390 ? "trend-chart-narrow" : "trend-chart");
    const paths = await chart.locator("path.cat").evaluateAll((all) => all.map((p) => p.getAttribute("d")));
    assert.equal(new Set(paths).size, AREAS, "no two category lines are drawn on the same path");
    assert.match(
      (await page.getByTestId("overlaps").textContent()) ?? "",
      /lie on one another; they are drawn a little apart: .*Area 04 and Area 05/,
    );
    await page.context().close();
  }
});

test("a pass on evidence 628 days old is greyed and says so: it does not look like a fresh pass", async () => {
  const page = await open(390);
  const row = page.getByTestId("gate-row").filter({ hasText: "Unit tests" });
  assert.equal(await row.getAttribute("data-outcome"), "pass");
  assert.equal(await row.getAttribute("data-stale"), "true");
  const badge = row.locator(".o");
  assert.equal(await badge.textContent(), "pass, stale");
  const [stale, fresh] = await Promise.all(
    [badge, page.getByTestId("gate-row").filter({ hasText: "Smoke" }).locator(".o")].map((b) =>
      b.evaluate((el) => getComputedStyle(el).backgroundColor),
    ),
  );
  assert.notEqual(stale, fresh, "the stale pass is not drawn as a pass");
  assert.match((await row.textContent()) ?? "", /stale, 628 days ago/);
  await saveScreenshot(page.getByTestId("category").first(), "hard-cases-390-stale-pass");
  await page.context().close();
});

test("a file:line source never breaks inside, at 1440 and 390 px", async () => {
  for (const width of [1440, 390]) {
    const page = await open(width);
    const refs = page.locator("main .ref");
    assert.ok((await refs.count()) > AREAS);
    const broken = await refs.evaluateAll((all) =>
      all.filter((el) => el.getClientRects().length > 1).map((el) => el.textContent),
    );
    assert.deepEqual(broken, [], `${width}px`);
    assert.ok((await refs.allTextContents()).includes("RELEASE_CHECKLIST.md:104"));
    if (width === 1440)
      await saveScreenshot(page.getByTestId("category").nth(2), "hard-cases-1440-long-name");
    await page.context().close();
  }
});

test("a gate name with no place to break wraps anywhere: at 390 px nothing scrolls sideways, every list open", async () => {
  const page = await open(390);
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  assert.ok(await page.getByText(LONG_NAME).first().isVisible());
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await saveScreenshot(page.locator("section").nth(1), "hard-cases-390-long-name");
  await page.context().close();
});

test("a blocker's evidence line with no observed time ends with its source, not a dangling dash", async () => {
  const page = await open(1440);
  const blocker = page.getByTestId("blocker");
  assert.equal(await blocker.count(), 1);
  const lines = await page.locator("#dashboard ol.items .evidence").allTextContents();
  assert.ok(lines.length > 0);
  for (const line of lines) assert.doesNotMatch(line.trim(), /[—–-]$/, line);
  assert.equal(
    (await blocker.locator(".evidence").textContent())?.trim(),
    "checklist: RELEASE_CHECKLIST.md:11",
  );
  await page.context().close();
});

test("the gauge's threshold tick carries a label, readable on a phone, and the gauge says it aloud", async () => {
  for (const width of [1440, 390]) {
    const page = await open(width);
    const gauge = page.locator("svg.gauge");
    assert.equal(await gauge.getAttribute("aria-label"), "Score 95%, Release Ready; threshold 90%");
    const label = gauge.locator(".gauge-label");
    assert.equal(await label.textContent(), "threshold 90%");
    const size = await gauge.evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
      return parseFloat(getComputedStyle(svg.querySelector(".gauge-label")!).fontSize) * scale;
    });
    assert.ok(size >= 11, `${width}px: the label is ${size.toFixed(1)}px`);
    if (width === 390) await saveScreenshot(page.locator(".summary"), "hard-cases-390-gauge");
    await page.context().close();
  }
});

test("the blocker card says what it takes to be ready, by owner", async () => {
  const page = await open(390);
  const card = page.getByTestId("to-ready");
  assert.equal(
    (await card.textContent())?.replace(/\s+/g, " "),
    "The score reaches 90%, but a required gate blocks — pass 1 gate, by owner:@security-team: Security Audit (+2.5, required)",
  );
  await page.context().close();
});
