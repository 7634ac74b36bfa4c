import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, openSync, closeSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

export const PROMETHEUS_BIN = process.env.SHIPREADY_PROMETHEUS ?? "/usr/bin/prometheus";

export interface RunningPrometheus {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  /** Stops Prometheus (TERM, then KILL) and removes its folder. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (another process may take it before it is used: rare, and retried by callers that care). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real Prometheus (Debian's /usr/bin/prometheus) on 127.0.0.1 and a free port, in a
 * temporary folder with its own storage, scraping `targets` (host:port) every second, and waits
 * until it says it is ready. The scrape interval of 1 s keeps the windows of tests short but real.
 */
export async function startPrometheus(
  targets: string[],
  options: { scrapeInterval?: string } = {},
): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "shipready-prometheus-"));
  const interval = options.scrapeInterval ?? "1s";
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    // Prometheus scrapes itself too (job "prometheus"), so there is always data to query.
    const config = [
      "global:",
      `  scrape_interval: ${interval}`,
      `  evaluation_interval: ${interval}`,
      "scrape_configs:",
      "  - job_name: prometheus",
      "    static_configs:",
      `      - targets: ["127.0.0.1:${port}"]`,
      ...(targets.length > 0
        ? [
            "  - job_name: service",
            "    static_configs:",
            `      - targets: [${targets.map((t) => JSON.stringify(t)).join(", ")}]`,
          ]
        : []),
      "",
    ].join("\n");
    writeFileSync(join(dir, "prometheus.yml"), config);
    const log = join(dir, "prometheus.log");
    const out = openSync(log, "a");
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--web.enable-lifecycle",
        "--log.level=warn",
      ],
      { stdio: ["ignore", out, out], env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } },
    );
    closeSync(out);
    const url = `http://127.0.0.1:${port}`;
    const ready = await waitReady(url, child);
    if (ready) {
      return {
        url,
        port,
        stop: async () => {
          await stopChild(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child);
    if (attempt >= 2) {
      const text = readFileSync(log, "utf8").slice(-2000);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Prometheus did not become ready on ${url}:\n${text}`);
    }
  }
}

async function waitReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  return false;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killed = await Promise.race([
    exited.then(() => true),
    delay(5000, undefined, { ref: false }).then(() => false),
  ]);
  if (!killed) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Waits until `query` gives a value in Prometheus (the first scrapes have landed), or throws after `timeoutMs`. */
export async function waitForData(url: string, query: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await response.json()) as { data?: { result?: { value?: [number, string] }[] } };
      const value = body.data?.result?.[0]?.value?.[1];
      if (value !== undefined && value !== "NaN") return;
    } catch {
      // Not answering yet.
    }
    await delay(200);
  }
  throw new Error(`no data for ${query} in Prometheus after ${timeoutMs} ms`);
}
