import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createDefaultPorts } from "../../adapters/default-ports.js";
import { loadDashboard } from "../load-dashboard.js";
import type { DashboardInput } from "../types.js";
import type { CiSnapshot, HistoryRecord } from "../../readiness/types.js";
import { makeBigChecklist } from "../../../test/helpers/make-big-checklist.js";
import { makeTempDir } from "../../../test/helpers/temp-dir.js";
import { DASHBOARD_CLIENT_SCRIPT } from "./dashboard-client-script.js";
import { DASHBOARD_CLIENT_SCRIPT_HASH } from "../hash-client-script.js";
import { renderDashboardHtml } from "./render-dashboard-html.js";

const EVIL = `<img src=x onerror=alert(1)>"'&`;

async function load(checklist: string, config = ""): Promise<DashboardInput> {
  const dir = makeTempDir();
  writeFileSync(join(dir, "release-checklist.md"), checklist);
  if (config) writeFileSync(join(dir, "shipready.yml"), config);
  return loadDashboard({ cwd: dir, evidence: false }, createDefaultPorts());
}

const SMALL = `# Release

## Core Gates

| Gate | Status |
|---|---|
| \`${EVIL}\` | 🔴 FAIL |
| Build | 🟢 PASS |
| Docs | 🟡 PENDING |
`;

function snapshot(name: string, title: string, url: string): CiSnapshot {
  const run = {
    conclusion: "failure",
    status: "completed",
    url,
    startedAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:05:00Z",
    title,
  };
  return {
    repo: "o/r",
    branch: "main",
    actionsUrl: "https://github.example/o/r/actions",
    observedAt: "2026-01-01T01:00:00Z",
    workflows: [
      {
        name,
        url: "javascript:alert(3)",
        last: run,
        latest: run,
        durationMs: 300_000,
        passRate: 0,
        passed: 0,
        counted: 1,
        runs: [run],
      },
    ],
    successRate: 0,
    health: "FAILING",
    workflowsFailing: 1,
    workflowsFinished: 1,
    passed: 0,
    counted: 1,
  };
}

function history(runs: number, categories: readonly string[]): HistoryRecord[] {
  return Array.from({ length: runs }, (_, i) => ({
    v: 1 as const,
    at: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
    checklist: "release-checklist.md",
    commit: `${(i + 1).toString(16).padStart(7, "0")}${"f".repeat(33)}`,
    score: Math.round((50 + 40 * Math.sin(i / 300)) * 10) / 10,
    band: "In Progress",
    ready: false,
    threshold: 90,
    coverage: 100,
    blockers: i % 3,
    categories: categories.map((name, k) => ({ name, score: (i + k) % 100, passed: 1, total: 2 })),
    origin: "update" as const,
  }));
}

