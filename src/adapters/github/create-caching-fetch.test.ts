import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createCachingFetch } from "./create-caching-fetch.js";

// A server on 127.0.0.1 answering /page/N with a body of about 1,000 characters and an ETag, and 304
// to a request that brings that ETag back; it counts what it is asked.
let server: Server;
let base: string;
const asked: { path: string; conditional: boolean }[] = [];

before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    const etag = `"${path}"`;
    asked.push({ path, conditional: request.headers["if-none-match"] === etag });
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    response.writeHead(200, { etag, "content-type": "application/json" });
    response.end(JSON.stringify({ path, filler: "x".repeat(1000) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function memoryCache() {
  const kept = new Map<string, { etag: string; headers: Record<string, string>; body: string }>();
  return {
    get: (key: string) => kept.get(key) ?? null,
    put: (key: string, answer: { etag: string; headers: Record<string, string>; body: string }) => {
      kept.set(key, answer);
    },
    close: () => undefined,
  };
}

test("a URL asked again in one run is answered from memory; past the run's budget, the least recently asked is asked again, conditionally", async () => {
  asked.length = 0;
  const caching = createCachingFetch({
    fetch: globalThis.fetch,
    cache: memoryCache(),
    credentialKey: "k",
    timeoutMs: 5000,
    shapeOf: () => null,
    // About four answers.
    answersBudget: 4 * 1600,
  });
  const read = async (n: number) => {
    const response = await caching.fetch(`${base}/page/${n}`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { path: string }).path, `/page/${n}`);
  };
  await read(1);
  await read(1);
  assert.deepEqual(asked, [{ path: "/page/1", conditional: false }]);
  for (let n = 2; n <= 10; n++) await read(n);
  asked.length = 0;
  // Page 10 is still in memory; page 1 was let go and is asked again with its ETag (a 304).
  await read(10);
  await read(1);
  assert.deepEqual(asked, [{ path: "/page/1", conditional: true }]);
  assert.deepEqual(caching.counters, { requests: 11, notModified: 1 });
});
