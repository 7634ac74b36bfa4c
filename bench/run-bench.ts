/**
 * `npm run bench`: how fast shipready is on a 10,000-gate checklist, on this machine.
 *
 * Generates a deterministic checklist in a temporary folder, times whole CLI processes as a user
 * runs them (score, score --json, update that rewrites, update with nothing to change, --version),
 * the peak memory of a score process, and parseChecklist in-process to show where the time goes.
 * Prints each figure beside the target it answers to and exits 0: a benchmark reports, it does not
 * fail the build; a target not met is marked MISSED. Then the GitHub evidence benchmark
 * (bench-github-evidence.ts): requests and wall time of a first and a second update.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseChecklist } from "../src/readiness/core/parse-checklist.js";
import { benchChangelog } from "./bench-changelog.js";
import { benchDashboard } from "./bench-dashboard.js";
import { benchDeployEffects } from "./bench-deploy-effects.js";
import { benchDetectAndRollback, benchRollback } from "./bench-rollback.js";
import { benchGitHubEvidence } from "./bench-github-evidence.js";
import { benchMetrics, type BenchStore } from "./bench-metrics.js";
import { benchMetricsSync } from "./bench-metrics-sync.js";
import { startPostgres, type RunningPostgres } from "../test/helpers/start-postgres.js";
import { benchVerify } from "./bench-verify.js";
import { benchPreflight } from "./bench-preflight.js";
import { benchSarif } from "./bench-sarif.js";
import { median } from "./median.js";
import { printTable } from "./print-table.js";

const GATES = 10_000;
const CATEGORIES = 40;
const RUNS = 7;
const WARMUPS = 1;
const MEMORY_RUNS = 3;
/**
 * Seconds one whole-process measurement may take. When one run is so slow that 1 + 7 runs would
 * blow it, fewer runs are timed (never fewer than MIN_RUNS) and the row says so, to keep the
 * bench near a minute; `--full` always times RUNS.
 */
const BUDGET_SECONDS = 12;
const MIN_RUNS = 3;
const NOW = "2026-11-22T09:00:00Z";
const SCORE_TARGET_SECONDS = 1;

// dist/bench/run-bench.js -> the repository root is two folders up.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = path.join(ROOT, "bin", "shipready.js");
const DIST_MAIN = path.join(ROOT, "dist", "src", "cli", "main.js");

// ---------------------------------------------------------------------------------------------
// The checklist

