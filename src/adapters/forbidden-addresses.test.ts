import assert from "node:assert/strict";
import { test } from "node:test";
import { findForbiddenAddress, findForbiddenHost } from "./forbidden-addresses.js";

test("link-local, metadata and unspecified addresses are forbidden, wherever they hide", () => {
  for (const [address, found] of [
    ["169.254.169.254", "a cloud metadata address"],
    ["fd00:ec2::254", "a cloud metadata address"],
    ["::ffff:169.254.169.254", "a cloud metadata address"],
    ["64:ff9b::a9fe:a9fe", "a cloud metadata address"],
    ["100.100.100.200", "a cloud metadata address"],
    ["169.254.0.1", "a link-local address"],
    ["169.254.255.254", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["febf:ffff::1", "a link-local address"],
    ["0.0.0.0", "an unspecified address"],
    ["::", "an unspecified address"],
  ] as const) {
    assert.equal(findForbiddenAddress(address), found, address);
  }
});

test("loopback, private and public addresses are allowed; names are left to the resolver", () => {
  for (const address of [
    "127.0.0.1",
    "::1",
    "10.0.0.5",
    "192.168.1.1",
    "fd00::1",
    "140.82.112.3",
    "169.253.1.1",
    "fec0::1",
  ]) {
    assert.equal(findForbiddenAddress(address), null, address);
  }
  assert.equal(findForbiddenAddress("hooks.slack.com"), null);
  assert.equal(findForbiddenHost("hooks.slack.com"), null);
  assert.equal(findForbiddenHost("localhost"), null);
});

test("a URL's host is judged as written: brackets, a final dot and capitals do not hide it", () => {
  assert.equal(findForbiddenHost("[fe80::1]"), "a link-local address");
  assert.equal(findForbiddenHost("Metadata.Google.Internal."), "a cloud metadata host name");
  assert.equal(findForbiddenHost("metadata"), "a cloud metadata host name");
  assert.equal(findForbiddenHost("169.254.169.254"), "a cloud metadata address");
  assert.equal(findForbiddenHost("[::1]"), null);
});
