import assert from "node:assert/strict";
import { test } from "node:test";
import { hasChangelogSection, prependChangelogSection, readChangelogSection } from "./changelog-file.js";

const SECTION =
  "## [1.4.0](https://github.com/o/r/compare/v1.3.0...v1.4.0) (2026-12-01)\n\n\n### Features\n\n* bulk export\n";

const RELEASE_PLEASE = `# Changelog

## [1.3.0](https://github.com/o/r/compare/v1.2.0...v1.3.0) (2026-11-01)


### Bug Fixes

* old fix

### [1.2.1](https://github.com/o/r/compare/v1.2.0...v1.2.1) (2026-10-01)

* patch
`;

test("a missing changelog becomes a titled one holding the section", () => {
  assert.equal(prependChangelogSection(null, SECTION, "1.4.0"), `# Changelog\n\n${SECTION}`);
});

test("the new section goes above the newest release, below the title and introduction", () => {
  const withIntro = RELEASE_PLEASE.replace("# Changelog\n", "# Changelog\n\nAll notable changes.\n");
  const out = prependChangelogSection(withIntro, SECTION, "1.4.0");
  assert.equal(out, withIntro.replace("## [1.3.0]", `${SECTION}\n## [1.3.0]`));
});

test("a section already there is not added twice, however its heading is written", () => {
  for (const heading of [
    "## [1.4.0](x) (2026-12-01)",
    "## 1.4.0",
    "### [v1.4.0]",
    "## v1.4.0 (2026-12-01)",
  ]) {
    const text = `# Changelog\n\n${heading}\n\n* x\n`;
    assert.equal(hasChangelogSection(text, "1.4.0"), true, heading);
    assert.equal(prependChangelogSection(text, SECTION, "1.4.0"), text, heading);
  }
  assert.equal(hasChangelogSection("## [1.4.0-rc.1]\n## 11.4.0\n## 1.4.01\n", "1.4.0"), false);
});

test("CRLF files get CRLF sections and keep their BOM", () => {
  const crlf = `\uFEFF${RELEASE_PLEASE.replace(/\n/g, "\r\n")}`;
  const out = prependChangelogSection(crlf, SECTION, "1.4.0");
  assert.ok(out.startsWith("\uFEFF# Changelog\r\n"));
  assert.ok(!/[^\r]\n/.test(out), "every line ends in CRLF");
  assert.ok(out.endsWith(crlf.slice(crlf.indexOf("## [1.3.0]"))));
});

test("a changelog with no release section yet gets the section after what it holds", () => {
  assert.equal(prependChangelogSection("# Changelog", SECTION, "1.4.0"), `# Changelog\n\n${SECTION}`);
  assert.equal(prependChangelogSection("", SECTION, "1.4.0"), `# Changelog\n\n${SECTION}`);
});

test("the notes of a release are its section without the heading, up to the next release", () => {
  assert.equal(readChangelogSection(RELEASE_PLEASE, "1.3.0"), "### Bug Fixes\n\n* old fix");
  assert.equal(readChangelogSection(RELEASE_PLEASE, "1.2.1"), "* patch");
  assert.equal(readChangelogSection(RELEASE_PLEASE, "9.9.9"), null);
});
