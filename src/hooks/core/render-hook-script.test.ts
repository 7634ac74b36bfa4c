import assert from "node:assert/strict";
import { test } from "node:test";
import { renderHookScript } from "./render-hook-script.js";

test("each hook script says how to skip it and runs the hook's command from node_modules/.bin or PATH", () => {
  for (const [hook, command, skip] of [
    ["pre-push", "preflight", "git push --no-verify"],
    ["commit-msg", 'lint-commits --message-file "$1"', "git commit --no-verify"],
  ] as const) {
    const script = renderHookScript(hook);
    assert.ok(script.startsWith("#!/bin/sh\n"));
    assert.ok(script.includes(`"$shipready" ${command} && exit 0`));
    assert.ok(script.includes("node_modules/.bin/shipready"));
    assert.ok(script.includes("command -v shipready"));
    assert.ok(script.includes(skip));
    assert.ok(script.endsWith("exit $status\n"));
  }
});
