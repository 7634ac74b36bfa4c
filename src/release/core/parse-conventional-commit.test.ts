import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  isMergeCommitMessage,
  parseCommitForChangelog,
  parseConventionalCommit,
  parseRevertMessage,
  type ChangelogFields,
  type ConventionalCommit,
} from "./parse-conventional-commit.js";

// The ground truth the benchmark's manifest counts with, copied from make-history.mjs (`strictParse`).
const HEADER_RE = /^([a-z]+)(?:\(([^()\s][^()]*)\))?(!)?: (\S.*)$/;
function strictParse(msg: string): { type: string; scope: string | null; breaking: boolean } | null {
  const header = msg.split("\n", 1)[0]!;
  const m = HEADER_RE.exec(header);
  if (!m) return null;
  const breaking = Boolean(m[3]) || /^BREAKING[ -]CHANGE: /m.test(msg.slice(header.length));
  return { type: m[1]!, scope: m[2] ?? null, breaking };
}

function parse(message: string): ConventionalCommit {
  const parsed = parseConventionalCommit(message);
  assert.ok(parsed, `expected a conventional commit: ${JSON.stringify(message)}`);
  return parsed;
}

const TYPES = ["feat", "fix", "chore", "docs", "refactor", "perf", "test", "ci", "build", "style"];
const SCOPES = ["api", "deps-dev", "i18n", "core,cli", null];

test("headers that follow the grammar", () => {
  const cases: [string, string, string | null, boolean, string][] = [
    ["feat: add x", "feat", null, false, "add x"],
    ["fix(api): handle empty token", "fix", "api", false, "handle empty token"],
    ["feat(api)!: drop node 18", "feat", "api", true, "drop node 18"],
    ["refactor!: rename config keys", "refactor", null, true, "rename config keys"],
    ["chore(deps-dev): bump eslint", "chore", "deps-dev", false, "bump eslint"],
    ["chore(core,cli): tidy", "chore", "core,cli", false, "tidy"],
    ["fix(a b): spaces inside a scope", "fix", "a b", false, "spaces inside a scope"],
    ["wip: unknown types are conventional too", "wip", null, false, "unknown types are conventional too"],
    ["docs: issue links (#123)", "docs", null, false, "issue links (#123)"],
    ["feat(i18n): ümlauts in author names 🎉", "feat", "i18n", false, "ümlauts in author names 🎉"],
    ["fix: markdown | pipes in titles", "fix", null, false, "markdown | pipes in titles"],
  ];
  for (const [message, type, scope, breaking, subject] of cases) {
    const parsed = parse(`${message}\n`);
    assert.deepEqual(
      [parsed.type, parsed.scope, parsed.breaking, parsed.subject, parsed.header],
      [type, scope, breaking, subject, message],
      message,
    );
  }
});

test("every near miss from make-history.mjs is not conventional", () => {
  const nearMiss = [
    (t: string, s: string | null, d: string) =>
      `${t[0]!.toUpperCase()}${t.slice(1)}${s ? `(${s})` : ""}: ${d}`,
    (t: string, s: string | null, d: string) => `${t}${s ? `(${s})` : ""}:${d}`,
    (t: string, s: string | null, d: string) => `${t} (${s || "core"}): ${d}`,
    (t: string, s: string | null, d: string) => `${t}(${s || "core"}) ${d}`,
    (t: string, _s: string | null, d: string) => `${t}(): ${d}`,
    (t: string, _s: string | null, d: string) => `${t.toUpperCase()}: ${d}`,
  ];
  let count = 0;
  for (const make of nearMiss) {
    for (const type of TYPES) {
      for (const scope of SCOPES) {
        for (const tail of ["\n", "\n\nSome body.\n", "\n\nBREAKING CHANGE: still not conventional\n"]) {
          const message = `${make(type, scope, "handle x (#42)")}${tail}`;
          assert.equal(parseConventionalCommit(message), null, message);
          assert.equal(strictParse(message), null, message);
          count++;
        }
      }
    }
  }
  assert.equal(count, 6 * TYPES.length * SCOPES.length * 3);
});

