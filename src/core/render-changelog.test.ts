import assert from "node:assert/strict";
import { test } from "node:test";
import { renderChangelog, type ChangelogEntry, type ChangelogInput } from "./render-changelog.js";

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
