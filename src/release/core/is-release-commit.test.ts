import { test } from "node:test";
import assert from "node:assert/strict";
import { isReleaseCommit } from "./is-release-commit.js";

const RELEASE_PATHS = new Set(["package.json", "VERSION", "CHANGELOG.md"]);
const commit = (over: Partial<{ parents: string[]; message: string; files: string[] }> = {}) => ({
  parents: ["a".repeat(40)],
  message: "chore(release): 1.3.0\n\nSigned-off-by: Bot <bot@example.com>\n",
  files: ["VERSION", "CHANGELOG.md"],
  ...over,
});

test("an earlier try's release commit: the release commit's subject, one parent, only release files", () => {
  assert.equal(isReleaseCommit(commit(), "chore(release): 1.3.0", RELEASE_PATHS), true);
  assert.equal(isReleaseCommit(commit({ files: [] }), "chore(release): 1.3.0\n\nmore", RELEASE_PATHS), true);
});

test("another subject, a merge, a root commit or another file is not the release commit", () => {
  assert.equal(isReleaseCommit(commit(), "chore(release): 1.4.0", RELEASE_PATHS), false);
  assert.equal(
    isReleaseCommit(commit({ parents: ["a", "b"] }), "chore(release): 1.3.0", RELEASE_PATHS),
    false,
  );
  assert.equal(isReleaseCommit(commit({ parents: [] }), "chore(release): 1.3.0", RELEASE_PATHS), false);
  const swept = commit({ files: ["VERSION", "src/login.ts"] });
  assert.equal(isReleaseCommit(swept, "chore(release): 1.3.0", RELEASE_PATHS), false);
});
