import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_SECTIONS,
  HIDDEN_SECTIONS,
  renderChangelog,
  type ChangelogEntry,
  type ChangelogInput,
} from "./render-changelog.js";

const SHA = (n: number) => String(n).repeat(40).slice(0, 40);

const entry = (n: number, extra: Partial<ChangelogEntry>): ChangelogEntry => ({
  sha: SHA(n),
  type: "feat",
  scope: null,
  subject: `change ${n}`,
  breaking: false,
  breakingNote: null,
  references: [],
  ...extra,
});

const base: ChangelogInput = {
  version: "1.4.0",
  tag: "v1.4.0",
  previousTag: "v1.3.2",
  date: "2026-11-22",
  entries: [
    entry(1, {
      type: "feat",
      scope: "api",
      subject: "bulk export",
      references: [{ number: 12, repo: null }],
    }),
    entry(2, { type: "fix", subject: "keep <b>bold</b> out" }),
    entry(3, { type: "feat", subject: "dark mode" }),
    entry(4, { type: "docs", subject: "explain waivers" }),
    entry(5, {
      type: "feat",
      scope: "cli",
      breaking: true,
      breakingNote: "--check-only is gone",
      subject: "drop flag",
    }),
  ],
  others: [{ sha: SHA(6), header: "Update README" }],
  repoUrl: "https://github.com/octo-org/octo-app",
  showAll: false,
  listOthers: false,
};

test("a release reads like release-please: compare link, breaking changes first, scoped entries linked", () => {
  assert.equal(
    renderChangelog(base),
    [
      "## [1.4.0](https://github.com/octo-org/octo-app/compare/v1.3.2...v1.4.0) (2026-11-22)",
      "",
      "",
      "### ⚠ BREAKING CHANGES",
      "",
      "* **cli:** --check-only is gone",
      "",
      "### Features",
      "",
      "* **api:** bulk export ([#12](https://github.com/octo-org/octo-app/issues/12)) ([1111111](https://github.com/octo-org/octo-app/commit/1111111111111111111111111111111111111111))",
      "* **cli:** drop flag ([5555555](https://github.com/octo-org/octo-app/commit/5555555555555555555555555555555555555555))",
      "* dark mode ([3333333](https://github.com/octo-org/octo-app/commit/3333333333333333333333333333333333333333))",
      "",
      "### Bug Fixes",
      "",
      "* keep &lt;b&gt;bold&lt;/b&gt; out ([2222222](https://github.com/octo-org/octo-app/commit/2222222222222222222222222222222222222222))",
      "",
    ].join("\n"),
  );
});

