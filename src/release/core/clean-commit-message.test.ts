import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanCommitMessage } from "./clean-commit-message.js";

test("comments, the scissors line and what follows it, and surrounding blank lines are not the message", () => {
  const table: Array<[string, string]> = [
    ["feat: add\n", "feat: add"],
    ["feat: add\n\nbody\n# Please enter the commit message\n#\n", "feat: add\n\nbody"],
    ["\n\nfix: x\r\n\r\n", "fix: x"],
    [
      "feat: a\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n+feat\n",
      "feat: a",
    ],
    ["# only comments\n", ""],
  ];
  for (const [input, expected] of table)
    assert.equal(cleanCommitMessage(input), expected, JSON.stringify(input));
});
