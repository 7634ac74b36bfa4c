import assert from "node:assert/strict";
import { test } from "node:test";
import { bumpVersionText } from "./bump-version-text.js";

const bump = (text: string, file: string, extra: { pattern?: string; marker?: string } = {}) =>
  bumpVersionText(text, { file, ...extra }, "1.4.0");

test("package.json: only the top-level version changes, nested ones and every other byte stay", () => {
  const text = `{\r\n  "name": "app",\r\n  "dependencies": { "x": { "version": "9.9.9" } },\r\n  "version": "1.3.0",\r\n  "description": "version \\"2.0.0\\""\r\n}\r\n`;
  const result = bump(text, "package.json");
  assert.ok(!("problem" in result));
  assert.deepEqual(result.found, ["1.3.0"]);
  assert.equal(result.text, text.replace('"version": "1.3.0"', '"version": "1.4.0"'));
});

test("package.json without a top-level version, or with a number, says so", () => {
  const missing = bump(`{ "name": "app", "nested": { "version": "1.0.0" } }`, "package.json");
  assert.match("problem" in missing ? missing.problem : "", /no top-level "version"/);
  const number = bump(`{ "version": 1 }`, "package.json");
  assert.match("problem" in number ? number.problem : "", /not a string/);
});

test("a VERSION file keeps its line ending and surrounding blank lines", () => {
  const result = bump("\n  1.3.0  \r\n", "VERSION");
  assert.ok(!("problem" in result));
  assert.equal(result.text, "\n  1.4.0  \r\n");
  const empty = bump("\n\n", "VERSION");
  assert.match("problem" in empty ? empty.problem : "", /empty/);
});

test("pyproject.toml and Cargo.toml: the version of the package's own table", () => {
  const py = `[tool.ruff]\nversion = "0.1"\n\n[project]\nname = "app"\nversion = '1.3.0'\n`;
  const result = bump(py, "pyproject.toml");
  assert.ok(!("problem" in result));
  assert.equal(result.text, py.replace("'1.3.0'", "'1.4.0'"));
  const cargo = `[package]\nname = "app"\nversion = "1.3.0"\n\n[dependencies]\nserde = { version = "1" }\n`;
  const c = bump(cargo, "Cargo.toml");
  assert.ok(!("problem" in c));
  assert.equal(c.text, cargo.replace('"1.3.0"', '"1.4.0"'));
  const none = bump(`[tool.black]\nversion = "1"\n`, "pyproject.toml");
  assert.match("problem" in none ? none.problem : "", /\[project\] or \[tool\.poetry\]/);
});

test("a pattern rewrites its first group at every match (the seed's app_version in config.py)", () => {
  const text = `app_name = "x"\napp_version = "0.5.0"\n# app_version = "0.5.0" mirrored\n`;
  const result = bump(text, "config.py", { pattern: 'app_version = "([^"]+)"' });
  assert.ok(!("problem" in result));
  assert.deepEqual(result.found, ["0.5.0", "0.5.0"]);
  assert.equal(result.text, text.replaceAll("0.5.0", "1.4.0"));
});

test("a pattern that matches nothing says which file and which pattern", () => {
  const result = bump(`VERSION = 3\n`, "config.py", { pattern: 'app_version = "([^"]+)"' });
  assert.ok("problem" in result);
  assert.match(result.problem, /config\.py has no text matching the version pattern app_version/);
});

test("a marker rewrites the version on each marked line only", () => {
  const text = `image: app:1.3.0 # x-release-version\nother: lib:2.0.0\n`;
  const result = bump(text, "deploy.yml", { marker: "x-release-version" });
  assert.ok(!("problem" in result));
  assert.equal(result.text, `image: app:1.4.0 # x-release-version\nother: lib:2.0.0\n`);
  const unmarked = bump(`image: app:1.3.0\n`, "deploy.yml", { marker: "x-release-version" });
  assert.match("problem" in unmarked ? unmarked.problem : "", /no line holding the marker/);
});

test("a file of an unknown kind without a pattern asks for one", () => {
  const result = bump(`version 1.3.0`, "setup.cfg");
  assert.match("problem" in result ? result.problem : "", /cannot tell where the version is in setup\.cfg/);
});

test("a file that already holds the version comes back unchanged", () => {
  const text = `{ "version": "1.4.0" }\n`;
  const result = bump(text, "package.json");
  assert.ok(!("problem" in result));
  assert.equal(result.text, text);
});
