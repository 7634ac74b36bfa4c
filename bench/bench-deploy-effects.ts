/**
 * The deploy effects part of `npm run bench`: how long `emit` holds a deploy back when a listener is
 * slow (the events a rollback follows must not wait: a failed verification starts its rollback at
 * once), and how fast the pages that read the deploy records are over a year of records: the public
 * status page (`report --status-page`) and the dashboard with its deploys section (`report --html`),
 * as whole CLI processes. Each page is checked to show what it should, so speed never comes from
 * drawing less.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDeployEvents } from "../src/deploy/create-deploy-events.js";
import type { DeployRecord, MetricResult } from "../src/deploy/types.js";
import { median } from "./median.js";

const EMITS = 20;
const SLOW_LISTENER_MS = 300;
const RECORDS = 2_000;
const METRICS = 3;
const SAMPLES = 60;
const PAGE_RUNS = 5;
const EMIT_TARGET_MS = 10;
const PAGE_TARGET_SECONDS = 2;

export interface DeployEffectsBenchRow {
  name: string;
  median: string;
  max: string;
  target: string;
  verdict: string;
}

function metric(name: string, start: number, failing: boolean): MetricResult {
  return {
    name,
    verdict: failing ? "fail" : "pass",
    reason: failing ? `${name} above max 0.01` : `${name} within max 0.01`,
    judgement: { max: 0.01, share: 1 },
    samples: Array.from({ length: SAMPLES }, (_, i) => ({
      at: new Date(start + i * 5000).toISOString(),
      value: failing && i > SAMPLES / 2 ? 0.05 + (i % 7) / 1000 : (i % 9) / 1000,
    })),
  };
}

/** RECORDS deploys spread over a year and three environments, one in twenty rolled back. */
function makeRecords(): DeployRecord[] {
  const start = Date.parse("2026-01-01T00:00:00Z");
  const envs = ["production", "staging", "internal"];
  return Array.from({ length: RECORDS }, (_, i) => {
    const at = start + i * 4 * 3600_000;
    const failing = i % 20 === 0;
    const metrics = Array.from({ length: METRICS }, (_, m) =>
      metric(`metric_${m}`, at + 60_000, failing && m === 0),
    );
    return {
      v: 1,
      id: `d-${i}`,
      kind: "deploy",
      environment: envs[i % envs.length]!,
      version: `1.${Math.floor(i / 10)}.${i % 10}`,
      commit: i.toString(16).padStart(40, "0"),
      previous: { version: `1.${Math.floor((i - 1) / 10)}.${(i + 9) % 10}`, commit: null },
      startedAt: new Date(at).toISOString(),
      endedAt: new Date(at + 600_000).toISOString(),
      outcome: failing ? "rolled-back" : "succeeded",
      steps: [
        {
          name: "deploy",
          status: "succeeded",
          startedAt: new Date(at).toISOString(),
          endedAt: new Date(at + 60_000).toISOString(),
        },
        {
          name: "verify",
          status: failing ? "failed" : "succeeded",
          startedAt: new Date(at + 60_000).toISOString(),
          endedAt: new Date(at + 360_000).toISOString(),
          metrics,
        },
      ],
      metrics,
      ...(failing && {
        rollback: {
          trigger: "validation_failure",
          reason: "metric_0 above max 0.01",
          outcome: "succeeded" as const,
        },
      }),
      actor: "bench",
    } satisfies DeployRecord;
  });
}

/** How long emit takes to return for the event after which the rollback starts, with a slow listener. */
async function emitLatency(): Promise<number[]> {
  const times: number[] = [];
  const events = createDeployEvents({
    listeners: [
      { name: "slow", handle: () => new Promise((resolve) => setTimeout(resolve, SLOW_LISTENER_MS)) },
    ],
    redact: (text) => text,
    onWarning: () => undefined,
  });
  const [record] = makeRecords();
  for (let i = 0; i < EMITS; i++) {
    const started = process.hrtime.bigint();
    await events.emit("verification-failed", record!);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    await events.emit("rolled-back", record!);
  }
  return times;
}

function timeProcess(bin: string, args: string[], cwd: string, check: (stdout: string) => void) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < PAGE_RUNS; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, ...args], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (run.status !== 0) throw new Error(`shipready ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    check(run.stdout);
    bytes = Buffer.byteLength(run.stdout);
  }
  return { times, bytes };
}

function row(name: string, values: number[], unit: string, target: number): DeployEffectsBenchRow {
  const mid = median(values);
  const max = Math.max(...values);
  const digits = unit === "ms" ? 2 : 2;
  return {
    name,
    median: `${mid.toFixed(digits)} ${unit}`,
    max: `${max.toFixed(digits)} ${unit}`,
    target: `< ${target} ${unit}`,
    verdict: max < target ? "met" : "MISSED",
  };
}

export async function benchDeployEffects(bin: string, dir: string): Promise<DeployEffectsBenchRow[]> {
  fs.mkdirSync(path.join(dir, ".shipready"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "shipready.yml"),
    `checklist: RELEASE.md\nsteps:\n  deploy: "./deploy.sh"\nenvironments:\n  production: { url: "https://example.com", public: true }\n  staging: { public: true }\n  internal: {}\n`,
  );
  fs.writeFileSync(
    path.join(dir, "RELEASE.md"),
    "# Release\n\n| Gate | Status |\n|---|---|\n| Build | PASS |\n",
  );
  fs.writeFileSync(
    path.join(dir, ".shipready", "deploys.jsonl"),
    makeRecords()
      .map((r) => JSON.stringify(r))
      .join("\n") + "\n",
  );
  const size = fs.statSync(path.join(dir, ".shipready", "deploys.jsonl")).size;

  const emits = await emitLatency();
  const status = timeProcess(
    bin,
    ["report", "--status-page", "-", "--now", "2026-12-31T00:00:00Z"],
    dir,
    (page) => {
      if ((page.match(/data-testid="environment"/g) ?? []).length !== 2)
        throw new Error("the status page lacks an environment");
      if (page.includes("internal")) throw new Error("the status page shows a private environment");
    },
  );
  const dashboard = timeProcess(
    bin,
    ["report", "--html", "-", "--no-evidence", "--now", "2026-12-31T00:00:00Z"],
    dir,
    (page) => {
      if ((page.match(/data-testid="deploy"/g) ?? []).length !== 15)
        throw new Error("the dashboard lacks deploys");
      if ((page.match(/data-testid="verification-chart"/g) ?? []).length !== 45)
        throw new Error("the dashboard lacks charts");
    },
  );
  const mb = (size / 1024 / 1024).toFixed(1);
  return [
    row(
      `emit(verification-failed) returns, a listener taking ${SLOW_LISTENER_MS} ms`,
      emits,
      "ms",
      EMIT_TARGET_MS,
    ),
    {
      ...row(`report --status-page, ${RECORDS} records (${mb} MB)`, status.times, "s", PAGE_TARGET_SECONDS),
      max: `${Math.max(...status.times).toFixed(2)} s · ${(status.bytes / 1024).toFixed(1)} KB page`,
    },
    {
      ...row(`report --html with deploys, ${RECORDS} records`, dashboard.times, "s", PAGE_TARGET_SECONDS),
      max: `${Math.max(...dashboard.times).toFixed(2)} s · ${(dashboard.bytes / 1024).toFixed(1)} KB page`,
    },
  ];
}
