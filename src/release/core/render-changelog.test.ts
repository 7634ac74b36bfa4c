import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { writeChangelogString } from "conventional-changelog-writer";
import { renderChangelog, type ChangelogEntry, type ChangelogInput } from "./render-changelog.js";

const SHA = (n: number) => String(n % 10).repeat(40);
const REPO = "https://github.com/octo-org/octo-app";

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
  entries: [],
  others: [],
  repoUrl: REPO,
  showAll: false,
  listOthers: false,
};

const link = (n: number) => `([${SHA(n).slice(0, 7)}](${REPO}/commit/${SHA(n)}))`;

test("release-please's section: two blank lines before each list, sorted by scope then subject", () => {
  const text = renderChangelog({
    ...base,
    referenceWord: "closes",
    entries: [
      entry(1, { subject: "add PHPLibrarian strategy (#2862)" }),
      entry(2, { scope: "deps", type: "fix", subject: "update x", references: [{ number: 7, repo: null }] }),
      entry(3, { subject: "alerts #99 and #100 fixed by @octocat" }),
      entry(4, { type: "refactor", subject: "rename", breaking: true, breakingNote: "keys renamed (#5)" }),
      entry(5, { type: "build", scope: "ci", subject: "node 22", breaking: true, breakingNote: "node 22" }),
      entry(6, { type: "chore", subject: "hidden" }),
      entry(7, { type: "fix", subject: "a <b>tag</b> and `<kept>`" }),
    ],
  });
  assert.equal(
    text,
    [
      `## [1.4.0](${REPO}/compare/v1.3.2...v1.4.0) (2026-11-22)`,
      "",
      "",
      "### ⚠ BREAKING CHANGES",
      "",
      `* keys renamed ([#5](${REPO}/issues/5))`,
      "* **ci:** node 22",
      "",
      "### Features",
      "",
      `* add PHPLibrarian strategy ([#2862](${REPO}/issues/2862)) ${link(1)}`,
      `* alerts [#99](${REPO}/issues/99) and [#100](${REPO}/issues/100) fixed by [@octocat](https://github.com/octocat) ${link(3)}`,
      "",
      "",
      "### Bug Fixes",
      "",
      `* a &lt;b&gt;tag&lt;/b&gt; and \`<kept>\` ${link(7)}`,
      `* **deps:** update x ${link(2)}, closes [#7](${REPO}/issues/7)`,
      "",
      "",
      "### Code Refactoring",
      "",
      `* rename ${link(4)}`,
      "",
      "",
      "### Build System",
      "",
      `* **ci:** node 22 ${link(5)}`,
      "",
    ].join("\n"),
  );
});

