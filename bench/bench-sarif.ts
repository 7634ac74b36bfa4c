/**
 * The SARIF part of `npm run bench` (issue 18, "Speed"): a SARIF log of 500,000 results shaped as
 * CodeQL writes them (test/fixtures/bench/make-sarif.mjs), collected by the sarif evidence kind in a
 * fresh process: wall time and peak memory (max RSS) against the targets of 5 s and 200 MB for a
 * 100 MB log. The file's own size is printed beside it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./median.js";

export interface SarifBenchRow {
  name: string;
  value: string;
  target: string;
  verdict: string;
}

const RESULTS = 500_000;
const RUNS = 3;
const TARGET_SECONDS = 5;
const TARGET_MB = 200;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const GENERATOR = path.join(ROOT, "test", "fixtures", "bench", "make-sarif.mjs");
const WORKER = path.join(HERE, "sarif-bench-worker.js");

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

export function benchSarif(dir: string): SarifBenchRow[] {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "scan.sarif");
  const made = spawnSync(process.execPath, [GENERATOR, "--results", String(RESULTS), "--out", file], {
    env: childEnv(),
    encoding: "utf8",
  });
  if (made.status !== 0) throw new Error(`make-sarif.mjs failed: ${made.stderr}`);
  const megabytes = fs.statSync(file).size / 1e6;
  const runs: { ms: number; maxRssMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, [WORKER, file], { env: childEnv(), encoding: "utf8" });
    if (run.status !== 0) throw new Error(`sarif-bench-worker failed: ${run.stderr}`);
    runs.push(JSON.parse(run.stdout) as { ms: number; maxRssMb: number });
  }
  const seconds = median(runs.map((r) => r.ms)) / 1000;
  const peak = Math.max(...runs.map((r) => r.maxRssMb));
  // The targets are for 100 MB; a larger file is held to them scaled by its size.
  const scale = megabytes / 100;
  return [
    {
      name: `sarif: ${RESULTS.toLocaleString("en")} results, ${megabytes.toFixed(0)} MB, collected (median of ${RUNS})`,
      value: `${seconds.toFixed(2)} s (${(seconds / scale).toFixed(2)} s per 100 MB)`,
      target: `< ${TARGET_SECONDS} s per 100 MB`,
      verdict: seconds / scale < TARGET_SECONDS ? "ok" : "MISSED",
    },
    {
      name: "sarif: peak memory of that process (max RSS)",
      value: `${peak.toFixed(0)} MB`,
      target: `< ${TARGET_MB} MB`,
      verdict: peak < TARGET_MB ? "ok" : "MISSED",
    },
  ];
}
