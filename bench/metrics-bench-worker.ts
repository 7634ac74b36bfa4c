/**
 * One process of the metrics benchmark (bench/bench-metrics.ts starts it, so that its peak memory
 * is its own). `fill STORE TRUTH UNTIL` writes the generated organisation into the store in big
 * batches and the ground truth to TRUTH; `measure STORE TRUTH UNTIL RUNS` times one repository over
 * 90 days and the whole organisation over a year, RUNS times each after a warm-up, and checks every
 * figure against the truth. Each prints one JSON line. STORE is `sqlite:FILE` or `postgres:URL`.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fs from "node:fs";
import { openSqliteMetricsStore } from "../src/adapters/sqlite/sqlite-metrics-store.js";
import { pickBandReport } from "../src/metrics/band-reports.js";
import { matchEnvironment } from "../src/metrics/core/match-environment.js";
import { measureDelivery } from "../src/metrics/measure-delivery.js";
import { measureOrganisation } from "../src/metrics/measure-organisation.js";
import type { ChangeHistory, MetricsStore } from "../src/metrics/ports.js";
import type { DeployEvent, IncidentEvent, MetricsReport } from "../src/metrics/types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const GENERATOR = path.join(ROOT, "test", "fixtures", "bench", "make-org-history.mjs");
const DAY = 86_400_000;
/** Repositories written per transaction. */
const REPOS_PER_BATCH = 5;

export interface Truth {
  deploys: number;
  failed: number;
  rework: number;
  leadTime: { count: number; median: number | null; p90: number | null };
  recoveryTime: { count: number; median: number | null; p90: number | null; open: number };
}

interface Generated {
  repo: string;
  runs: number;
  deploys: DeployEvent[];
  incidents: IncidentEvent[];
}

interface Generator {
  makeOrgHistory(options: { until: number }): Iterable<Generated>;
  truthOf(events: Generated, since: number, until: number): Truth;
}

export async function openBenchStore(spec: string): Promise<MetricsStore> {
  if (spec.startsWith("sqlite:")) return openSqliteMetricsStore(spec.slice("sqlite:".length));
  if (spec.startsWith("postgres:")) {
    const { migratePostgresDatabase, openPostgresMetricsStore } =
      await import("../src/adapters/postgres/postgres-metrics-store.js");
    const url = spec.slice("postgres:".length);
    await migratePostgresDatabase(url);
    return openPostgresMetricsStore(url);
  }
  throw new Error(`no store for ${spec}`);
}

const noGit: ChangeHistory = {
  commitsBetween: async () => ({ problem: "the benchmark's deploys list their changes" }),
};

async function fill(spec: string, truthFile: string, until: number): Promise<object> {
  const generator = (await import(pathToFileURL(GENERATOR).href)) as Generator;
  const store = await openBenchStore(spec);
  const started = performance.now();
  const truth: Record<string, { year: Truth; days90: Truth }> = {};
  let runs = 0;
  let deploys = 0;
  let incidents = 0;
  let batch: Generated[] = [];
  const flush = async () => {
    await store.put({
      deploys: batch.flatMap((r) => r.deploys),
      incidents: batch.flatMap((r) => r.incidents),
    });
    batch = [];
  };
  for (const repo of generator.makeOrgHistory({ until })) {
    runs += repo.runs;
    deploys += repo.deploys.length;
    incidents += repo.incidents.length;
    truth[repo.repo] = {
      year: generator.truthOf(repo, until - 365 * DAY, until),
      days90: generator.truthOf(repo, until - 90 * DAY, until),
    };
    batch.push(repo);
    if (batch.length === REPOS_PER_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await store.close();
  fs.writeFileSync(truthFile, JSON.stringify(truth));
  return { ms: performance.now() - started, runs, deploys, incidents, rssMB: peakRssMB() };
}

/** Where a report differs from the truth, in words; empty when it matches. */
export function compare(report: MetricsReport, truth: Truth): string[] {
  const m = report.metrics;
  const out: string[] = [];
  const same = (what: string, actual: number | null, expected: number | null) => {
    const ok =
      actual === null || expected === null ? actual === expected : Math.abs(actual - expected) < 1e-6;
    if (!ok) out.push(`${report.repo} ${what}: ${actual} is not ${expected}`);
  };
  same("deploys", m.deploymentFrequency.deploys, truth.deploys);
  same("failed", m.changeFailRate.numerator, truth.failed);
  same("rework", m.reworkRate.numerator, truth.rework);
  same("lead time count", m.changeLeadTime.count, truth.leadTime.count);
  same("lead time median", m.changeLeadTime.median, truth.leadTime.median);
  same("lead time p90", m.changeLeadTime.p90, truth.leadTime.p90);
  same("recovery count", m.recoveryTime.count, truth.recoveryTime.count);
  same("recovery median", m.recoveryTime.median, truth.recoveryTime.median);
  same("recovery p90", m.recoveryTime.p90, truth.recoveryTime.p90);
  same("recovery open", m.recoveryTime.open, truth.recoveryTime.open);
  return out;
}

async function measure(spec: string, truthFile: string, until: number, runs: number): Promise<object> {
  const truth = JSON.parse(fs.readFileSync(truthFile, "utf8")) as Record<
    string,
    { year: Truth; days90: Truth }
  >;
  // The busiest repository: the most work for one repository.
  const [busiest] = Object.entries(truth).sort((a, b) => b[1].days90.deploys - a[1].days90.deploys)[0]!;
  const store = await openBenchStore(spec);
  const base = {
    environment: matchEnvironment("production", { production: ["production", "prod"] }),
    until,
    minSample: 1,
    bands: pickBandReport(null)!,
  };
  const mismatches: string[] = [];
  const one: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const report = await measureDelivery(store, noGit, {
      ...base,
      repo: busiest,
      since: until - 90 * DAY,
      explain: false,
    });
    if (i > 0) one.push(performance.now() - started);
    if (i === 0) mismatches.push(...compare(report, truth[busiest]!.days90));
  }
  const org: number[] = [];
  let repos = 0;
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const report = await measureOrganisation(store, () => noGit, { ...base, since: until - 365 * DAY });
    if (i > 0) org.push(performance.now() - started);
    if (i === 0) {
      repos = report.repos.length;
      for (const entry of report.repos) {
        if (!entry.ok) mismatches.push(`${entry.repo}: ${entry.problem}`);
        else mismatches.push(...compare(entry.report, truth[entry.repo]!.year));
      }
    }
  }
  await store.close();
  return {
    busiest,
    busiestDeploys: truth[busiest]!.days90.deploys,
    repos,
    one,
    org,
    mismatches: mismatches.slice(0, 20),
    mismatchCount: mismatches.length,
    rssMB: peakRssMB(),
  };
}

const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [mode, spec, truthFile, untilText, runsText] = process.argv.slice(2);
  const until = Date.parse(untilText!);
  const result =
    mode === "fill"
      ? await fill(spec!, truthFile!, until)
      : await measure(spec!, truthFile!, until, Number(runsText));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
