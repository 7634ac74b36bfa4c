import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./parse-config.js";

const file = path.join(path.resolve("/repo"), "shipready.yml");

test("commit settings: defaults, and each key as written", () => {
  assert.deepEqual(parseConfig("", file).config.commit, {
    via: "git",
    message: "chore(readiness): update {checklist} to {score} {band}",
    skipCi: true,
    remote: "origin",
    retries: 3,
  });
  const text = `commit:
  via: api
  message: "docs: readiness {score} ({band})"
  skipCi: false
  remote: upstream
  retries: 0
`;
  assert.deepEqual(parseConfig(text, file).config.commit, {
    via: "api",
    message: "docs: readiness {score} ({band})",
    skipCi: false,
    remote: "upstream",
    retries: 0,
  });
});

test("bad commit settings are reported at their lines, naming what to write", () => {
  const text = `commit:
  via: ssh
  message: "chore: {scor}"
  retries: 11
`;
  let problems: readonly string[] = [];
  try {
    parseConfig(text, file);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    problems = error.problems;
  }
  assert.equal(problems.length, 3, problems.join("\n"));
  assert.match(problems[0]!, /:2: commit\.via: expected git or api/);
  assert.match(problems[1]!, /:3: commit\.message: expected a commit message/);
  assert.match(problems[2]!, /:4: commit\.retries: /);
});
