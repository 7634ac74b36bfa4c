import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EVIDENCE_NOW, makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { serveUntilDone as serve } from "../../test/helpers/serve-until-done.js";
import { startTestServer } from "../../test/helpers/start-test-server.js";
import { httpProbe } from "../adapters/http-probe.js";
import type { Http } from "../ports.js";
import type { HttpSpec } from "./types.js";
import { collectHttp } from "./collect-http.js";
import type { EvidenceContext } from "./evidence-context.js";

function contextWith(parts: Partial<EvidenceContext> = {}): EvidenceContext {
  return makeEvidenceContext(process.cwd(), { http: httpProbe, ...parts });
}

function spec(url: string, extra: Partial<HttpSpec> = {}): HttpSpec {
  return {
    kind: "http",
    url,
    expect: 200,
    samples: 5,
    intervalMs: 5,
    successRatio: 0.99,
    maxLatencyMs: 1000,
    timeoutMs: 30_000,
    ...extra,
  };
}

/** Counts the calls that reach the real probe. */
function countingHttp(): Http & { calls: number } {
  const counter = {
    calls: 0,
    get: (...args: Parameters<Http["get"]>) => {
      counter.calls++;
      return httpProbe.get(...args);
    },
  };
  return counter;
}

const healthy = () =>
  serve((_request, response) => {
    response.writeHead(200);
    response.end("ok");
  });