/** mulberry32: a tiny seeded PRNG, so the checklist is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ["🟢 PASS", "🟡 PENDING", "🔴 FAIL", "⚠️ WARN", "N/A", ":white_check_mark:", "DONE"];
// Mostly passing, as a checklist near release is.
const STATUS_WEIGHTS = [55, 12, 5, 6, 7, 8, 7];
const AREAS = [
  "Build & Unit Tests",
  "Security Audit",
  "Database Migration",
  "API Contract",
  "Frontend Lint",
  "Load Test",
  "Rollback Drill",
  "Docs Review",
  "Accessibility Audit",
  "License Scan",
  "国际化 检查",
  "性能 回归测试",
  "Smoke Test",
  "Canary Analysis",
  "Backup Restore",
  "SBOM Export",
];
const ICONS = [
  "🧪",
  "🔒",
  "🗄️",
  "🌐",
  "🎨",
  "🚀",
  "🔄",
  "📜",
  "♿",
  "📋",
  "🈳",
  "⚡",
  "💨",
  "🐤",
  "💾",
  "📦",
];
const OWNERS = ["@ci", "@security", "@backend", "@api", "@web", "@perf", "@devops", "@docs", "@sre", "@qa"];
const SECTION_TOPICS = [
  "Core Services",
  "Payments",
  "Identity & Access",
  "Search",
  "Notifications",
  "Data Pipeline",
  "Mobile Apps",
  "Web Frontend",
  "Infrastructure",
  "Observability",
  "Compliance",
  "Localization 本地化",
  "Billing",
  "Storage",
  "Edge & CDN",
  "Partner APIs",
  "Analytics",
  "Release Engineering",
  "Support Tooling",
  "Disaster Recovery",
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function pickStatus(rand: () => number): string {
  const total = STATUS_WEIGHTS.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < STATUSES.length; i++) {
    r -= STATUS_WEIGHTS[i]!;
    if (r < 0) return STATUSES[i]!;
  }
  return STATUSES[0]!;
}

function note(rand: () => number, n: number): string {
  switch (Math.floor(rand() * 8)) {
    case 0:
      return `\`npm test -- --shard=${(n % 8) + 1}/8\` green on main`;
    case 1:
      return `see [runbook](https://runbooks.example.com/gates/${n}) and [dashboard](https://grafana.example.com/d/${n.toString(36)})`;
    case 2:
      return `p99 at ${200 + (n % 300)} ms, budget 500 ms`;
    case 3:
      return `已在预发布环境验证 (staging), 负责人确认 #${n}`;
    case 4:
      return `blocked on \`migrate-${n % 97}.sql\`; tracked in [JIRA-${1000 + n}](https://jira.example.com/browse/JIRA-${1000 + n})`;
    case 5:
      return `ratio p50 \\| p99 = 0.${n % 10}`;
    case 6:
      return "";
    default:
      return `**${(n % 1500) + 1} checks** passed, ~${n % 3} flaky`;
  }
}

function gateName(rand: () => number, n: number): string {
  const area = Math.floor(rand() * AREAS.length);
  return `${ICONS[area]} ${AREAS[area]} ${String(n).padStart(5, "0")}`;
}

/** A checklist of exactly `gates` gates under `categories` H2 headings, tables and task lists mixed. */
function generateChecklist(gates: number, categories: number): string {
  const rand = prng(20261122);
  const out: string[] = [
    "# 🚀 v9.0.0 Release Readiness",
    "",
    "- **Version:** `v9.0.0`",
    "- **Release owner:** `@release-captain`",
    "",
    "<!-- READINESS_SCORE_START -->",
    "## 📊 Release Readiness Score: 0% 🔴",
    "",
    "**Weighted Total: 0%** (stale; `shipready update` rewrites this)",
    "<!-- READINESS_SCORE_END -->",
    "",
  ];
  let n = 0;
  for (let c = 0; c < categories; c++) {
    // Spread the gates evenly; the first categories take the remainder.
    const count = Math.floor(gates / categories) + (c < gates % categories ? 1 : 0);
    const topic = SECTION_TOPICS[c % SECTION_TOPICS.length]!;
    out.push(
      `## ${ICONS[c % ICONS.length]} ${topic} — wave ${Math.floor(c / SECTION_TOPICS.length) + 1}`,
      "",
    );
    out.push(
      `Gates for ${topic.toLowerCase()}; evidence lives in [the ${topic} board](https://example.com/boards/${c}). 负责团队请及时更新状态。`,
      "",
    );
    // Every fourth category is a task list only, every fourth a table then a task list, the rest tables.
    const kind = c % 4;
    const tableRows = kind === 3 ? 0 : kind === 1 ? Math.floor(count * 0.8) : count;
    const taskItems = count - tableRows;
    if (tableRows > 0) {
      out.push(
        "| Gate | Status | Last Run | Owner | Notes |",
        "|------|--------|----------|-------|-------|",
      );
      for (let i = 0; i < tableRows; i++, n++) {
        const status = pickStatus(rand);
        const lastRun = status.includes("PENDING")
          ? "TBD"
          : `2026-11-${String(1 + (n % 21)).padStart(2, "0")}`;
        out.push(
          `| ${gateName(rand, n)} | ${status} | ${lastRun} | ${pick(rand, OWNERS)} | ${note(rand, n)} |`,
        );
      }
      out.push("");
    }
    if (taskItems > 0) {
      if (tableRows > 0) out.push("**Sign-off** (same category: no heading in between):", "");
      for (let i = 0; i < taskItems; i++, n++) {
        const done = rand() < 0.7 ? "x" : " ";
        const extra = n % 5 === 0 ? ` (${note(rand, n) || "no notes"})` : "";
        out.push(`- [${done}] ${gateName(rand, n)} confirmed by ${pick(rand, OWNERS)}${extra}`);
        // Now and then a plain sub-bullet under an item: prose, not a gate.
        if (n % 17 === 0) out.push(`  - follow-up: \`ticket-${n}\` 跟进`);
      }
      out.push("");
    }
  }
  out.push("<!-- CI_SNAPSHOT_START -->", "<!-- CI_SNAPSHOT_END -->", "");
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Row {
  name: string;
  median: string;
  min: string;
  target: string;
  verdict: string;
}

interface Timing {
  times: number[];
  /** Fewer than RUNS were timed to stay in the budget. */
  cut: boolean;
}

const full = process.argv.includes("--full");
const notes: string[] = [];

function run(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
}

function check(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${what}: exit ${result.status ?? result.signal}\n${result.stderr.slice(0, 2000)}`);
  }
  return result;
}

/**
 * Wall time of whole processes, in seconds, as `process.hrtime.bigint()` around `spawnSync`:
 * WARMUPS untimed runs, then RUNS timed (fewer when over budget). `before` runs untimed ahead of
 * each run; `verify` sees every run's output and throws when the command did not do its job.
 */
function timeProcess(
  what: string,
  cwd: string,
  args: string[],
  hooks: { before?: () => void; verify?: (r: SpawnSyncReturns<string>) => void } = {},
): Timing {
  const once = (): number => {
    hooks.before?.();
    const start = process.hrtime.bigint();
    const result = run(args, cwd);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    check(result, what);
    hooks.verify?.(result);
    return elapsed;
  };
  let warm = 0;
  for (let i = 0; i < WARMUPS; i++) warm = once();
  const runs = full ? RUNS : Math.max(MIN_RUNS, Math.min(RUNS, Math.floor(BUDGET_SECONDS / warm) - WARMUPS));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(once());
  return { times, cut: runs < RUNS };
}

function secondsRow(name: string, timing: Timing, target: string, limit?: number): Row {
  const { times, cut } = timing;
  const med = median(times);
  return {
    name: cut ? `${name} [${times.length} runs]` : name,
    median: `${med.toFixed(3)} s`,
    min: `${Math.min(...times).toFixed(3)} s`,
    target,
    verdict: limit === undefined ? "-" : med < limit ? "ok" : "MISSED",
  };
}

// ---------------------------------------------------------------------------------------------

function bench(dir: string): Row[] {
  const text = generateChecklist(GATES, CATEGORIES);
  const file = path.join(dir, "RELEASE_CHECKLIST.md");
  fs.writeFileSync(file, text);

  // Exactly 10,000 gates, or the figures mean nothing: by the parser here, and by the scorer in
  // the output of every `score --json` run below.
  const parsed = parseChecklist(text);
  if (parsed.gates.length !== GATES) {
    throw new Error(`the generated checklist has ${parsed.gates.length} gates, not ${GATES}`);
  }
  const categories = new Set(parsed.gates.map((g) => g.headingLine)).size;
  const tableRows = parsed.gates.filter((g) => g.form === "table-row").length;
  console.log(
    `checklist: ${GATES.toLocaleString("en-US")} gates (${tableRows} table rows, ${GATES - tableRows} task items) ` +
      `under ${categories} H2 headings, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ${text.split("\n").length} lines`,
  );
  const verifyJson = (r: SpawnSyncReturns<string>): void => {
    const json = JSON.parse(r.stdout) as { categories: { total: number; counts: Record<string, number> }[] };
    const scored = json.categories.reduce((sum, c) => sum + c.total + (c.counts["n/a"] ?? 0), 0);
    if (scored !== GATES) throw new Error(`score --json counts ${scored} gates, not ${GATES}`);
  };

  const rows: Row[] = [];
  const scoreTarget = "score, 10,000 gates: < 1 s";
  const score = timeProcess("score", dir, [BIN, "score", file]);
  rows.push(secondsRow("shipready score", score, scoreTarget, SCORE_TARGET_SECONDS));
  rows.push(
    secondsRow(
      "shipready score --json",
      timeProcess("score --json", dir, [BIN, "score", "--json", file], { verify: verifyJson }),
      scoreTarget,
      SCORE_TARGET_SECONDS,
    ),
  );

  // First update: a fresh copy before each run, so every run rewrites the score section.
  const copy = path.join(dir, "copy.md");
  const updateArgs = [BIN, "update", copy, "--now", NOW, "--no-history"];
  const updateAnchor = "(no target; same work as score + one atomic write)";
  rows.push(
    secondsRow(
      "shipready update, rewrites",
      timeProcess("update (rewrite)", dir, updateArgs, {
        before: () => fs.copyFileSync(file, copy),
        verify: (r) => {
          if (!r.stdout.includes("Updated ") || fs.readFileSync(copy, "utf8") === text) {
            throw new Error(`update did not rewrite the checklist:\n${r.stdout.slice(-500)}`);
          }
        },
      }),
      updateAnchor,
    ),
  );

  // Second update: the copy the last run rewrote is up to date, so nothing is written.
  const settled = fs.readFileSync(copy, "utf8");
  rows.push(
    secondsRow(
      "shipready update, no change (2nd update)",
      timeProcess("update (no change)", dir, updateArgs, {
        verify: (r) => {
          if (!r.stdout.includes("is up to date") || fs.readFileSync(copy, "utf8") !== settled) {
            throw new Error(`a second update changed the checklist:\n${r.stdout.slice(-500)}`);
          }
        },
      }),
      updateAnchor,
    ),
  );

  // Peak memory of a score process: main() imported and awaited, maxRSS (KiB) printed at exit.
  const snippet = [
    `import { main } from ${JSON.stringify(pathToFileURL(DIST_MAIN).href)};`,
    `process.on("exit", () => process.stderr.write("\\nMAXRSS_KIB=" + process.resourceUsage().maxRSS + "\\n"));`,
    `process.exitCode = await main(process.argv.slice(1));`,
  ].join("\n");
  const memoryRuns = full
    ? MEMORY_RUNS
    : Math.max(1, Math.min(MEMORY_RUNS, Math.floor(6 / median(score.times))));
  const rss: number[] = [];
  for (let i = 0; i < memoryRuns; i++) {
    const result = check(run(["--input-type=module", "-e", snippet, "score", file], dir), "score (memory)");
    const match = /MAXRSS_KIB=(\d+)/.exec(result.stderr);
    if (!match) throw new Error(`no maxRSS in the output of the memory run:\n${result.stderr.slice(-500)}`);
    rss.push(Number(match[1]) / 1024);
  }
  rows.push({
    name: `shipready score, peak RSS [${memoryRuns} run${memoryRuns === 1 ? "" : "s"}]`,
    median: `${median(rss).toFixed(1)} MB`,
    min: `${Math.min(...rss).toFixed(1)} MB`,
    target: "(no target)",
    verdict: "-",
  });

  // In-process: the parser alone, after import, to show where the time goes.
  const parseTimes: number[] = [];
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = parseChecklist(text);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.gates.length !== GATES) throw new Error("parseChecklist changed its mind");
    if (i >= WARMUPS) parseTimes.push(elapsed);
  }
  rows.push(
    secondsRow(
      "parseChecklist alone, in-process",
      { times: parseTimes, cut: false },
      "(no target; part of score)",
    ),
  );

  // The start-up floor: what any command costs before it reads a byte of the checklist.
  rows.push(
    secondsRow(
      "shipready --version (start-up floor)",
      timeProcess("--version", dir, [BIN, "--version"]),
      "(no target; start-up floor)",
    ),
  );
  rows.push(
    secondsRow(
      "node -e 0 (bare Node start-up)",
      timeProcess("node -e 0", dir, ["-e", "0"]),
      "(no target; context)",
    ),
  );
  if (rows.some((r) => r.name.includes(" runs]") && !r.name.includes("peak RSS"))) {
    notes.push(
      `[n runs]: one run took so long that ${RUNS} runs would pass the ${BUDGET_SECONDS} s budget per row; ` +
        `run \`npm run bench -- --full\` for ${RUNS} runs everywhere.`,
    );
  }
  return rows;
}

