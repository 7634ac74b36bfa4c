import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRepoList } from "./parse-repo-list.js";

test("a repos file: one owner/name a line, comments and blank lines skipped, repeats once", () => {
  const cases: [string, string[], { line: number; text: string }[]][] = [
    ["o/a\no/b\n", ["o/a", "o/b"], []],
    ["# the shop\n\no/a  # checkout\r\nO/A\n", ["o/a"], []],
    [
      "o/a\nnot a repo\no/b/c\n  \no/ok.js",
      ["o/a", "o/ok.js"],
      [
        { line: 2, text: "not a repo" },
        { line: 3, text: "o/b/c" },
      ],
    ],
    ["https://github.com/o/a\n", [], [{ line: 1, text: "https://github.com/o/a" }]],
    ["", [], []],
  ];
  for (const [text, repos, problems] of cases) {
    assert.deepEqual(parseRepoList(text), { repos, problems }, JSON.stringify(text));
  }
});
