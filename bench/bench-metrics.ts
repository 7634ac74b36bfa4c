/**
 * The metrics part of `npm run bench`: a generated organisation (test/fixtures/bench/make-org-history.mjs:
 * 200 repositories, 1,000,000 workflow runs of which the deploy workflow's 100,000 are deploys, 5,000
 * incidents) written into a store, then `metrics` for the busiest repository over 90 days and the
 * whole organisation over a year, timed in process (median, min and max of RUNS runs after a
 * warm-up) and checked figure by figure against the generator's ground truth, so that speed never
 * comes from skipping work. Each part runs in its own process (bench/metrics-bench-worker.ts) whose
 * peak RSS is reported. The other 900,000 runs are CI workflows' runs: a sync filters them out by
 * workflow and never stores them, so they cost generation, not metrics time.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./median.js";

const RUNS = 5;
const UNTIL = "2026-11-30T00:00:00.000Z";
const ONE_TARGET_MS = 200;
const ORG_TARGET_MS = 2000;
const RSS_TARGET_MB = 200;
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "metrics-bench-worker.js");

export interface MetricsBenchRow {
  name: string;
  median: string;
  min: string;
  max: string;
  target: string;
  verdict: string;
}

/** A store the benchmark can fill and measure: `sqlite:FILE` or `postgres:URL`, and its label. */
export interface BenchStore {
  label: string;
  spec: string;
}

function runWorker(args: string[]): Record<string, unknown> {
  const child = spawnSync(process.execPath, [WORKER, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: undefined },
  });
  if (child.status !== 0) throw new Error(`metrics bench worker ${args[0]} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

export function benchMetrics(
  dir: string,
  stores: readonly BenchStore[],
): { rows: MetricsBenchRow[]; notes: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const rows: MetricsBenchRow[] = [];
  const notes: string[] = [];
  for (const store of stores) {
    const truth = path.join(dir, `truth-${store.label}.json`);
    const filled = runWorker(["fill", store.spec, truth, UNTIL]) as {
      ms: number;
      runs: number;
      deploys: number;
      incidents: number;
      rssMB: number;
    };
    const measured = runWorker(["measure", store.spec, truth, UNTIL, String(RUNS)]) as {
      busiest: string;
      busiestDeploys: number;
      repos: number;
      one: number[];
      org: number[];
      mismatches: string[];
      mismatchCount: number;
      rssMB: number;
    };
    const checked =
      measured.mismatchCount === 0 ? "" : ` WRONG (${measured.mismatchCount} figures differ from the truth)`;
    const timed = (name: string, values: number[], target: number) => {
      const mid = median(values);
      rows.push({
        name: `${store.label}: ${name}`,
        median: ms(mid),
        min: ms(Math.min(...values)),
        max: ms(Math.max(...values)),
        target: `< ${ms(target)}`,
        verdict: (mid < target ? "ok" : "MISSED") + checked,
      });
    };
    rows.push({
      name: `${store.label}: write ${filled.deploys.toLocaleString("en")} deploys, ${filled.incidents.toLocaleString("en")} incidents (from ${filled.runs.toLocaleString("en")} runs)`,
      median: ms(filled.ms),
      min: "",
      max: "",
      target: "(setup)",
      verdict: "",
    });
    timed(
      `metrics, ${measured.busiest} (${measured.busiestDeploys} deploys), 90 days`,
      measured.one,
      ONE_TARGET_MS,
    );
    timed(`metrics --org, ${measured.repos} repositories, 365 days`, measured.org, ORG_TARGET_MS);
    const peak = Math.max(filled.rssMB, measured.rssMB);
    rows.push({
      name: `${store.label}: peak RSS (write ${filled.rssMB.toFixed(0)} MB, measure ${measured.rssMB.toFixed(0)} MB)`,
      median: `${peak.toFixed(0)} MB`,
      min: "",
      max: "",
      target: `< ${RSS_TARGET_MB} MB`,
      verdict: peak < RSS_TARGET_MB ? "ok" : "MISSED",
    });
    if (measured.mismatchCount > 0) notes.push(`${store.label}: ${measured.mismatches.join("; ")}`);
  }
  notes.push(
    "Metrics: every figure of every repository (deploys, failed, rework, lead time and recovery count, median, p90, open failures) is checked against the generator's ground truth.",
  );
  return { rows, notes };
}
