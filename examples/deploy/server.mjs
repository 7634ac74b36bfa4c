// The example service that `shipready deploy --config examples/deploy/shipready.yml` deploys,
// verifies and rolls back. Its behaviour is its version, read once at start from
// $SERVICE_STATE_DIR/current-version (default: ./state beside this file), or $SERVICE_VERSION:
//   version 1: healthy.
//   version 2: answers 500 to every other request to / and fails /health.
// It exposes Prometheus metrics at /metrics with the real prom-client: http_requests_total{code}
// and the request duration histogram http_request_duration_seconds.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import client from "prom-client";

const here = dirname(fileURLToPath(import.meta.url));
const stateDir = process.env.SERVICE_STATE_DIR ?? join(here, "state");
const port = Number(process.env.PORT ?? 8000);
const version = process.env.SERVICE_VERSION ?? readVersion();

function readVersion() {
  try {
    return readFileSync(join(stateDir, "current-version"), "utf8").trim() || "1";
  } catch {
    return "1";
  }
}

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const requests = new client.Counter({
  name: "http_requests_total",
  help: "Requests answered, by status code.",
  labelNames: ["code"],
  registers: [registry],
});
const duration = new client.Histogram({
  name: "http_request_duration_seconds",
  help: "Time to answer a request.",
  labelNames: ["code"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});
// Both codes exist from the start at 0: a series that does not exist yet is no data, and
// `sum(rate(...{code=~"5.."}[15s])) / ...` would be empty instead of 0 while all is well.
requests.labels({ code: "200" }).inc(0);
requests.labels({ code: "500" }).inc(0);
new client.Gauge({ name: "service_version", help: "The version running.", registers: [registry] }).set(Number(version) || 0);

const failing = version === "2";
let served = 0;

const server = createServer(async (request, response) => {
  const path = (request.url ?? "/").split("?")[0];
  if (path === "/metrics") {
    response.writeHead(200, { "content-type": registry.contentType });
    response.end(await registry.metrics());
    return;
  }
  const stop = duration.startTimer();
  let status = 200;
  let body = `version ${version}\n`;
  if (path === "/health") {
    if (failing) [status, body] = [500, "unhealthy\n"];
  } else if (path === "/") {
    served++;
    if (failing && served % 2 === 0) [status, body] = [500, "internal error\n"];
  } else {
    [status, body] = [404, "not found\n"];
  }
  response.writeHead(status, { "content-type": "text/plain" });
  response.end(body);
  if (path === "/") {
    requests.labels({ code: String(status) }).inc();
    stop({ code: String(status) });
  }
});

server.listen(port, process.env.HOST ?? "127.0.0.1", () => {
  process.stdout.write(`example service version ${version} listening on http://127.0.0.1:${port}\n`);
});
// Keep-alive connections (Prometheus's scrapes, the load) would hold close() open: drop them.
const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