async function main(): Promise<number> {
  if (!fs.existsSync(DIST_MAIN)) {
    console.error(`shipready bench: ${DIST_MAIN} is missing; run \`npm run build\` first`);
    return 1;
  }
  const cpus = os.cpus();
  const title =
    `shipready bench · ${cpus[0]?.model.trim() ?? "unknown CPU"} · ${cpus.length} cores · Node ${process.version} · ` +
    `${os.platform()} ${os.arch()} · wall time, ${RUNS} runs after ${WARMUPS} warm-up unless [n runs]`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipready-bench-"));
  const started = process.hrtime.bigint();
  // SHIPREADY_BENCH_ONLY=changelog runs the changelog part alone, =dashboard the dashboard part,
  // =verify the verification part, =deploy-effects the deploy effects part, =rollback the rollback part,
  // =metrics the delivery metrics part (with the sync), =metrics-sync the sync alone,
  // =preflight the preflight part, =sarif the SARIF streaming part.
  const only = process.env.SHIPREADY_BENCH_ONLY;
  try {
    if (only === undefined) {
      const rows = bench(dir);
      console.log("");
      printTable(
        title,
        ["measurement", "median", "min", "target", "verdict"],
        rows.map((r) => [r.name, r.median, r.min, r.target, r.verdict]),
        [1, 2],
      );
      console.log("");
      printTable(
        "GitHub evidence · fake GitHub API on 127.0.0.1 · 30 workflows, 5,000 runs · 30 gates bound to the released commit's runs + CI snapshot of 100 runs per workflow",
        ["measurement", "wall", "requests", "target", "verdict"],
        (await benchGitHubEvidence(BIN, path.join(dir, "github"))).map((r) => [
          r.name,
          r.wall,
          r.requests,
          r.target,
          r.verdict,
        ]),
        [1],
      );
    }
    if (only === undefined || only === "dashboard") {
      console.log("");
      printTable(
        "Dashboard · shipready serve --no-evidence · 500 gates, 10,000 history runs · GET / over loopback",
        ["measurement", "value", "target", "verdict"],
        (await benchDashboard(BIN, path.join(dir, "dashboard"))).map((r) => [
          r.name,
          r.value,
          r.target,
          r.verdict,
        ]),
        [1],
      );
    }
    if (only === undefined || only === "sarif") {
      console.log("");
      printTable(
        "SARIF evidence · one log shaped as CodeQL writes it, streamed by the sarif evidence kind in a fresh process",
        ["measurement", "value", "target", "verdict"],
        benchSarif(path.join(dir, "sarif")).map((r) => [r.name, r.value, r.target, r.verdict]),
        [1],
      );
    }
    if (only === undefined || only === "verify") {
      const verify = await benchVerify({ full });
      console.log("");
      printTable(
        "Verification · verifyDeploy on this machine · real Prometheus on 127.0.0.1 for the CPU row",
        ["measurement", "value", "target", "verdict"],
        verify.rows.map((r) => [r.name, r.value, r.target, r.verdict]),
        [1],
      );
      notes.push(...verify.notes);
    }
    if (only === undefined || only === "deploy-effects") {
      console.log("");
      printTable(
        "Deploy effects · emit in process · report --status-page and report --html --no-evidence as processes · 2,000 deploy records, 3 metrics of 60 samples each",
        ["measurement", "median", "max", "target", "verdict"],
        (await benchDeployEffects(BIN, path.join(dir, "deploy-effects"))).map((r) => [
          r.name,
          r.median,
          r.max,
          r.target,
          r.verdict,
        ]),
        [1, 2],
      );
    }
    if (only === undefined || only === "rollback") {
      console.log("");
      printTable(
        "Rollback · runDeploy in process · real shell steps, lock and records · verification answers fail at once, listeners take 300 ms",
        ["measurement", "median", "max", "target", "verdict"],
        (await benchRollback(path.join(dir, "rollback"))).map((r) => [
          r.name,
          r.median,
          r.max,
          r.target,
          r.verdict,
        ]),
        [1, 2],
      );
      console.log("");
      printTable(
        "Detect and roll back · examples/deploy at version 1, real Prometheus scraping it every second · shipready deploy --version 2 · 30 s windows",
        ["measurement", "value", "target", "verdict"],
        (await benchDetectAndRollback(BIN, path.join(dir, "detect"))).map((r) => [
          r.name,
          r.median,
          r.target,
          r.verdict,
        ]),
        [1],
      );
    }
    if (only === undefined || only === "metrics") {
      // SHIPREADY_BENCH_METRICS_STORES=sqlite (or postgres) measures one store; both by default.
      const wanted = (process.env.SHIPREADY_BENCH_METRICS_STORES ?? "sqlite,postgres").split(",");
      const stores: BenchStore[] = [];
      if (wanted.includes("sqlite"))
        stores.push({ label: "SQLite", spec: `sqlite:${path.join(dir, "metrics", "metrics.db")}` });
      let postgres: RunningPostgres | null = null;
      if (wanted.includes("postgres")) {
        try {
          postgres = await startPostgres();
          stores.push({ label: "PostgreSQL", spec: `postgres:${await postgres.createDatabase()}` });
        } catch (error) {
          notes.push(
            `Metrics on PostgreSQL not measured: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      let metrics: ReturnType<typeof benchMetrics>;
      try {
        metrics = benchMetrics(path.join(dir, "metrics"), stores);
      } finally {
        postgres?.stop();
      }
      console.log("");
      printTable(
        "Delivery metrics · 200 repositories, 1,000,000 workflow runs (100,000 deploy runs -> deploys), 5,000 incidents · in process, from the store",
        ["measurement", "median", "min", "max", "target", "verdict"],
        metrics.rows.map((r) => [r.name, r.median, r.min, r.max, r.target, r.verdict]),
        [1, 2, 3],
      );
      notes.push(...metrics.notes);
    }
    if (only === undefined || only === "metrics" || only === "metrics-sync") {
      const sync = await benchMetricsSync(BIN, path.join(dir, "metrics-sync"), "2026-11-30T00:00:00.000Z");
      console.log("");
      printTable(
        "Metrics sync · the first repositories of the generated organisation in the fake GitHub API · shipready metrics sync, twice, as processes",
        ["measurement", "figure", "target", "verdict"],
        sync.rows.map((r) => [r.name, r.figure, r.target, r.verdict]),
        [],
      );
      notes.push(...sync.notes);
    }
    if (only === undefined || only === "preflight") {
      console.log("");
      printTable(
        "Preflight · examples/ in a temporary git repository · wall time, 11 runs after 1 warm-up",
        ["measurement", "median", "min", "target", "verdict"],
        (await benchPreflight(BIN, ROOT, path.join(dir, "preflight"))).map((r) => [
          r.name,
          r.median,
          r.min,
          r.target,
          r.verdict,
        ]),
        [1, 2],
      );
    }
    if (only === "preflight") return 0;
    const changelog =
      only === "dashboard" ||
      only === "verify" ||
      only === "deploy-effects" ||
      only === "rollback" ||
      only === "metrics" ||
      only === "metrics-sync" ||
      only === "sarif"
        ? { tables: [], notes: [] }
        : await benchChangelog(BIN, path.join(dir, "changelog"), { full });
    for (const table of changelog.tables) {
      console.log("");
      printTable(
        table.title,
        ["measurement", "median", "min", "x floor", "peak RSS", "target", "verdict"],
        table.rows.map((r) => [r.name, r.median, r.min, r.floorRatio, r.rss, r.target, r.verdict]),
        [1, 2, 3, 4],
      );
    }
    notes.push(...changelog.notes);
    for (const note of notes) console.log(`\n${note}`);
    console.log(`\n(bench took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
    return 0;
  } catch (error) {
    console.error(`shipready bench: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
