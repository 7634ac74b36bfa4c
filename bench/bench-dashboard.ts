/**
 * The dashboard part of `npm run bench`: `shipready serve --no-evidence` over a checklist of 500
 * gates with a history of 10,000 runs, as a user starts it. Times the start-up until the listening
 * line, the time to first byte of `GET /` (the first request renders the page, later ones are
 * served from memory), and weighs the page raw and gzipped, with the trend chart's share. Each page
 * is checked to hold 500 gate rows and the chart, so speed never comes from drawing less.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { serializeHistoryRecord } from "../src/adapters/history-file.js";
import type { HistoryRecord } from "../src/readiness/types.js";
import { median } from "./median.js";

const GATES = 500;
const SECTIONS = 20;
const RUNS = 10_000;
const WARM_REQUESTS = 15;
const TTFB_TARGET_MS = 200;
const WEIGHT_TARGET_BYTES = 300_000;

export interface DashboardBenchRow {
  name: string;
  value: string;
  target: string;
  verdict: string;
}

/** A checklist of GATES gates in SECTIONS sections, tables and task lists, statuses mixed. */
function makeChecklist(): string {
  const statuses = ["🟢 PASS", "🟢 PASS", "🟢 PASS", "🟡 PENDING", "🔴 FAIL", "⚠️ WARN", "N/A"];
  const out = ["# 🚀 v9.0.0 Release Readiness", ""];
  let n = 0;
  for (let s = 0; s < SECTIONS; s++) {
    out.push(
      `## Section ${s} — wave ${Math.floor(s / 5) + 1}`,
      "",
      "| Gate | Status | Last Run | Owner |",
      "|---|---|---|---|",
    );
    for (let i = 0; i < GATES / SECTIONS; i++, n++) {
      out.push(
        `| Gate ${String(n).padStart(3, "0")} of section ${s} | ${statuses[n % statuses.length]} | 2026-11-${String(1 + (n % 21)).padStart(2, "0")} | @team${n % 9} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** RUNS records, one every half hour, scores wandering between 40 and 100. */
function makeHistory(): string {
  const lines: string[] = [];
  const start = Date.parse("2026-01-01T00:00:00Z");
  let score = 70;
  for (let i = 0; i < RUNS; i++) {
    score = Math.min(100, Math.max(40, score + (((i * 7919) % 13) - 6) / 2));
    const record: HistoryRecord = {
      v: 1,
      at: new Date(start + i * 1_800_000).toISOString(),
      checklist: "RELEASE_CHECKLIST.md",
      commit: (i * 2654435761).toString(16).padStart(8, "0").repeat(5).slice(0, 40),
      score: Math.round(score * 10) / 10,
      band: score >= 95 ? "Release Ready" : score >= 70 ? "In Progress" : "Not Ready",
      ready: score >= 90,
      threshold: 90,
      coverage: 100,
      blockers: i % 5,
      categories: Array.from({ length: SECTIONS }, (_, s) => ({
        name: `Section ${s}`,
        score: Math.round(Math.min(100, Math.max(0, score + ((s * 13 + i) % 21) - 10)) * 10) / 10,
        passed: 20,
        total: 25,
      })),
      origin: "update",
    };
    lines.push(serializeHistoryRecord(record));
  }
  return `${lines.join("\n")}\n`;
}

interface Fetched {
  ttfbMs: number;
  body: Buffer;
}

/** One GET /, timed from the request to its response headers (the first byte). */
function get(port: number, gzip: boolean): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let ttfbMs = 0;
    const req = request(
      { host: "127.0.0.1", port, path: "/", headers: gzip ? { "accept-encoding": "gzip" } : {} },
      (res) => {
        ttfbMs = Number(process.hrtime.bigint() - started) / 1e6;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`GET / answered ${res.statusCode}`));
          else resolve({ ttfbMs, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function checkPage(page: string): void {
  const rows = page.match(/data-testid="gate-row"/g)?.length ?? 0;
  if (rows !== GATES) throw new Error(`the page shows ${rows} gate rows, not ${GATES}`);
  if (!/<svg[^>]*data-testid="trend-chart"/.test(page)) throw new Error("the page has no trend chart");
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

export async function benchDashboard(bin: string, dir: string): Promise<DashboardBenchRow[]> {
  fs.mkdirSync(path.join(dir, ".shipready"), { recursive: true });
  fs.writeFileSync(path.join(dir, "RELEASE_CHECKLIST.md"), makeChecklist());
  fs.writeFileSync(path.join(dir, "shipready.yml"), "checklist: RELEASE_CHECKLIST.md\n");
  fs.writeFileSync(path.join(dir, ".shipready", "history.jsonl"), makeHistory());

  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--no-evidence"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const line = /^shipready dashboard: http:\/\/127\.0\.0\.1:(\d+)\/$/m.exec(stdout);
        if (line) resolve(Number(line[1]));
      });
      child.on("close", (code) =>
        reject(new Error(`shipready serve exited ${code}:\n${stderr.slice(0, 2000)}`)),
      );
    });
    const startupMs = Number(process.hrtime.bigint() - started) / 1e6;

    const first = await get(port, false);
    checkPage(first.body.toString("utf8"));
    const warm: number[] = [];
    for (let i = 0; i < WARM_REQUESTS; i++) warm.push((await get(port, false)).ttfbMs);
    const zipped = await get(port, true);
    const page = first.body.toString("utf8");
    const chart = /<svg[^>]*data-testid="trend-chart"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? "";

    const ttfbRow = (name: string, ms: number): DashboardBenchRow => ({
      name,
      value: `${ms.toFixed(1)} ms`,
      target: `time to first byte: < ${TTFB_TARGET_MS} ms`,
      verdict: ms < TTFB_TARGET_MS ? "ok" : "MISSED",
    });
    const weightRow = (name: string, bytes: number): DashboardBenchRow => ({
      name,
      value: kb(bytes),
      target: `page with its chart: < ${WEIGHT_TARGET_BYTES / 1000} KB`,
      verdict: bytes < WEIGHT_TARGET_BYTES ? "ok" : "MISSED",
    });
    return [
      {
        name: "shipready serve, start-up until listening",
        value: `${startupMs.toFixed(0)} ms`,
        target: "(no target; loads and scores once)",
        verdict: "-",
      },
      ttfbRow("GET /, first request (renders the page)", first.ttfbMs),
      ttfbRow(`GET /, later requests [median of ${WARM_REQUESTS}]`, median(warm)),
      weightRow("page weight, raw", first.body.length),
      weightRow("page weight, gzipped (as served)", zipped.body.length),
      {
        name: "of which the trend chart, raw / gzipped",
        value: `${kb(Buffer.byteLength(chart))} / ${kb(gzipSync(chart).length)}`,
        target: "(no target; part of the page)",
        verdict: "-",
      },
    ];
  } finally {
    child.kill("SIGINT");
  }
}
