import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseReleasePleaseCommit, splitMessages } from "./parse-release-please-commit.js";
import {
  releasePleaseParse,
  splitMessages as referenceSplit,
} from "../../../test/helpers/release-please-reference.js";

function mine(message: string) {
  return parseReleasePleaseCommit(message).map((c) => ({
    header: c.header,
    type: c.type,
    scope: c.scope,
    subject: c.subject,
    breaking: c.breaking,
    breakingNote: c.breakingNote,
    references: c.references.map((r) => r.number),
    releaseAs: c.releaseAs,
  }));
}

const CASES: string[] = [
  "feat: add x",
  "feat:  two spaces after the colon",
  "Feat:no space at all",
  "fix(api)!: drop node 18",
  "feat(): empty scope",
  "feat(api: unclosed scope",
  "WIP #12 work in progress",
  "Merge pull request #12 from a/b",
  'Revert "feat: x"',
  "feat: x\n\nBREAKING CHANGE: the config moved",
  "feat: x\n\nBREAKING-CHANGE: the config moved\n  and more",
  "feat!: x\n\nbody text\nBREAKING CHANGE: in the body\nmore body\n\nlast paragraph",
  "fix: y\n\nFixes #12\nRefs: #13\nCloses: #1, #2",
  "fix: y\n\nsome body\n\nSigned-off-by: A <a@b.c>",
  "chore: multiple\n\nfeat(api): one more\nfix: and another\n  continued",
  "feat: a\n\nfix: b\n\nchore(deps): c",
  "feat: outer\n\nBEGIN_NESTED_COMMIT\nfix(nested): inner (#5)\n\nBREAKING CHANGE: nested break\nEND_NESTED_COMMIT\nmore",
  "chore: release 2.0.0\n\nRelease-As: 2.0.0",
  "fix: x\n\nbody line foo(bar with an open paren",
  "fix: x\n\n  indented first line\nToken: value",
  "feat: x\r\n\r\nBREAKING CHANGE: crlf\r\n",
  "feat\n\r\nfeat: ",
  "feat: x\n\nBREAKING CHANGE: first\n#### Deleted\n- one\n- two",
  "deps: update foo",
  "feat: x\n\nsee: http://example.com\nnot a footer line",
  "feat: x\n\n!: bang token footer",
  "feat: x\n\nbody mentions BREAKING-CHANGE: inline note",
  "",
  "   ",
];

test("reads the messages release-please's own parsing reads, the same way", () => {
  for (const message of CASES) {
    assert.deepEqual(mine(message), releasePleaseParse(message), JSON.stringify(message));
  }
});

test("splits several conventional messages as splitMessages does", () => {
  const message = "feat: a\n\nfix(x): b\n\nplain paragraph\n\nchore: c";
  assert.deepEqual(splitMessages(message), referenceSplit(message));
  assert.deepEqual(
    mine(message).map((c) => c.header),
    ["feat: a", "fix(x): b\n\nplain paragraph".split("\n")[0], "chore: c"],
  );
});

const word = fc.constantFrom(
  "feat",
  "fix",
  "chore",
  "deps",
  "Feat",
  "BREAKING CHANGE",
  "Refs",
  "Signed-off-by",
  "x",
);
const piece = fc.constantFrom(
  ": ",
  ":",
  ":  ",
  " #",
  "(api)",
  "()",
  "(",
  ")",
  "!",
  " ",
  "\n",
  "\n\n",
  "\r\n",
  "  ",
  "#12",
  "12",
  "text",
  "BREAKING CHANGE: ",
  "BREAKING-CHANGE:",
  "BEGIN_NESTED_COMMIT",
  "END_NESTED_COMMIT",
  "\n- item",
  "#### head",
  "Release-As: 1.2.3",
  "\u00a0",
);
const messages = fc.array(fc.oneof(word, piece), { maxLength: 24 }).map((parts) => parts.join(""));

test("agrees with release-please's reading on generated messages", () => {
  fc.assert(
    fc.property(messages, (message) => {
      assert.deepEqual(mine(message), releasePleaseParse(message));
    }),
    { numRuns: 3000 },
  );
});