test("other headers that are not conventional", () => {
  for (const message of [
    "Update README.md",
    "WIP",
    "oops",
    "Bump lodash from 1.2.3 to 1.2.4",
    "Merge remote-tracking branch 'origin/main' into local",
    "[skip ci] update fixtures",
    'Revert "feat: add x"',
    "feat:",
    "feat: ",
    "feat:  ",
    "feat:  two spaces after the colon",
    "feat(api: x",
    "feat(a(b)): x",
    "feat( api): x",
    "feat!(api): x",
    "feat!!: x",
    "fe-at: x",
    "feat2: x",
    "ünicode: x",
    "",
    "\nfeat: header must be the first line",
    " feat: leading space",
    "feat: lone carriage return\rin the header",
  ]) {
    assert.equal(parseConventionalCommit(message), null, JSON.stringify(message));
  }
});

test("breaking changes by !, footer or both, and the note that says what breaks", () => {
  const cases: [string, boolean, string | null][] = [
    ["feat!: drop node 18\n", true, "drop node 18"],
    ["feat: x\n\nBREAKING CHANGE: config moved to a new key.\n", true, "config moved to a new key."],
    ["feat: x\n\nBREAKING-CHANGE: returns a Promise.\n", true, "returns a Promise."],
    [
      "feat(api)!: x\n\nBREAKING CHANGE: the footer wins over the subject.\n",
      true,
      "the footer wins over the subject.",
    ],
    [
      "fix: x\n\nBody.\n\nBREAKING CHANGE: it now requires Node 20.\nThe old flag was removed and\nnothing replaces it.\nCloses #12\nSigned-off-by: Lena Müller <lena@example.de>\n",
      true,
      "it now requires Node 20.\nThe old flag was removed and\nnothing replaces it.",
    ],
    ["feat: x\n\nBREAKING CHANGE: \n", true, "x"],
    ["feat: x\n\nBREAKING CHANGE:no space\n", false, null],
    ["feat: x\n\nbreaking change: lower case\n", false, null],
    ["feat: x\n\nBREAKING CHANGES: plural\n", false, null],
    ["feat: x\n\n BREAKING CHANGE: indented\n", false, null],
    ["feat: BREAKING CHANGE: in the header only\n", false, null],
    ["feat: x\n\nBREAKING CHANGE #12\n", false, null],
    // The ground truth looks at every line after the header, body text included.
    [
      "feat: x\n\nFirst paragraph.\nBREAKING CHANGE: mid-paragraph.\n\nLast paragraph.\n",
      true,
      "mid-paragraph.\n\nLast paragraph.",
    ],
  ];
  for (const [message, breaking, note] of cases) {
    const parsed = parse(message);
    assert.equal(parsed.breaking, breaking, message);
    assert.equal(parsed.breakingNote, note, message);
    assert.equal(strictParse(message)?.breaking, breaking, message);
  }
});