test("without a known remote there are no links; hidden types and other commits show when asked", () => {
  const text = renderChangelog({
    ...base,
    repoUrl: null,
    showAll: true,
    listOthers: true,
    previousTag: null,
  });
  assert.match(text, /^## 1\.4\.0 \(2026-11-22\)\n/);
  assert.match(text, /### Documentation\n\n\* explain waivers \(4444444\)\n/);
  assert.match(text, /### Other Changes\n\n\* Update README \(6666666\)\n$/);
  assert.ok(!text.includes("http"));
});

test("unreleased changes and CRLF documents", () => {
  const text = renderChangelog({ ...base, version: null, tag: null, eol: "\r\n" });
  assert.ok(
    text.startsWith(
      "## [Unreleased](https://github.com/octo-org/octo-app/compare/v1.3.2...HEAD) (2026-11-22)\r\n",
    ),
  );
  assert.ok(!text.replaceAll("\r\n", "").includes("\n"));
});

/** The renderer as first written: a filter per type and a sort of the entries themselves. */
function renderPlainly(input: ChangelogInput): string {
  const eol = input.eol ?? "\n";
  const clean = (text: string) =>
    text
      .replace(/[\r\n]+/g, " ")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .trim();
  const scopeOf = (e: ChangelogEntry) => (e.scope ? `**${clean(e.scope)}:** ` : "");
  const commitLink = (sha: string) =>
    input.repoUrl ? ` ([${sha.slice(0, 7)}](${input.repoUrl}/commit/${sha}))` : ` (${sha.slice(0, 7)})`;
  const links = (e: ChangelogEntry) =>
    (input.repoUrl
      ? e.references.map((r) => {
          const base = r.repo ? input.repoUrl!.replace(/[^/]+\/[^/]+$/, r.repo) : input.repoUrl;
          return ` ([${r.repo ? `${r.repo}#${r.number}` : `#${r.number}`}](${base}/issues/${r.number}))`;
        })
      : []
    ).join("") + commitLink(e.sha);
  const title = input.version ?? "Unreleased";
  const compare =
    input.repoUrl && input.previousTag
      ? `${input.repoUrl}/compare/${encodeURIComponent(input.previousTag)}...${encodeURIComponent(input.tag ?? "HEAD")}`
      : null;
  const lines = [`## ${compare ? `[${title}](${compare})` : title} (${input.date})`, ""];
  const breaking = input.entries.filter((e) => e.breaking);
  if (breaking.length > 0) {
    lines.push("", "### ⚠ BREAKING CHANGES", "");
    for (const e of breaking) lines.push(`* ${scopeOf(e)}${clean(e.breakingNote ?? e.subject)}`);
  }
  const sections = [...DEFAULT_SECTIONS, ...(input.showAll ? HIDDEN_SECTIONS : [])];
  const known = new Set(sections.map((s) => s.type));
  if (input.showAll) {
    const extra = [...new Set(input.entries.map((e) => e.type))].filter((t) => !known.has(t)).sort();
    sections.push(...extra.map((type) => ({ type, title: type })));
  }
  for (const section of sections) {
    const entries = input.entries.filter((e) => e.type === section.type);
    if (entries.length === 0) continue;
    lines.push("", `### ${section.title}`, "");
    const sorted = [...entries].sort((a, b) => (a.scope ?? "\uffff").localeCompare(b.scope ?? "\uffff"));
    for (const e of sorted) lines.push(`* ${scopeOf(e)}${clean(e.subject)}${links(e)}`);
  }
  if (input.listOthers && input.others.length > 0) {
    lines.push("", "### Other Changes", "");
    for (const o of input.others) lines.push(`* ${clean(o.header)}${commitLink(o.sha)}`);
  }
  return lines.join(eol) + eol;
}

test("renders what a filter and a sort per type render: scopes that compare equal, emoji, lone surrogates, CRLF", () => {
  // "a", "a\u200b" and "a\u0000" differ but compare equal; the plain sort keeps their entries' order.
  const scopes = [null, "a", "a\u200b", "a\u0000", "b", "B", "é", "z", "🚀", "api"];
  const subjects = [
    "plain",
    "with <tag> & more",
    "emoji 🚀 inside",
    "lone \ud800 half",
    "two\nlines",
    "  padded  ",
  ];
  const types = ["feat", "fix", "perf", "revert", "docs", "chore", "wip"];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const entries: ChangelogEntry[] = [];
  for (let n = 0; n < 400; n++) {
    entries.push(
      entry(n, {
        type: types[next(types.length)]!,
        scope: scopes[next(scopes.length)]!,
        subject: `${subjects[next(subjects.length)]!} ${n}`,
        breaking: next(10) === 0,
        breakingNote: next(2) === 0 ? null : "breaks 🚀 things",
        references: next(3) === 0 ? [{ number: n + 1, repo: next(2) === 0 ? null : "other/repo" }] : [],
      }),
    );
  }
  const others = subjects.map((header, n) => ({ sha: SHA(n), header }));
  for (const showAll of [false, true]) {
    for (const listOthers of [false, true]) {
      for (const eol of ["\n", "\r\n"] as const) {
        for (const repoUrl of [null, "https://github.com/octo-org/octo-app"]) {
          const input = { ...base, entries, others, showAll, listOthers, eol, repoUrl };
          assert.equal(renderChangelog(input), renderPlainly(input));
        }
      }
    }
  }
});

test("plain scopes (a-z, 0-9, _ - , . /) sort as localeCompare sorts them, without a collator", () => {
  const alphabet = ["a", "z", "0", "9", "_", "-", ",", ".", "/"];
  const scopes: string[] = [];
  let layer = [""];
  for (let length = 1; length <= 3; length++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    scopes.push(...layer);
  }
  // One entry per scope, in an order far from sorted, and one without a scope.
  const shuffled = scopes.map((scope, n) => ({ scope, n: (n * 7919) % scopes.length }));
  shuffled.sort((a, b) => a.n - b.n);
  const entries = shuffled.map(({ scope }, n) => entry(n, { scope }));
  entries.push(entry(scopes.length, { scope: null }));
  const input = { ...base, entries, repoUrl: null };
  assert.equal(renderChangelog(input), renderPlainly(input));
});