describe("collectHttp", () => {
  it("passes when every sample is healthy", async () => {
    const server = await healthy();
    const result = await collectHttp(spec(`${server.url}/health`), contextWith());
    assert.equal(result.outcome, "pass");
    assert.deepEqual(result.provenance, {
      kind: "http",
      source: `${server.url}/health`,
      observedAt: EVIDENCE_NOW.toISOString(),
    });
    assert.equal(result.details?.[0], "5/5 samples healthy (expects 200 within 1000 ms)");
    assert.match(result.details?.[1] ?? "", /^latency p50 \d+ ms, p95 \d+ ms$/);
    assert.equal(server.requests.length, 5);
  });

  it("fails a flaky endpoint with the count of each problem", async () => {
    let count = 0;
    const server = await serve((_request, response) => {
      response.writeHead(++count % 3 === 0 ? 503 : 200);
      response.end();
    });
    const result = await collectHttp(spec(server.url, { samples: 9, successRatio: 0.7 }), contextWith());
    assert.equal(result.outcome, "fail");
    assert.equal(result.provenance.message, "6/9 samples healthy (66.7%, needs 70.0%): 3 answered 503");
    assert.ok(result.details?.includes("not healthy: 3 answered 503"));
    assert.equal(server.requests.length, 9);
  });

  it("passes a flaky endpoint when the ratio allows it, stopping once the rest cannot matter", async () => {
    let count = 0;
    const server = await serve((_request, response) => {
      response.writeHead(++count % 3 === 0 ? 503 : 200);
      response.end();
    });
    const result = await collectHttp(spec(server.url, { samples: 9, successRatio: 0.5 }), contextWith());
    assert.equal(result.outcome, "pass");
    assert.equal(server.requests.length, 7);
    assert.ok(
      result.details?.includes("stopped after 7 of 9 samples: the rest could not change the outcome"),
    );
  });

  it("stops early when the threshold can no longer be reached", async () => {
    let count = 0;
    const server = await serve((_request, response) => {
      response.writeHead(++count % 3 === 0 ? 503 : 200);
      response.end();
    });
    const result = await collectHttp(spec(server.url, { samples: 20 }), contextWith());
    assert.equal(result.outcome, "fail");
    assert.equal(result.provenance.message, "2/3 samples healthy (66.7%, needs 99.0%): 1 answered 503");
    assert.equal(server.requests.length, 3);
  });

  it("does not count answers slower than the latency bound", async () => {
    const server = await serve((_request, response) => {
      setTimeout(() => {
        response.writeHead(200);
        response.end();
      }, 70);
    });
    const result = await collectHttp(spec(server.url, { samples: 2, maxLatencyMs: 50 }), contextWith());
    assert.equal(result.outcome, "fail");
    assert.match(
      result.provenance.message!,
      /^0\/1 samples healthy \(0\.0%, needs 99\.0%\): 1 slower than 50 ms$/,
    );
  });

  it("counts timeouts among the problems", async () => {
    let count = 0;
    const server = await serve((_request, response) => {
      if (++count === 1) return;
      response.writeHead(200);
      response.end();
    });
    const result = await collectHttp(spec(server.url, { samples: 4, maxLatencyMs: 50 }), contextWith());
    assert.equal(result.outcome, "fail");
    assert.equal(result.provenance.message, "1/2 samples healthy (50.0%, needs 99.0%): 1 timed out");
  });

  it("is inconclusive when the endpoint never answers", async () => {
    const server = await serve(() => {});
    const result = await collectHttp(spec(server.url, { samples: 3, maxLatencyMs: 10 }), contextWith());
    assert.equal(result.outcome, "inconclusive");
    assert.match(
      result.provenance.message!,
      /^the endpoint never answered: no answer from 127\.0\.0\.1:\d+ within 40 ms$/,
    );
    assert.equal(server.requests.length, 3);
  });

  it("is inconclusive when nothing listens", async () => {
    const server = await startTestServer(() => {});
    await server.close();
    const result = await collectHttp(spec(server.url, { samples: 2 }), contextWith());
    assert.equal(result.outcome, "inconclusive");
    assert.match(result.provenance.message!, /^the endpoint never answered: .* refused the connection$/);
  });

  it("is inconclusive at once for a refused address, saying it is on purpose", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://metadata.google.internal/",
    ]) {
      const http = countingHttp();
      const result = await collectHttp(spec(url), contextWith({ http }));
      assert.equal(result.outcome, "inconclusive");
      assert.match(result.provenance.message!, /cloud metadata (address|host name), refused on purpose/);
      assert.equal(http.calls, 1);
    }
  });

  it("fills headers from the environment and never shows their values", async () => {
    const canary = "canary-health-3b9e1f7d";
    const server = await serve((request, response) => {
      response.writeHead(request.headers.authorization === `Bearer ${canary}` ? 200 : 401);
      response.end();
    });
    const result = await collectHttp(
      spec(server.url, { samples: 2, headers: { Authorization: "Bearer ${HEALTH_TOKEN}" } }),
      contextWith({ env: { HEALTH_TOKEN: canary } }),
    );
    assert.equal(result.outcome, "pass");
    assert.ok(!JSON.stringify(result).includes(canary));
  });

  it("is inconclusive when a header names a missing variable, without a request", async () => {
    const server = await healthy();
    const result = await collectHttp(
      spec(server.url, { headers: { "X-Api-Key": "${HEALTH_API_KEY}" } }),
      contextWith({ env: { OTHER: "x" } }),
    );
    assert.equal(result.outcome, "inconclusive");
    assert.match(
      result.provenance.message!,
      /header X-Api-Key needs the environment variable HEALTH_API_KEY/,
    );
    assert.equal(server.requests.length, 0);
  });

  it("is inconclusive when stopped between samples", async () => {
    const server = await healthy();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await collectHttp(
      spec(server.url, { samples: 100, intervalMs: 10_000 }),
      contextWith({ signal: controller.signal }),
    );
    assert.equal(result.outcome, "inconclusive");
    assert.equal(result.provenance.message, "stopped after 1 of 100 samples");
  });

  it("hides user, password and query values in the source", async () => {
    const server = await healthy();
    const url = server.url.replace("http://", "http://probe:s3cret@") + "/health?token=abc123&ready";
    const result = await collectHttp(spec(url, { samples: 1 }), contextWith());
    assert.equal(result.provenance.source, `http://***@127.0.0.1:${server.port}/health?token=***&***`);
  });

  it("notes a redirect to another host that was not followed", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: `http://localhost:${server.port}/` });
      response.end();
    });
    const result = await collectHttp(spec(server.url, { samples: 1 }), contextWith());
    assert.equal(result.outcome, "fail");
    assert.equal(result.provenance.message, "0/1 samples healthy (0.0%, needs 99.0%): 1 answered 302");
    assert.ok(result.details?.includes("redirect to another host (localhost) not followed"));
  });
});