test("body and footers", () => {
  const cases: [string, string | null, [string, string, string][]][] = [
    ["feat: x", null, []],
    ["feat: x\n", null, []],
    ["feat: x\n\n\n", null, []],
    ["feat: x\n\nOne paragraph\nwrapped.\n", "One paragraph\nwrapped.", []],
    ["feat: x\n\nFirst.\n\n- a\n- b\n", "First.\n\n- a\n- b", []],
    [
      "feat: x\n\nBody.\n\nCloses #12\nRefs: #7\n",
      "Body.",
      [
        ["Closes", " #", "12"],
        ["Refs", ": ", "#7"],
      ],
    ],
    ["feat: x\n\nCloses #12\n", null, [["Closes", " #", "12"]]],
    // Footers straight after the header, with no blank line.
    ["feat: x\nCloses #12\n", null, [["Closes", " #", "12"]]],
    // A trailer block at the end of the body's paragraph, as `git commit -s` leaves it.
    [
      "fix: x\n\nBody text that\nwraps.\nSigned-off-by: Ian O'Brien <ian@example.ie>\nCo-authored-by: Hana Sato\n <hana.sato@example.jp>\n",
      "Body text that\nwraps.",
      [
        ["Signed-off-by", ": ", "Ian O'Brien <ian@example.ie>"],
        ["Co-authored-by", ": ", "Hana Sato\n <hana.sato@example.jp>"],
      ],
    ],
    // Token-looking text that is followed by prose in the same paragraph stays body.
    [
      "feat: x\n\nWhy this matters.\nNote: the cache\nis rebuilt.\n",
      "Why this matters.\nNote: the cache\nis rebuilt.",
      [],
    ],
    // ...and a token-looking line in an earlier paragraph is body too.
    ["feat: x\n\nNote: first.\n\nSecond paragraph.\n", "Note: first.\n\nSecond paragraph.", []],
    // A footer value may span lines until the next token.
    [
      "feat: x\n\nReviewed-by: Bob Chen\nand Carla Díaz\nFixes #3\n",
      null,
      [
        ["Reviewed-by", ": ", "Bob Chen\nand Carla Díaz"],
        ["Fixes", " #", "3"],
      ],
    ],
    ["feat: x\n\nhttp://example.com/a is not a footer\n", "http://example.com/a is not a footer", []],
  ];
  for (const [message, body, footers] of cases) {
    const parsed = parse(message);
    assert.equal(parsed.body, body, JSON.stringify(message));
    assert.deepEqual(
      parsed.footers.map((f) => [f.token, f.separator, f.value]),
      footers,
      JSON.stringify(message),
    );
  }
});

test("CRLF line endings, trailing whitespace and non-ASCII text", () => {
  const crlf = parse(
    "feat(ui)!: support émojis 🎉  \r\n\r\nBody line one.  \r\nline two.\r\n\r\nBREAKING CHANGE: Ünïcode keys.\r\nCloses #9\r\n",
  );
  assert.equal(crlf.header, "feat(ui)!: support émojis 🎉  ");
  assert.equal(crlf.subject, "support émojis 🎉");
  assert.equal(crlf.body, "Body line one.  \nline two.");
  assert.equal(crlf.breakingNote, "Ünïcode keys.");
  assert.deepEqual(
    crlf.footers.map((f) => [f.token, f.value]),
    [
      ["BREAKING CHANGE", "Ünïcode keys."],
      ["Closes", "9"],
    ],
  );
  assert.deepEqual(crlf.references, [{ number: 9, repo: null, action: "Closes" }]);

  const padded = parse("fix: trailing\t \n \n\t\nBody.   \n   \n");
  assert.equal(padded.subject, "trailing");
  assert.equal(padded.body, "Body.");
  assert.deepEqual(padded.footers, []);

  // A lone carriage return is text, as in the ground truth.
  assert.equal(parseConventionalCommit("feat: x\r"), null);
});

test("references to issues and pull requests", () => {
  const cases: [string, [number, string | null, string | null][]][] = [
    ["feat: x (#123)\n", [[123, null, null]]],
    [
      "fix: x\n\nSee octo-org/some.repo#45 and #6.\n",
      [
        [45, "octo-org/some.repo", null],
        [6, null, null],
      ],
    ],
    [
      "fix: x (#7)\n\nCloses #7\nFixes #8, #9\nResolves: other/repo#10\nRefs: #11\n",
      [
        [7, null, "Closes"],
        [8, null, "Fixes"],
        [9, null, "Fixes"],
        [10, "other/repo", "Resolves"],
        [11, null, null],
      ],
    ],
    ["fix: x\n\ncloses #4\n", [[4, null, "closes"]]],
    [
      "fix: not references\n\nC# and #x and #12abc and abc#12 and &#123; and a/b/c#5 and @scope/pkg#6 and #0 and path/#7\n",
      [],
    ],
    ["fix: https://github.com/o/r/pull/5#issuecomment-1\n", []],
  ];
  for (const [message, references] of cases) {
    assert.deepEqual(
      parse(message).references.map((r) => [r.number, r.repo, r.action]),
      references,
      message,
    );
  }
});

