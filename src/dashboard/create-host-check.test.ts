import assert from "node:assert/strict";
import { test } from "node:test";
import { createHostCheck } from "./create-host-check.js";

test("on 127.0.0.1 the loopback names at its port are served, and nothing else", () => {
  const check = createHostCheck({ host: "127.0.0.1", port: 4100 });
  for (const host of ["127.0.0.1:4100", "localhost:4100", "LOCALHOST:4100", "[::1]:4100"]) {
    assert.ok(check.allows(host), host);
  }
  for (const host of [
    undefined,
    "",
    "evil.example:4100",
    "127.0.0.1.nip.io:4100",
    "localhost.evil.example:4100",
    "127.0.0.1",
    "127.0.0.1:4101",
    "localhost",
    "192.168.1.20:4100",
  ]) {
    assert.equal(check.allows(host), false, String(host));
  }
});

test("the --host value is served too, IPv6 in brackets", () => {
  assert.ok(createHostCheck({ host: "dash.internal", port: 8080 }).allows("dash.internal:8080"));
  assert.ok(createHostCheck({ host: "::1", port: 4100 }).allows("[::1]:4100"));
});

test("bound to every interface, the machine's own addresses are served, but not names", () => {
  const check = createHostCheck({
    host: "0.0.0.0",
    port: 4100,
    interfaceAddresses: ["192.168.1.20", "fe80::1"],
  });
  assert.ok(check.allows("192.168.1.20:4100"));
  assert.ok(check.allows("[fe80::1]:4100"));
  assert.equal(check.allows("rebound.evil.example:4100"), false);
  // Only when bound to a wildcard: on loopback a LAN address is not served.
  const loopback = createHostCheck({ host: "127.0.0.1", port: 4100, interfaceAddresses: ["192.168.1.20"] });
  assert.equal(loopback.allows("192.168.1.20:4100"), false);
});

test("port 80 is served with and without the port, as browsers leave it out", () => {
  const check = createHostCheck({ host: "127.0.0.1", port: 80 });
  assert.ok(check.allows("localhost"));
  assert.ok(check.allows("localhost:80"));
});

test("an Origin, when sent, must be the address the request came to", () => {
  const check = createHostCheck({ host: "127.0.0.1", port: 4100 });
  assert.ok(check.sameOrigin(undefined, "127.0.0.1:4100"));
  assert.ok(check.sameOrigin("http://127.0.0.1:4100", "127.0.0.1:4100"));
  assert.ok(check.sameOrigin("http://localhost:4100", "localhost:4100"));
  assert.equal(check.sameOrigin("http://evil.example", "127.0.0.1:4100"), false);
  assert.equal(check.sameOrigin("null", "127.0.0.1:4100"), false);
  assert.equal(check.sameOrigin("http://localhost:4100", "127.0.0.1:4100"), false);
  assert.equal(check.sameOrigin("https://127.0.0.1:4100", "127.0.0.1:4100"), false);
  assert.equal(check.sameOrigin("http://evil.example:4100", "evil.example:4100"), false);
});
