import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import fc from "fast-check";
import { quoteShell } from "./quote-shell.js";
import { renderStepCommand } from "./render-step-command.js";

test("a plain value stays as it is, so it may sit inside the command's own quotes", () => {
  for (const value of ["1.4.2", "v2.0.0-rc.1", "abc1234", "eu-west-1", "a/b:c@d"])
    assert.equal(quoteShell(value), value);
  assert.equal(quoteShell(""), "''");
  assert.equal(quoteShell("it's"), `'it'\\''s'`);
});

test("whatever the value, the shell reads it back as exactly one word", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "grapheme-ascii" }).filter((s) => !s.includes("\0")),
      (value) => {
        const out = execFileSync("/bin/sh", ["-c", `printf '%s' ${quoteShell(value)}`], { encoding: "utf8" });
        assert.equal(out, value);
      },
    ),
    { numRuns: 60 },
  );
});

test("templates are replaced, spaced or not; unknown ones and a missing previous version are handled", () => {
  const values = { version: "1.4.2", previous: null, commit: "abc", env: "prod west", weight: 20 };
  assert.equal(
    renderStepCommand("deploy {{version}} {{ previous }} {{commit}} {{env}} {{weight}} {{other}}", values),
    "deploy 1.4.2 '' abc 'prod west' 20 {{other}}",
  );
});