test("reverts: conventional and git's own", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";
  const conventional = parse(`revert: feat(api): add x\n\nThis reverts commit ${sha}.\n`);
  assert.equal(conventional.type, "revert");
  assert.deepEqual(conventional.revert, { header: "feat(api): add x", hash: sha });
  assert.equal(parse("feat: x\n").revert, null);
  assert.deepEqual(parse("revert: fix: y\n").revert, { header: "fix: y", hash: null });

  const gitRevert = `Revert "feat(api)!: drop x"\n\nThis reverts commit ${sha}.\n`;
  assert.equal(parseConventionalCommit(gitRevert), null);
  assert.deepEqual(parseRevertMessage(gitRevert), { header: "feat(api)!: drop x", hash: sha });
  assert.deepEqual(parseRevertMessage(`Revert "Revert "fix: y""\r\n\r\nThis reverts commit abc1234.\r\n`), {
    header: 'Revert "fix: y"',
    hash: "abc1234",
  });
  assert.deepEqual(parseRevertMessage(`revert: fix: y\n\nThis reverts commit ${sha}.\n`), {
    header: "fix: y",
    hash: sha,
  });
  for (const other of [
    "Revert local changes to yaml parser",
    "feat: revert x",
    'Reverted "x"',
    "revert:x",
    "",
  ]) {
    assert.equal(parseRevertMessage(other), null, other);
  }
});

test("merge commit messages", () => {
  for (const message of [
    "Merge pull request #512 from alice/feat/token-refresh\n\nfeat(auth): refresh tokens\n",
    "Merge branch 'fix/retry-logic'\n",
    "Merge branch 'main' into feature\n",
    "Merge branches 'a' and 'b'\n",
  ]) {
    assert.equal(isMergeCommitMessage(message), true, message);
  }
  for (const message of [
    "Merge remote-tracking branch 'origin/main' into local\n",
    "Merge pull request from nobody\n",
    "merge branch 'x'\n",
    "feat: Merge branch 'x'\n",
    "Merged the parser\n",
  ]) {
    assert.equal(isMergeCommitMessage(message), false, message);
  }
});

test("results share nothing between calls that a caller could mutate into the next", () => {
  const a = parse("feat: x\n");
  assert.ok(Object.isFrozen(a.footers) && Object.isFrozen(a.references));
  const b = parse("feat: y (#1)\n");
  assert.deepEqual(b.references, [{ number: 1, repo: null, action: null }]);
});

test("long hostile input parses without backtracking blow-up", () => {
  const long = "a".repeat(200_000);
  assert.equal(parseConventionalCommit(`${long}(${long}`), null);
  assert.equal(parseConventionalCommit(`feat(${"x".repeat(200_000)}: y`), null);
  assert.equal(
    parse(`feat: ${long}\n\n${`${long}/${long}`.repeat(3)}#1 ${"#".repeat(100_000)}\n`).references.length,
    0,
  );
  assert.equal(parse(`feat: x\n\n${"Token: v\n".repeat(20_000)}`).footers.length, 20_000);
  assert.equal(parse(`feat: x\n\n${"line\n\n".repeat(20_000)}`).footers.length, 0);
});

// Pieces that make up conventional, near-miss and hostile messages; joined at random, the parser
// must call exactly the same messages conventional (with the same type, scope and breaking) as the
// ground truth.
const PIECES = [
  "feat",
  "fix",
  "Feat",
  "FIX",
  "wip",
  "(",
  ")",
  "api",
  "()",
  "!",
  ":",
  ": ",
  " ",
  "  ",
  "\t",
  "x",
  "ü",
  "🎉",
  "#12",
  "o/r#3",
  "\n",
  "\n\n",
  "\r\n",
  "\r",
  "\u2028",
  "BREAKING CHANGE: ",
  "BREAKING-CHANGE: ",
  "BREAKING CHANGE",
  "Closes #4",
  "Signed-off-by: A <a@b>",
  "Token: ",
  "This reverts commit abcdef1.",
];

