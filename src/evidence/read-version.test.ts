import assert from "node:assert/strict";
import { truncateSync } from "node:fs";
import { test } from "node:test";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { makeTempTree } from "../../test/helpers/make-temp-tree.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { writeTestFile } from "../../test/helpers/write-test-file.js";
import { readVersion } from "./read-version.js";

const PYPROJECT_PEP621 = `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "shop"
# bumped by the release script
version = "2.4.1"  # keep in step with VERSION
requires-python = ">=3.10"
dependencies = [
  "fastapi>=0.110",
  "pydantic>=2",
]

[tool.ruff]
line-length = 100
`;

const PYPROJECT_POETRY = `[tool.poetry]
name = "shop"
version = '1.9.0'
description = "The shop"

[tool.poetry.dependencies]
python = "^3.11"
requests = { version = "^2.31" }

[build-system]
requires = ["poetry-core"]
`;

const PYPROJECT_DYNAMIC = `[project]
name = "shop"
dynamic = [
  "version",
  "readme",
]

[tool.setuptools.dynamic]
version = {attr = "shop.__version__"}
`;

const CARGO = `[package]
name = "shop"
version = "0.7.0"
edition = "2021"

[dependencies]
serde = { version = "1.0", features = ["derive"] }

[dependencies.tokio]
version = "1.36"

[[bin]]
name = "shopd"
`;

test("package.json: the version field", async () => {
  const context = makeEvidenceContext(
    makeTempTree({ "package.json": `{\n  "name": "shop",\n  "version": "3.1.0"\n}\n` }),
  );
  assert.deepEqual(await readVersion({ path: "package.json" }, context), {
    version: "3.1.0",
    file: "package.json",
  });
});

test("pyproject.toml: [project] version, ignoring other tables and comments", async () => {
  const context = makeEvidenceContext(makeTempTree({ "pyproject.toml": PYPROJECT_PEP621 }));
  assert.deepEqual(await readVersion({ path: "pyproject.toml" }, context), {
    version: "2.4.1",
    file: "pyproject.toml",
  });
});

test("pyproject.toml: [tool.poetry] version, not a dependency's", async () => {
  const context = makeEvidenceContext(makeTempTree({ "pyproject.toml": PYPROJECT_POETRY }));
  assert.equal((await readVersion({ path: "pyproject.toml" }, context)).version, "1.9.0");
});

test("pyproject.toml: a dynamic version is inconclusive and suggests a pattern", async () => {
  const context = makeEvidenceContext(makeTempTree({ "pyproject.toml": PYPROJECT_DYNAMIC }));
  const reading = await readVersion({ path: "pyproject.toml" }, context);
  assert.equal(reading.version, null);
  assert.equal(reading.version === null && reading.outcome, "inconclusive");
  assert.match(reading.version === null ? reading.problem : "", /declares its version dynamic.*pattern/);
});

test("Cargo.toml: [package] version, not a dependency's; a workspace version is followed in the same file", async () => {
  const context = makeEvidenceContext(
    makeTempTree({
      "Cargo.toml": CARGO,
      "ws/Cargo.toml": `[workspace]\nmembers = ["a"]\n\n[workspace.package]\nversion = "4.0.0"\n\n[package]\nname = "root"\nversion.workspace = true\n`,
      "member/Cargo.toml": `[package]\nname = "a"\nversion = { workspace = true }\n`,
    }),
  );
  assert.equal((await readVersion({ path: "Cargo.toml" }, context)).version, "0.7.0");
  assert.equal((await readVersion({ path: "ws/Cargo.toml" }, context)).version, "4.0.0");
  const member = await readVersion({ path: "member/Cargo.toml" }, context);
  assert.equal(member.version === null && member.outcome, "inconclusive");
  assert.match(member.version === null ? member.problem : "", /takes its version from the workspace/);
});

test("VERSION: the first non-empty line", async () => {
  const context = makeEvidenceContext(
    makeTempTree({ VERSION: "\n  v0.5.0  \nignored\n", "empty/VERSION": "\n\n" }),
  );
  assert.equal((await readVersion({ path: "VERSION" }, context)).version, "v0.5.0");
  const empty = await readVersion({ path: "empty/VERSION" }, context);
  assert.equal(empty.version === null && empty.outcome, "fail");
});

test("a pattern: its first group, anchored per line", async () => {
  const context = makeEvidenceContext(
    makeTempTree({ "app/config.py": `APP_NAME = "shop"\napp_version = "0.5.0"\nDEBUG = False\n` }),
  );
  const reading = await readVersion(
    { path: "app/config.py", pattern: `^app_version\\s*=\\s*["']([^"']+)["']` },
    context,
  );
  assert.deepEqual(reading, { version: "0.5.0", file: "app/config.py" });
  const nothing = await readVersion({ path: "app/config.py", pattern: '^__version__ = "(.+)"' }, context);
  assert.equal(nothing.version === null && nothing.outcome, "fail");
  assert.match(
    nothing.version === null ? nothing.problem : "",
    /^app\/config\.py has no text matching the version pattern/,
  );
});

test("a bad pattern is inconclusive: invalid, or without a group", async () => {
  const context = makeEvidenceContext(makeTempTree({ "config.py": "app_version = '1'\n" }));
  const invalid = await readVersion({ path: "config.py", pattern: "app_version = ([" }, context);
  assert.equal(invalid.version === null && invalid.outcome, "inconclusive");
  assert.match(
    invalid.version === null ? invalid.problem : "",
    /is not a valid regular expression \(Invalid regular expression/,
  );
  const groupless = await readVersion({ path: "config.py", pattern: "app_version = '\\d+'" }, context);
  assert.match(groupless.version === null ? groupless.problem : "", /has no group/);
});

test("a missing file fails naming it; an unknown kind of file asks for a pattern", async () => {
  const context = makeEvidenceContext(makeTempTree({ "README.md": "# shop 1.0\n" }));
  const missing = await readVersion({ path: "package.json" }, context);
  assert.equal(missing.version === null && missing.outcome, "fail");
  assert.match(missing.version === null ? missing.problem : "", /^package\.json does not exist/);
  const unknown = await readVersion({ path: "README.md" }, context);
  assert.equal(unknown.version === null && unknown.outcome, "inconclusive");
  assert.match(
    unknown.version === null ? unknown.problem : "",
    /cannot tell how to read a version from README\.md/,
  );
});

test("malformed JSON is inconclusive with the position; JSON without a version fails", async () => {
  const context = makeEvidenceContext(
    makeTempTree({
      "package.json": `{\n  "name": "shop",\n  "version": "1.0.0",\n}\n`,
      "a/package.json": `{"name": "a"}`,
    }),
  );
  const malformed = await readVersion({ path: "package.json" }, context);
  assert.equal(malformed.version === null && malformed.outcome, "inconclusive");
  assert.match(
    malformed.version === null ? malformed.problem : "",
    /^package\.json is not valid JSON \(line 4, column 1\)/,
  );
  const versionless = await readVersion({ path: "a/package.json" }, context);
  assert.equal(versionless.version === null && versionless.outcome, "fail");
});

test("a file too large to be a version file is refused", async () => {
  const root = makeTempDir();
  truncateSync(writeTestFile(root, "VERSION", "1.0.0\n"), 5 * 1024 * 1024);
  const reading = await readVersion({ path: "VERSION" }, makeEvidenceContext(root));
  assert.equal(reading.version === null && reading.outcome, "inconclusive");
  assert.match(reading.version === null ? reading.problem : "", /too large to be a version file/);
});
