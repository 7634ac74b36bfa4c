import assert from "node:assert/strict";
import { test } from "node:test";
import { lintCommitMessage } from "./lint-commit-message.js";

test("conventional messages pass; merges and git's reverts are skipped", () => {
  for (const message of [
    "feat: add export",
    "fix(parser): keep CRLF\n\nBody.\n\nCloses #12\n",
    "feat(api)!: drop v1\n\nBREAKING CHANGE: v1 is gone\n",
    "chore(release): 1.4.0",
  ]) {
    assert.deepEqual(lintCommitMessage(message), { skipped: false, problems: [] }, message);
  }
  assert.equal(lintCommitMessage("Merge pull request #4 from octo/topic").skipped, true);
  assert.equal(
    lintCommitMessage('Revert "feat: add export"\n\nThis reverts commit abcdef1.\n').skipped,
    true,
  );
});

test("each way a header goes wrong is named, with how to write it", () => {
  const cases: [string, RegExp][] = [
    ["Update README", /has no "type: " in front\. Write it as "type\(scope\): what changed"/],
    ["Feat: add export", /the type "Feat" must be lower case: "feat"/],
    ["fix:crash on start", /put one space after the colon: "fix: crash on start"/],
    ["fix:  crash", /put exactly one space after the colon: "fix: crash"/],
    ["feat(): export", /the scope in "feat\(\)" is empty/],
    ["feat: ", /there is no description after "feat:"/],
    ["feat-ui: export", /the type "feat-ui" must be letters only/],
    [": export", /no type before the colon/],
    ["", /the header is empty/],
    [
      "wip: half done",
      /the type "wip" is not one of build, chore, ci, docs, feat, fix, perf, refactor, revert, style, test/,
    ],
    [`feat: ${"x".repeat(120)}`, /the header is 126 characters long; keep it within 100/],
    ["feat: x\n\nBREAKING CHANGE:gone", /"BREAKING CHANGE: " with a space after the colon/],
  ];
  for (const [message, expected] of cases) {
    const { problems } = lintCommitMessage(message);
    assert.ok(
      problems.some((p) => expected.test(p)),
      `${JSON.stringify(message)}: ${problems.join(" | ")}`,
    );
  }
});

test("the allowed types can be configured", () => {
  assert.deepEqual(lintCommitMessage("wip: half done", ["wip", "feat"]).problems, []);
  assert.equal(lintCommitMessage("fix: x", ["feat"]).problems.length, 1);
});
