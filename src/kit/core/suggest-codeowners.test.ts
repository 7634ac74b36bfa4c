import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { checkCodeowners } from "./check-codeowners.js";
import {
  handleOfEmail,
  renderCodeowners,
  suggestCodeowners,
  type AuthoredChange,
} from "./suggest-codeowners.js";

test("only GitHub noreply addresses become handles", () => {
  const cases: [string, string | null][] = [
    ["12345+octocat@users.noreply.github.com", "@octocat"],
    ["octo-cat@users.noreply.github.com", "@octo-cat"],
    ["Mona@Users.NoReply.GitHub.com", "@Mona"],
    ["octocat@github.com", null],
    ["jane@example.com", null],
    ["12345+-bad@users.noreply.github.com", null],
    ["a--b@users.noreply.github.com", null],
    ["x@users.noreply.github.com.evil.example", null],
  ];
  for (const [email, handle] of cases) assert.equal(handleOfEmail(email), handle, email);
});

const alice = { name: "Alice", email: "1+alice@users.noreply.github.com" };
const bob = { name: "Bob", email: "bob@example.com" };
const carol = { name: "Carol", email: "3+carol@users.noreply.github.com" };
const change = (who: { name: string; email: string }, ...files: string[]): AuthoredChange => ({
  ...who,
  files,
});

test("the top recent authors of the repository and of each top-level folder, most commits first", () => {
  const suggestions = suggestCodeowners(
    [
      change(alice, "src/a.ts", "src/b.ts", "README.md"),
      change(bob, "src/a.ts"),
      change(bob, "src/c.ts", "docs/x.md"),
      change(carol, "src/d.ts"),
      change(carol, "my folder/x", "#odd/y", "docs/y.md"),
      change(alice),
    ],
    2,
  );
  assert.deepEqual(
    suggestions.map((s) => [s.pattern, s.authors.map((a) => `${a.name}:${a.commits}`)]),
    [
      ["*", ["Bob:2", "Carol:2"]],
      ["/docs/", ["Bob:1", "Carol:1"]],
      // Alice and Carol tie; Alice's commit is the more recent.
      ["/src/", ["Bob:2", "Alice:1"]],
    ],
  );
  const text = renderCodeowners(suggestions, 6);
  assert.match(text, /^# Suggested by shipready from the last 6 commits/);
  assert.match(text, /\n# \*: fill in the handle of Bob <bob@example\.com> \(2 commits\)\n\* @carol\n/);
  assert.match(text, /\n\/src\/ @alice\n/);
  assert.deepEqual(checkCodeowners(text), []);
});

test("a folder whose authors all lack a handle is written commented out", () => {
  const text = renderCodeowners(suggestCodeowners([change(bob, "lib/x.js")], 3), 1);
  assert.match(
    text,
    /\n# \/lib\/: fill in the handle of Bob <bob@example\.com> \(1 commits\)\n# \/lib\/ @handle\n/,
  );
  assert.doesNotMatch(text.replace(/^#.*$/gm, ""), /\S/);
});

test("whatever the history, the suggestion is valid CODEOWNERS", () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9 #![\]._-]{1,8}$/);
  const author = fc.record({
    name: fc.string({ maxLength: 12 }),
    email: fc.oneof(
      fc.stringMatching(/^[a-z]{1,8}@example\.com$/),
      fc.stringMatching(/^[0-9]{1,5}\+[a-z][a-z0-9]{0,8}@users\.noreply\.github\.com$/),
    ),
  });
  const history = fc.array(
    fc.record({
      who: author,
      files: fc.array(
        fc.tuple(segment, segment).map(([a, b]) => `${a}/${b}`),
        { maxLength: 4 },
      ),
    }),
    { maxLength: 20 },
  );
  fc.assert(
    fc.property(history, (commits) => {
      const text = renderCodeowners(
        suggestCodeowners(
          commits.map((c) => ({ ...c.who, files: c.files })),
          2,
        ),
        commits.length,
      );
      assert.deepEqual(checkCodeowners(text), []);
    }),
  );
});
