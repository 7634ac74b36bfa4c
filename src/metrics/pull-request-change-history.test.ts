import assert from "node:assert/strict";
import { test } from "node:test";
import type { GitHubFeeds } from "./github-feeds.js";
import type { ChangeHistory } from "./ports.js";
import { pullRequestStartHistory } from "./pull-request-change-history.js";

/** GitHub as far as the correction asks it, counting each question. */
function feedsAnswering(pulls: Record<string, number[]>, starts: Record<number, string | null>) {
  const asked: string[] = [];
  const feeds = {
    async pullRequestsOf(_repo: string, sha: string) {
      asked.push(`pulls of ${sha}`);
      return pulls[sha] ?? [];
    },
    async pullRequestStart(_repo: string, pull: number) {
      asked.push(`start of #${pull}`);
      return starts[pull] ?? null;
    },
  } as unknown as GitHubFeeds;
  return { feeds, asked };
}

const history: ChangeHistory = {
  async commitsBetween() {
    return [
      { sha: "a1", at: "2026-01-05T00:00:00.000Z", subject: "Add cart" },
      { sha: "b2", at: "2026-01-06T00:00:00.000Z", subject: "Change totals (#7)" },
      { sha: "c3", at: "2026-01-07T00:00:00.000Z", subject: "Merge pull request #7 from o/totals" },
      { sha: "d4", at: "2026-01-07T01:00:00.000Z", subject: "Bump version" },
    ];
  },
};

test("each change is dated from its pull request's first commit, asking once per commit and once per pull request", async () => {
  const { feeds, asked } = feedsAnswering(
    { a1: [1] },
    { 1: "2026-01-02T00:00:00.000Z", 7: "2026-01-03T00:00:00.000Z" },
  );
  const corrected = await pullRequestStartHistory(history, feeds, "o/shop").commitsBetween("x", "y");
  assert.deepEqual(Array.isArray(corrected) && corrected.map((c) => [c.sha, c.at]), [
    ["a1", "2026-01-02T00:00:00.000Z"],
    ["b2", "2026-01-03T00:00:00.000Z"],
    ["c3", "2026-01-03T00:00:00.000Z"],
    ["d4", "2026-01-07T01:00:00.000Z"],
  ]);
  // The subjects that name #7 are not looked up; #7's commits are asked once.
  assert.deepEqual(asked, ["pulls of a1", "start of #1", "start of #7", "pulls of d4"]);
});

test("a pull request whose first commit is later than the change leaves the change's time", async () => {
  const { feeds } = feedsAnswering({ a1: [1], d4: [] }, { 1: "2026-01-09T00:00:00.000Z", 7: null });
  const corrected = await pullRequestStartHistory(history, feeds, "o/shop").commitsBetween("x", "y");
  assert.ok(Array.isArray(corrected));
  assert.equal(corrected[0]!.at, "2026-01-05T00:00:00.000Z");
  assert.equal(corrected[1]!.at, "2026-01-06T00:00:00.000Z");
});

test("a range git cannot list stays a problem", async () => {
  const { feeds, asked } = feedsAnswering({}, {});
  const failing: ChangeHistory = { commitsBetween: async () => ({ problem: "shallow clone" }) };
  assert.deepEqual(await pullRequestStartHistory(failing, feeds, "o/shop").commitsBetween("x", "y"), {
    problem: "shallow clone",
  });
  assert.deepEqual(asked, []);
});
