import assert from "node:assert/strict";
import dc from "node:diagnostics_channel";
import { describe, it } from "node:test";
import { serveUntilDone as serve } from "../../test/helpers/serve-until-done.js";
import { startTestServer } from "../../test/helpers/start-test-server.js";
import { EvidenceError } from "../errors.js";
import type { ProbeFailure } from "../ports.js";
import { createHttpProbe, httpProbe } from "./http-probe.js";

function failsWith(code: ProbeFailure, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof EvidenceError, `an EvidenceError, got ${String(error)}`);
    assert.equal((error as EvidenceError & { code: string }).code, code);
    if (message) assert.match(error.message, message);
    return true;
  };
}

/** Counts client sockets created while `fn` runs, to prove a refusal happened before any connection. */
async function socketsOpenedBy(fn: () => Promise<unknown>): Promise<number> {
  let sockets = 0;
  const count = () => sockets++;
  dc.subscribe("net.client.socket", count);
  try {
    await fn();
  } finally {
    dc.unsubscribe("net.client.socket", count);
  }
  return sockets;
}

describe("httpProbe", () => {
  it("answers the status and latency of a GET, sending the headers", async () => {
    const server = await serve((request, response) => {
      response.writeHead(request.method === "GET" && request.headers["x-check"] === "yes" ? 200 : 400);
      response.end("ok");
    });
    const answer = await httpProbe.get(`${server.url}/health`, {
      timeoutMs: 2000,
      headers: { "X-Check": "yes" },
    });
    assert.equal(answer.status, 200);
    assert.ok(answer.latencyMs >= 0);
    assert.equal(answer.note, undefined);
    assert.equal(server.requests[0]?.url, "/health");
  });

  it("answers error statuses instead of throwing", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(503);
      response.end();
    });
    assert.equal((await httpProbe.get(server.url, { timeoutMs: 2000 })).status, 503);
  });

  it("sends the URL's user and password as basic auth", async () => {
    const server = await serve((request, response) => {
      response.writeHead(request.headers.authorization === `Basic ${btoa("probe:p@ss")}` ? 204 : 401);
      response.end();
    });
    const url = server.url.replace("http://", "http://probe:p%40ss@");
    assert.equal((await httpProbe.get(url, { timeoutMs: 2000 })).status, 204);
  });

  it("throws when the connection is refused", async () => {
    const server = await startTestServer(() => {});
    await server.close();
    await assert.rejects(
      httpProbe.get(server.url, { timeoutMs: 2000 }),
      failsWith("connection-refused", /127\.0\.0\.1:\d+ refused the connection/),
    );
  });

  it("throws at the timeout when the server never answers", async () => {
    const server = await serve(() => {});
    await assert.rejects(
      httpProbe.get(server.url, { timeoutMs: 50 }),
      failsWith("timeout", /no answer from 127\.0\.0\.1:\d+ within 50 ms/),
    );
  });

  it("counts the body in the timeout", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write("partial");
    });
    await assert.rejects(httpProbe.get(server.url, { timeoutMs: 80 }), failsWith("timeout"));
  });

  it("stops when the signal aborts", async () => {
    const server = await serve(() => {});
    await assert.rejects(
      httpProbe.get(server.url, { timeoutMs: 5000, signal: AbortSignal.timeout(30) }),
      failsWith("aborted", /stopped/),
    );
  });

  it("stops reading a large body at the cap and drops the connection", async () => {
    let dropped: Promise<void> | undefined;
    const server = await serve((_request, response) => {
      dropped = new Promise((resolve) => response.on("close", resolve));
      response.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, "x");
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once("drain", pump);
      };
      pump();
    });
    const answer = await createHttpProbe({ maxBodyBytes: 64 * 1024 }).get(server.url, { timeoutMs: 5000 });
    assert.equal(answer.status, 200);
    await dropped;
  });

  it("follows redirects on the same host", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/start") response.writeHead(302, { location: "/next" });
      else if (request.url === "/next") response.writeHead(301, { location: `${server.url}/health` });
      else response.writeHead(200);
      response.end();
    });
    const answer = await httpProbe.get(`${server.url}/start`, { timeoutMs: 2000 });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ["/start", "/next", "/health"],
    );
  });

  it("does not follow a redirect to another host", async () => {
    const server = await serve((request, response) => {
      response.writeHead(302, { location: `http://localhost:${server.port}/health` });
      response.end();
    });
    const answer = await httpProbe.get(server.url, { timeoutMs: 2000 });
    assert.equal(answer.status, 302);
    assert.equal(answer.note, "redirect to another host (localhost) not followed");
    assert.equal(server.requests.length, 1);
  });

  it("stops following after five redirects", async () => {
    const server = await serve((request, response) => {
      response.writeHead(307, { location: `/hop${Number(request.url!.slice(4) || 0) + 1}` });
      response.end();
    });
    const answer = await httpProbe.get(`${server.url}/hop0`, { timeoutMs: 2000 });
    assert.equal(answer.status, 307);
    assert.equal(answer.note, "redirect beyond 5 redirects not followed");
    assert.equal(server.requests.length, 6);
  });

  for (const [url, word] of [
    ["http://169.254.169.254/latest/meta-data/", "cloud metadata address"],
    ["http://[::ffff:169.254.169.254]/", "cloud metadata address"],
    ["http://[64:ff9b::a9fe:a9fe]/", "cloud metadata address"],
    ["http://2852039166/", "cloud metadata address"],
    ["http://[fd00:ec2::254]/", "cloud metadata address"],
    ["http://100.100.100.200/", "cloud metadata address"],
    ["http://metadata.google.internal/computeMetadata/v1/", "cloud metadata host name"],
    ["http://METADATA./", "cloud metadata host name"],
    ["http://169.254.10.1:8080/", "link-local address"],
    ["http://[fe80::1]/", "link-local address"],
    ["http://[::ffff:169.254.10.1]/", "link-local address"],
    ["http://0.0.0.0:8080/", "unspecified address"],
    ["http://[::]/", "unspecified address"],
  ] as const) {
    it(`refuses ${url} before connecting`, async () => {
      const sockets = await socketsOpenedBy(() =>
        assert.rejects(
          httpProbe.get(url, { timeoutMs: 2000 }),
          failsWith("address-refused", new RegExp(`${word}, refused on purpose`)),
        ),
      );
      assert.equal(sockets, 0);
    });
  }

  it("refuses a name that resolves to a forbidden address, at connect time", async () => {
    const rebinding = createHttpProbe({
      resolveHost: async () => [
        { address: "127.0.0.1", family: 4 },
        { address: "169.254.169.254", family: 4 },
      ],
    });
    await assert.rejects(
      rebinding.get("http://health.example.test:8080/", { timeoutMs: 2000 }),
      failsWith(
        "address-refused",
        /health\.example\.test resolves to 169\.254\.169\.254, a cloud metadata address/,
      ),
    );
  });

  it("connects to loopback and private addresses a name resolves to", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200);
      response.end();
    });
    const resolving = createHttpProbe({ resolveHost: async () => [{ address: "127.0.0.1", family: 4 }] });
    const answer = await resolving.get(`http://health.example.test:${server.port}/`, { timeoutMs: 2000 });
    assert.equal(answer.status, 200);
    assert.equal(server.requests[0]?.headers.host, `health.example.test:${server.port}`);
  });

  it("throws when the name does not resolve", async () => {
    const unresolvable = createHttpProbe({
      resolveHost: () =>
        Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })),
    });
    await assert.rejects(
      unresolvable.get("http://nowhere.example.test/", { timeoutMs: 2000 }),
      failsWith("dns", /could not resolve nowhere\.example\.test/),
    );
  });

  it("probes only http and https URLs", async () => {
    await assert.rejects(httpProbe.get("ftp://127.0.0.1/", { timeoutMs: 100 }), failsWith("bad-url", /ftp:/));
    await assert.rejects(httpProbe.get("not a url", { timeoutMs: 100 }), failsWith("bad-url"));
  });

  it("rejects a header value it cannot send without repeating the value", async () => {
    const secret = "line\nbreak-secret-value";
    await assert.rejects(
      httpProbe.get("http://127.0.0.1:9/", { timeoutMs: 100, headers: { authorization: secret } }),
      (error: unknown) => {
        failsWith("bad-request")(error);
        assert.ok(!(error as Error).message.includes("secret"));
        return true;
      },
    );
  });
});
