import assert from "node:assert/strict";
import { test } from "node:test";
import { findCauseInText, parseCause, sameCommit, sameVersion } from "./parse-cause.js";

test("causes written as versions, commits, deploy ids and links", () => {
  const cases: [string, ReturnType<typeof parseCause>][] = [
    ["v1.4.2", { version: "v1.4.2", commit: null, deployId: null }],
    ["1.4.2.", { version: "1.4.2", commit: null, deployId: null }],
    ["3F2A9C1", { version: "3F2A9C1", commit: "3f2a9c1", deployId: null }],
    [
      "deploy:production-20260301T1000-3f2a9c1",
      { version: null, commit: null, deployId: "production-20260301T1000-3f2a9c1" },
    ],
    [
      "https://github.com/acme/shop/commit/3f2a9c1d0e",
      { version: null, commit: "3f2a9c1d0e", deployId: null },
    ],
    ["https://github.com/acme/shop/releases/tag/v1.4.2", { version: "v1.4.2", commit: null, deployId: null }],
    ["https://example.com/somewhere", null],
    ["   ", null],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseCause(text), expected, text);
});

test("Caused-by lines are found in an incident's text, case and dashes aside", () => {
  assert.deepEqual(findCauseInText("Checkout is down.\n\nCaused-by: v1.4.2\n"), {
    version: "v1.4.2",
    commit: null,
    deployId: null,
  });
  assert.equal(findCauseInText("caused by: 3f2a9c1")?.commit, "3f2a9c1");
  assert.equal(findCauseInText("Nothing here says what caused it."), null);
});

test("versions match with or without v; commits by a prefix of 7 or more", () => {
  assert.ok(sameVersion("v1.4.2", "1.4.2"));
  assert.ok(sameVersion("1.4.2", "V1.4.2"));
  assert.ok(!sameVersion("v1.4.20", "v1.4.2"));
  assert.ok(!sameVersion(null, "v1"));
  assert.ok(sameCommit("3f2a9c1d0e5b", "3f2a9c1"));
  assert.ok(sameCommit("3f2a9c1", "3F2A9C1D0E5B"));
  assert.ok(!sameCommit("3f2a9c1d0e5b", "3f2a9c"));
  assert.ok(!sameCommit("3f2a9c1d0e5b", "3f2a9c2"));
});
