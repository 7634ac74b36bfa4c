import assert from "node:assert/strict";
import { truncateSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { EVIDENCE_NOW, makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { makeTempTree } from "../../test/helpers/make-temp-tree.js";
import type { FileSpec } from "./types.js";
import { collectFile } from "./collect-file.js";

function fileSpec(extra: Partial<FileSpec>): FileSpec {
  return { kind: "file", timeoutMs: 300_000, ...extra };
}

const CHANGELOG = `# Changelog

All notable changes to this project are documented here.

## [Unreleased]

## [1.2.0] - 2025-03-10

### Added
- Checkout as guest.

## [1.1.0] - 2025-02-01
`;

// The seed's case: a section heading for the version in package.json, with or without brackets and "v".
const CHANGELOG_SECTION = "^## \\[?v?{version}\\]?";

test("CHANGELOG has a section for this version: passes, pointing at the line", async () => {
  const root = makeTempTree({
    "package.json": `{"name":"shop","version":"1.2.0"}`,
    "CHANGELOG.md": CHANGELOG,
  });
  const result = await collectFile(
    fileSpec({ path: "CHANGELOG.md", matches: CHANGELOG_SECTION, version: { path: "package.json" } }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "pass");
  assert.equal(result.provenance.kind, "file");
  assert.equal(result.provenance.source, "CHANGELOG.md:7, package.json");
  assert.equal(result.provenance.observedAt, EVIDENCE_NOW.toISOString());
  assert.equal(result.provenance.message, undefined);
  assert.deepEqual(result.details, [
    "version 1.2.0 read from package.json",
    "CHANGELOG.md:7: ## [1.2.0] - 2025-03-10",
  ]);
});

test("CHANGELOG without a section for this version fails, naming the version", async () => {
  const root = makeTempTree({ "package.json": `{"version":"1.3.0"}`, "CHANGELOG.md": CHANGELOG });
  const result = await collectFile(
    fileSpec({ path: "CHANGELOG.md", matches: CHANGELOG_SECTION, version: { path: "package.json" } }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "fail");
  assert.match(
    result.provenance.message!,
    /^CHANGELOG\.md has no text matching \^## \\\[\?v\?\{version\}\\\]\? \(version 1\.3\.0\)\. Add a section for 1\.3\.0, or correct matches:/,
  );
});

test("the version is escaped in matches and a leading v is dropped before it is put in", async () => {
  const root = makeTempTree({
    VERSION: "v1.2.0\n",
    "CHANGELOG.md": "## v1.2.0\n",
    "OTHER.md": "## [1x2y0]\n",
  });
  const found = await collectFile(
    fileSpec({ path: "CHANGELOG.md", matches: CHANGELOG_SECTION, version: { path: "VERSION" } }),
    makeEvidenceContext(root),
  );
  assert.equal(found.outcome, "pass");
  const lookalike = await collectFile(
    fileSpec({ path: "OTHER.md", matches: CHANGELOG_SECTION, version: { path: "VERSION" } }),
    makeEvidenceContext(root),
  );
  assert.equal(lookalike.outcome, "fail");
});

test("matches anchors ^ and $ at each line, CRLF line ends included", async () => {
  const root = makeTempTree({ "RUNBOOK.md": "# Runbook\r\n\r\nRollback: tested\r\n" });
  const result = await collectFile(
    fileSpec({ path: "RUNBOOK.md", matches: "^Rollback: tested$" }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "pass");
  assert.equal(result.provenance.source, "RUNBOOK.md:3");
});

test("contains is literal text, with {version} put in", async () => {
  const root = makeTempTree({
    "pyproject.toml": `[project]\nname = "shop"\nversion = "2.0.0"\n`,
    "README.md": "pip install shop==2.0.0 (a.k.a. [stable])\n",
  });
  const pass = await collectFile(
    fileSpec({
      path: "README.md",
      contains: "shop=={version} (a.k.a. [stable])",
      version: { path: "pyproject.toml" },
    }),
    makeEvidenceContext(root),
  );
  assert.equal(pass.outcome, "pass");
  assert.equal(pass.details![1], 'README.md:1 contains "shop==2.0.0 (a.k.a. [stable])"');
  const fail = await collectFile(
    fileSpec({ path: "README.md", contains: "shop==1.9.0" }),
    makeEvidenceContext(root),
  );
  assert.equal(fail.outcome, "fail");
  assert.match(fail.provenance.message!, /^README\.md does not contain "shop==1\.9\.0"\. Add it/);
});

test("a path that does not exist fails; with nothing else asked, existing passes", async () => {
  const root = makeTempTree({ "docs/runbook.md": "# Runbook\n" });
  const missing = await collectFile(fileSpec({ path: "docs/rollback.md" }), makeEvidenceContext(root));
  assert.equal(missing.outcome, "fail");
  assert.equal(missing.provenance.source, "docs/rollback.md");
  assert.match(
    missing.provenance.message!,
    /^docs\/rollback\.md does not exist\. Create it, or correct path:/,
  );
  const present = await collectFile(fileSpec({ path: "docs/runbook.md" }), makeEvidenceContext(root));
  assert.equal(present.outcome, "pass");
});

test("an invalid regular expression is inconclusive with the error", async () => {
  const root = makeTempTree({ "CHANGELOG.md": CHANGELOG });
  const result = await collectFile(
    fileSpec({ path: "CHANGELOG.md", matches: "^## [1.2.0" }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(
    result.provenance.message!,
    /^matches: \^## \[1\.2\.0 is not a valid regular expression \(Invalid regular expression: .*\)\. Correct it/,
  );
});

test("a missing version source fails, naming the file", async () => {
  const root = makeTempTree({ "CHANGELOG.md": CHANGELOG });
  const result = await collectFile(
    fileSpec({ path: "CHANGELOG.md", matches: CHANGELOG_SECTION, version: { path: "package.json" } }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "fail");
  assert.match(result.provenance.message!, /^package\.json does not exist/);
});

test("{version} with no version source is inconclusive and says what to add", async () => {
  const root = makeTempTree({ "CHANGELOG.md": CHANGELOG });
  const result = await collectFile(
    fileSpec({ path: "CHANGELOG.md", matches: CHANGELOG_SECTION }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /uses \{version\}, but no version: says where to read it/);
});

test("VERSION matches config: sameVersion passes when every file agrees, a leading v aside", async () => {
  const root = makeTempTree({
    VERSION: "v0.5.0\n",
    "app/config.py": `app_name = "shop"\napp_version = "0.5.0"\n`,
    "package.json": `{"version": "0.5.0"}`,
    "Cargo.toml": `[package]\nname = "shop"\nversion = "0.5.0"\n`,
  });
  const result = await collectFile(
    fileSpec({
      sameVersion: [
        { path: "VERSION" },
        { path: "app/config.py", pattern: `^app_version\\s*=\\s*"([^"]+)"` },
        { path: "package.json" },
        { path: "Cargo.toml" },
      ],
    }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "pass");
  assert.equal(result.provenance.source, "VERSION, app/config.py, package.json, Cargo.toml");
  assert.deepEqual(result.details, [
    "VERSION: v0.5.0",
    "app/config.py: 0.5.0",
    "package.json: 0.5.0",
    "Cargo.toml: 0.5.0",
  ]);
});

test("sameVersion fails listing each file's version when they differ or one has none", async () => {
  const root = makeTempTree({ VERSION: "0.5.0\n", "app/config.py": `app_version = "0.4.2"\n` });
  const configVersion = { path: "app/config.py", pattern: `app_version = "([^"]+)"` };
  const differ = await collectFile(
    fileSpec({ sameVersion: [{ path: "VERSION" }, configVersion] }),
    makeEvidenceContext(root),
  );
  assert.equal(differ.outcome, "fail");
  assert.match(
    differ.provenance.message!,
    /^the versions do not agree: VERSION 0\.5\.0, app\/config\.py 0\.4\.2\. Give every listed file the same version\./,
  );
  const missing = await collectFile(
    fileSpec({ sameVersion: [{ path: "VERSION" }, { path: "pyproject.toml" }] }),
    makeEvidenceContext(root),
  );
  assert.equal(missing.outcome, "fail");
  assert.match(
    missing.provenance.message!,
    /^the versions do not agree: VERSION 0\.5\.0, pyproject\.toml none\. pyproject\.toml does not exist/,
  );
});

test("sameVersion with a file that cannot be read for a version is inconclusive", async () => {
  const root = makeTempTree({
    VERSION: "0.5.0\n",
    "pyproject.toml": `[project]\nname = "shop"\ndynamic = ["version"]\n`,
  });
  const result = await collectFile(
    fileSpec({ sameVersion: [{ path: "VERSION" }, { path: "pyproject.toml" }] }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /^pyproject\.toml declares its version dynamic/);
});

test("path and sameVersion together: any failing check fails the evidence", async () => {
  const root = makeTempTree({
    VERSION: "0.5.0\n",
    "package.json": `{"version":"0.6.0"}`,
    "CHANGELOG.md": "## 0.5.0\n",
  });
  const result = await collectFile(
    fileSpec({
      path: "CHANGELOG.md",
      matches: CHANGELOG_SECTION,
      version: { path: "VERSION" },
      sameVersion: [{ path: "VERSION" }, { path: "package.json" }],
    }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "fail");
  assert.equal(result.provenance.source, "CHANGELOG.md:1, VERSION, package.json");
  assert.match(
    result.provenance.message!,
    /^the versions do not agree: VERSION 0\.5\.0, package\.json 0\.6\.0/,
  );
});

test("an evidence item that asks nothing is inconclusive", async () => {
  const root = makeTempTree({});
  const result = await collectFile(fileSpec({}), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /names nothing to check/);
});

test("a file over the size limit is refused without being read", async () => {
  const root = makeTempTree({ "CHANGELOG.md": "## 1.0.0\n" });
  truncateSync(join(root, "CHANGELOG.md"), 50 * 1024 * 1024);
  const result = await collectFile(
    fileSpec({ path: "CHANGELOG.md", contains: "1.0.0" }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(
    result.provenance.message!,
    /^CHANGELOG\.md is 50\.0 MB, more than the 10\.0 MB shipready searches/,
  );
});

test("an aborted collection stops between files and is inconclusive", async () => {
  const root = makeTempTree({ VERSION: "1.0.0\n", "package.json": `{"version":"1.0.0"}` });
  const controller = new AbortController();
  controller.abort();
  const result = await collectFile(
    fileSpec({ sameVersion: [{ path: "VERSION" }, { path: "package.json" }] }),
    makeEvidenceContext(root, { signal: controller.signal }),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /^stopped before every file was checked/);
});
