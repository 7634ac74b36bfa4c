import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startTestServer } from "../../test/helpers/start-test-server.js";
import { freePort } from "../../test/helpers/start-prometheus.js";
import type { MetricSource } from "../deploy/types.js";
import { createHttpProbe } from "./http-probe.js";
import { createHttpMetricReader } from "./http-metric-reader.js";

const server = await startTestServer(async (request, response) => {
  if (request.url === "/slow") await new Promise((resolve) => setTimeout(resolve, 150));
  const status =
    request.url === "/down"
      ? 503
      : request.url === "/auth" && request.headers.authorization !== "Bearer t0ken-value"
        ? 401
        : 200;
  response.writeHead(status);
  response.end("ok");
});
after(() => server.close());

const reader = createHttpMetricReader(createHttpProbe(), { HEALTH_TOKEN: "t0ken-value" });
const http = (path: string, extra: Partial<Extract<MetricSource, { kind: "http" }>> = {}): MetricSource => ({
  kind: "http",
  url: `${server.url}${path}`,
  timeoutMs: 2000,
  ...extra,
});

test("a probe is 1 when it answers as expected in time, else 0 with what happened", async () => {
  assert.equal((await reader.sample(http("/health"), { windowMs: 1 })).value, 1);
  const down = await reader.sample(http("/down"), { windowMs: 1 });
  assert.deepEqual([down.value, down.note], [0, "answered 503"]);
  assert.equal((await reader.sample(http("/down", { expect: [503] }), { windowMs: 1 })).value, 1);
  const slow = await reader.sample(http("/slow", { maxLatencyMs: 50 }), { windowMs: 1 });
  assert.deepEqual([slow.value, slow.note], [0, "slower than 50 ms"]);
  assert.equal(
    (
      await reader.sample(http("/auth", { headers: { Authorization: "Bearer ${HEALTH_TOKEN}" } }), {
        windowMs: 1,
      })
    ).value,
    1,
  );
});

test("a service that does not answer fails the probe; a probe that cannot be made is no data", async () => {
  const port = await freePort();
  const refused = await reader.sample(
    { kind: "http", url: `http://127.0.0.1:${port}/health`, timeoutMs: 1000 },
    { windowMs: 1 },
  );
  assert.equal(refused.value, 0);
  assert.match(refused.note!, /refused the connection/);
  assert.equal(
    await reader.check({ kind: "http", url: `http://127.0.0.1:${port}/health`, timeoutMs: 1000 }, {}),
    null,
  );

  const metadata: MetricSource = {
    kind: "http",
    url: "http://169.254.169.254/latest/meta-data",
    timeoutMs: 1000,
  };
  const sample = await reader.sample(metadata, { windowMs: 1 });
  assert.equal(sample.value, null);
  assert.match((await reader.check(metadata, {}))!, /refused on purpose/);
  const missing = await reader.sample(
    http("/auth", { headers: { Authorization: "Bearer ${UNSET_VARIABLE}" } }),
    { windowMs: 1 },
  );
  assert.equal(missing.value, null);
  assert.match(missing.note!, /UNSET_VARIABLE/);
  assert.deepEqual(
    await reader.range(http("/health"), { start: new Date(0), end: new Date(), stepMs: 1000 }),
    [],
  );
});