test("text from outside lands escaped: gate names, workflow names, run titles; unsafe links stay text", async () => {
  const input = await load(SMALL);
  const result = {
    ...input.result,
    ciSnapshot: snapshot(
      `<script>alert(2)</script>`,
      `</title><script>alert(4)</script>`,
      "javascript:alert(5)",
    ),
  };
  for (const live of [false, true]) {
    const page = renderDashboardHtml(
      { result, history: [] },
      live ? { live, scriptHash: DASHBOARD_CLIENT_SCRIPT_HASH } : { live },
    );
    assert.ok(!page.includes("<img"), "an <img> tag got through");
    assert.equal(page.match(/<script/g)?.length ?? 0, live ? 1 : 0);
    assert.ok(page.includes("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"));
    assert.ok(page.includes("&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert.ok(page.includes("&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert.ok(!/href="javascript:/i.test(page), "a javascript: link got through");
  }
});

test("the page loads nothing from anywhere: no src, no stylesheet link, no CSS url(); web addresses only as links", async () => {
  const input = await load(SMALL);
  const result = {
    ...input.result,
    ciSnapshot: snapshot("CI", "fix", "https://github.example/o/r/actions/runs/1"),
  };
  const page = renderDashboardHtml(
    { result, history: history(30, ["Core Gates"]) },
    { live: true, scriptHash: DASHBOARD_CLIENT_SCRIPT_HASH },
  );
  assert.ok(!/<[a-z][^>]*\ssrc\s*=/i.test(page));
  assert.ok(!/<link\b/i.test(page));
  assert.ok(!/url\(/i.test(page));
  assert.ok(!/@import/i.test(page));
  assert.ok(!/xmlns/i.test(page));
  const addresses = page.match(/(https?:)?\/\/[^\s"'<>)]+/g) ?? [];
  const linked = new Set([...page.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]));
  for (const address of addresses) assert.ok(linked.has(address), `${address} is not a link`);
});

test("only the live page has the re-check form, the progress region and the script the CSP allows", async () => {
  const input = await load(SMALL);
  const stat = renderDashboardHtml(input, { live: false });
  assert.ok(!stat.includes('data-testid="recheck"') && !stat.includes('data-testid="progress"'));
  assert.ok(stat.includes("script-src &#39;none&#39;"));
  const live = renderDashboardHtml(input, { live: true, scriptHash: DASHBOARD_CLIENT_SCRIPT_HASH });
  assert.ok(
    live.includes(
      '<form class="live" method="post" action="/recheck"><button type="submit" data-testid="recheck">Re-check now</button></form>',
    ),
  );
  assert.ok(live.includes('data-testid="progress" aria-live="polite"'));
  const hash = createHash("sha256").update(DASHBOARD_CLIENT_SCRIPT).digest("base64");
  assert.ok(live.includes(`script-src &#39;sha256-${hash}&#39;`));
  assert.ok(live.includes(`<script>${DASHBOARD_CLIENT_SCRIPT}</script>`));
  assert.match(live, /<main id="dashboard">/);
  assert.match(live, /<span data-testid="score">\d+(\.\d)?<\/span>%/);
});

test("500 gates and 10,000 runs: under 300 KB, the chart drawn from a few hundred points, the newest exact", async () => {
  const input = await load(makeBigChecklist(500));
  const names = input.result.readiness.categories.map((c) => c.name);
  const runs = history(10_000, names);
  const page = renderDashboardHtml(
    { result: input.result, history: runs },
    { live: true, scriptHash: DASHBOARD_CLIENT_SCRIPT_HASH },
  );
  const kb = Buffer.byteLength(page) / 1024;
  assert.ok(kb < 300, `${kb.toFixed(1)} KB`);
  assert.equal(page.match(/data-testid="gate-row"/g)?.length, 500);
  // Recorded runs, in the wide chart and the narrow one; the page's own score, marked now, besides.
  const [wide, narrow] = page.split('data-testid="trend-chart-narrow"');
  const points = wide!.match(/<circle cx=/g)?.length ?? 0;
  assert.ok(points > 100 && points <= 202, `${points} points drawn`);
  const phonePoints = narrow!.match(/<circle cx=/g)?.length ?? 0;
  assert.ok(phonePoints > 40 && phonePoints <= 82, `${phonePoints} points drawn for a phone`);
  assert.equal(page.match(/<circle class="now"/g)?.length, 2);
  assert.ok(page.includes(`commit ${runs.at(-1)!.commit!.slice(0, 7)}`));
  assert.ok(page.includes(`commit ${runs.at(-40)!.commit!.slice(0, 7)}`));
});

test("the blocker card says how many points are missing and which gates to pass, by owner, escaped", async () => {
  const input = await load(SMALL);
  const plain = renderDashboardHtml(input, { live: false });
  assert.match(
    plain,
    /<div class="to-ready" data-testid="to-ready"><p><strong>To reach 90%: [\d.]+ points missing<\/strong> — pass 2 gates:<\/p>/,
  );
  const r = input.result.readiness;
  const owned = renderDashboardHtml(
    {
      ...input,
      result: {
        ...input.result,
        readiness: {
          ...r,
          toReady: {
            missing: 0,
            reachable: true,
            gates: [{ name: EVIL, category: "Core Gates", line: 3, owner: EVIL, required: true, adds: 33.3 }],
          },
        },
      },
    },
    { live: false },
  );
  assert.match(owned, /The score reaches 90%, but a required gate blocks<\/strong> — pass 1 gate, by owner:/);
  assert.ok(
    owned.includes(
      '<li><strong>&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</strong>: <span class="gate">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</span> <small>(+33.3, required)</small></li>',
    ),
  );
  const ready = renderDashboardHtml(
    { ...input, result: { ...input.result, readiness: { ...r, ready: true, toReady: null } } },
    { live: false },
  );
  assert.ok(!ready.includes('data-testid="to-ready"'));
});