test("release-please writes refs since 17.10.4; conventional-changelog closes, with single blank lines", () => {
  const entries = [entry(1, { type: "fix", subject: "x", references: [{ number: 7, repo: null }] })];
  assert.match(renderChangelog({ ...base, entries }), /, refs \[#7\]/);
  const cc = renderChangelog({ ...base, entries, format: "conventional-changelog" });
  assert.equal(
    cc,
    `## [1.4.0](${REPO}/compare/v1.3.2...v1.4.0) (2026-11-22)\n\n### Bug Fixes\n\n* x ${link(1)}, closes [#7](${REPO}/issues/7)\n`,
  );
});

test("without a known remote there are no links; hidden types and other commits show when asked", () => {
  const text = renderChangelog({
    ...base,
    entries: [entry(4, { type: "docs", subject: "explain waivers" })],
    others: [{ sha: SHA(6), header: "Update README" }],
    repoUrl: null,
    showAll: true,
    listOthers: true,
    previousTag: null,
  });
  assert.equal(
    text,
    "## 1.4.0 (2026-11-22)\n\n\n### Documentation\n\n* explain waivers 4444444\n\n\n### Other Changes\n\n* Update README 6666666\n",
  );
});

test("a Release-As footer lists a hidden commit; CRLF documents", () => {
  const text = renderChangelog({
    ...base,
    eol: "\r\n",
    entries: [entry(1, { type: "chore", subject: "release 2.0.0", releaseAs: "2.0.0" })],
  });
  assert.equal(
    text,
    `## [1.4.0](${REPO}/compare/v1.3.2...v1.4.0) (2026-11-22)\r\n\r\n\r\n### Miscellaneous Chores\r\n\r\n* release 2.0.0 ${link(1)}\r\n`,
  );
});

// ---------------------------------------------------------------------------------------------
// The same entries through conventional-changelog-writer and the conventionalcommits preset.

/** release-please's main template (conventionalcommits preset 6.x), which it renders with. */
const RELEASE_PLEASE_TEMPLATE = `{{> header}}

{{#if noteGroups}}
{{#each noteGroups}}

### ⚠ {{title}}

{{#each notes}}
* {{#if commit.scope}}**{{commit.scope}}:** {{/if}}{{text}}
{{/each}}
{{/each}}
{{/if}}
{{#each commitGroups}}

{{#if title}}
### {{title}}

{{/if}}
{{#each commits}}
{{> commit root=@root}}
{{/each}}

{{/each}}
`;

interface Preset {
  writer: { mainTemplate?: string; commitPartial?: string };
}
// The preset ships no types.
const PRESET = "conventional-changelog-conventionalcommits";
const { default: createPreset } = (await import(PRESET)) as { default: () => Promise<Preset> };

async function throughWriter(input: ChangelogInput): Promise<string> {
  const preset = await createPreset();
  const releasePlease = (input.format ?? "release-please") === "release-please";
  const options = { ...preset.writer };
  if (releasePlease) {
    options.mainTemplate = RELEASE_PLEASE_TEMPLATE;
    options.commitPartial = options.commitPartial!.replace(/,\s*closes/g, ", refs");
  }
  const commits = input.entries.map((e) => ({
    type: e.type,
    scope: e.scope,
    subject: e.subject,
    header: `${e.type}: ${e.subject}`,
    body: "",
    footer: e.releaseAs ? `Release-As: ${e.releaseAs}` : "",
    notes:
      e.breakingNote === null
        ? []
        : [
            {
              title: "BREAKING CHANGE",
              // release-please's replaceIssueLink, before the writer.
              text: releasePlease
                ? e.breakingNote.replace(/\(#(\d+)\)/, `([#$1](${REPO}/issues/$1))`)
                : e.breakingNote,
            },
          ],
    references: e.references.map((r) => ({
      prefix: "#",
      issue: String(r.number),
      action: "",
      owner: null,
      repository: null,
      raw: "",
    })),
    mentions: [],
    merge: null,
    revert: null,
    hash: e.sha,
  }));
  const [owner, repository] = REPO.split("/").slice(-2);
  const text = await writeChangelogString(
    commits,
    {
      host: "https://github.com",
      owner,
      repository,
      version: input.version!,
      previousTag: input.previousTag!,
      currentTag: input.tag!,
      linkCompare: true,
      date: input.date,
    } as never,
    options as never,
  );
  return `${text.trim()}\n`;
}

const words = fc.constantFrom(
  "add",
  "Fix",
  "zebra",
  "alpha",
  "#12",
  "@octo",
  "(#7)",
  "api",
  "Ä",
  "_x",
  "-y",
  "10",
  "9",
);
const subject = fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const arbitraryEntry = fc.record({
  n: fc.nat(9),
  type: fc.constantFrom(
    "feat",
    "fix",
    "perf",
    "revert",
    "docs",
    "refactor",
    "build",
    "chore",
    "deps",
    "Feat",
    "feature",
  ),
  scope: fc.constantFrom(null, "api", "deps", "Api", "core,cli", "*", "z"),
  subject,
  note: fc.option(subject, { nil: null }),
  references: fc.array(fc.constantFrom(7, 12, 99), { maxLength: 2 }),
});

test("renders what conventional-changelog-writer renders with the preset, in both formats", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(arbitraryEntry, { maxLength: 12 }),
      fc.constantFrom("release-please" as const, "conventional-changelog" as const),
      async (raw, format) => {
        const entries = raw.map((r) =>
          entry(r.n, {
            type: r.type,
            scope: r.scope,
            subject: r.subject,
            breaking: r.note !== null,
            breakingNote: r.note,
            references: [...new Set(r.references)].map((number) => ({ number, repo: null })),
          }),
        );
        const input = { ...base, format, entries };
        assert.equal(renderChangelog(input), await throughWriter(input));
      },
    ),
    { numRuns: 300 },
  );
});
