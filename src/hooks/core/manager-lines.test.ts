import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { managerRunsShipready, renderManagerLines } from "./manager-lines.js";

test("the lines shown for each manager, once added, are read as running shipready for that hook only", () => {
  for (const hook of ["pre-push", "commit-msg"] as const) {
    const other = hook === "pre-push" ? "commit-msg" : "pre-push";
    const husky = renderManagerLines("husky", hook);
    assert.equal(managerRunsShipready("husky", hook, husky), true);
    assert.equal(managerRunsShipready("husky", other, husky), false);

    const lefthook = renderManagerLines("lefthook", hook);
    assert.ok(parse(lefthook), "valid YAML");
    assert.equal(managerRunsShipready("lefthook", hook, lefthook), true);
    assert.equal(managerRunsShipready("lefthook", other, lefthook), false);

    const preCommit = `repos:\n${renderManagerLines("pre-commit", hook).replace(/^/gm, "  ")}\n`;
    assert.ok(parse(preCommit), "valid YAML");
    assert.equal(managerRunsShipready("pre-commit", hook, preCommit), true);
    assert.equal(managerRunsShipready("pre-commit", other, preCommit), false);
  }
});

test("pre-commit's older stage name and default_stages count; unreadable config does not", () => {
  const legacy =
    "repos:\n  - repo: local\n    hooks:\n      - id: x\n        entry: shipready preflight\n        stages: [push]\n";
  assert.equal(managerRunsShipready("pre-commit", "pre-push", legacy), true);
  const defaults =
    "default_stages: [pre-push]\nrepos:\n  - repo: local\n    hooks:\n      - id: x\n        entry: shipready preflight\n";
  assert.equal(managerRunsShipready("pre-commit", "pre-push", defaults), true);
  assert.equal(managerRunsShipready("pre-commit", "pre-push", "repos: [\n"), false);
  assert.equal(managerRunsShipready("lefthook", "pre-push", "- a list\n"), false);
});