test("agrees with make-history's strictParse on random messages", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (pieces) => {
      const message = pieces.join("");
      const parsed = parseConventionalCommit(message);
      // CRLF is a line ending here; the ground truth (which never sees one) reads the `\r` as text.
      const expected = strictParse(message.replaceAll("\r\n", "\n"));
      assert.deepEqual(
        parsed === null ? null : { type: parsed.type, scope: parsed.scope, breaking: parsed.breaking },
        expected,
      );
      if (parsed !== null) {
        assert.equal(parsed.breakingNote !== null, parsed.breaking);
        assert.ok(parsed.footers.every((f) => f.value === f.value.trim()));
      }
    }),
    { numRuns: 5000 },
  );
});

test("agrees with strictParse on messages shaped like make-history's", () => {
  const sentence = fc
    .array(fc.constantFrom("the", "cache", "now", "parser", "Ümlaut", "(#12)", "values", "handled"), {
      minLength: 3,
      maxLength: 12,
    })
    .map((w) => `${w.join(" ")}.`);
  const trailer = fc.constantFrom(
    "Closes #41",
    "Fixes #7",
    "Refs: #3999",
    "Co-authored-by: Gunnar Østergaard <gunnar@example.dk>",
    "Signed-off-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
    "Reviewed-by: José Álvarez <jose@example.es>",
  );
  const message = fc
    .record({
      type: fc.constantFrom(...TYPES),
      scope: fc.option(fc.constantFrom("api", "deps-dev", "core,cli"), { nil: null }),
      bang: fc.boolean(),
      footer: fc.constantFrom("", "BREAKING CHANGE: x was removed.\n", "BREAKING-CHANGE: y.\n"),
      continuation: fc.option(sentence, { nil: null }),
      body: fc.array(sentence, { maxLength: 3 }),
      trailers: fc.array(trailer, { maxLength: 2 }),
    })
    .map((m) => {
      const header = `${m.type}${m.scope ? `(${m.scope})` : ""}${m.bang ? "!" : ""}: do the thing (#123)`;
      const footer = m.footer && m.continuation ? `${m.footer}${m.continuation}\n` : m.footer;
      const trailers = m.trailers.length ? `${m.trailers.join("\n")}\n` : "";
      let text = `${header}\n`;
      if (m.body.length) text += `\n${m.body.join("\n\n")}\n`;
      if (footer || trailers) text += `\n${footer}${trailers}`;
      return { text, m };
    });
  fc.assert(
    fc.property(message, ({ text, m }) => {
      const parsed = parse(text);
      const expected = strictParse(text);
      assert.deepEqual({ type: parsed.type, scope: parsed.scope, breaking: parsed.breaking }, expected);
      assert.equal(parsed.body, m.body.length ? m.body.join("\n\n") : null);
      assert.equal(parsed.footers.length, (m.footer ? 1 : 0) + m.trailers.length);
    }),
    { numRuns: 2000 },
  );
});

test("parseCommitForChangelog gives parseConventionalCommit's fields, with or without the body", () => {
  const fields = (c: ChangelogFields | null) =>
    c === null
      ? null
      : {
          type: c.type,
          scope: c.scope,
          subject: c.subject,
          breaking: c.breaking,
          breakingNote: c.breakingNote,
          references: c.references,
        };
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PIECES, "#7 ", "feat(api)!: x ", "Refs: #3", "a/b#9"), { maxLength: 24 }),
      (pieces) => {
        const message = pieces.join("");
        assert.deepEqual(fields(parseCommitForChangelog(message)), fields(parseConventionalCommit(message)));
      },
    ),
    { numRuns: 5000 },
  );
});
