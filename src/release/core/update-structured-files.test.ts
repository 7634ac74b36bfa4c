import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { updateTomlPath } from "./update-toml-path.js";
import { POM_PARENT_VERSION, POM_PROJECT_VERSION, updateXmlPath } from "./update-xml-path.js";
import { updateYamlPath } from "./update-yaml-path.js";

describe("updateYamlPath", () => {
  test("the selected value in its own quotes; comments, order and layout kept", () => {
    const text = `# the chart\nname: app   # keep this\nversion: "1.2.3"\nappVersion: '1.2.3'\nimage:\n  tag: 1.2.3\n  list: [a, b]\n`;
    assert.deepEqual(updateYamlPath(text, "$.version", "1.3.0"), {
      text: text.replace('"1.2.3"', '"1.3.0"'),
      found: ["1.2.3"],
    });
    assert.deepEqual(updateYamlPath(text, "$.appVersion", "1.3.0"), {
      text: text.replace("'1.2.3'", "'1.3.0'"),
      found: ["1.2.3"],
    });
    assert.deepEqual(updateYamlPath(text, "$.image.tag", "1.3.0"), {
      text: text.replace("tag: 1.2.3", "tag: 1.3.0"),
      found: ["1.2.3"],
    });
  });
  test("every document of a multi-document file", () => {
    const text = `version: 1.0.0\n---\nversion: 1.0.0 # second\n`;
    assert.deepEqual(updateYamlPath(text, "$.version", "2.0.0"), {
      text: `version: 2.0.0\n---\nversion: 2.0.0 # second\n`,
      found: ["1.0.0", "1.0.0"],
    });
  });
  test("what is wrong", () => {
    assert.ok("problem" in updateYamlPath("a: [\n", "$.a", "1.0.0"));
    assert.deepEqual(updateYamlPath("a: 1\n", "$.a", "1.0.0"), { problem: "has no string at $.a" });
    assert.deepEqual(updateYamlPath("a: |\n  1.0.0\n", "$.a", "2.0.0"), {
      problem: "holds a block scalar (| or >) at $['a']; write the version on one line",
    });
  });
});

describe("updateTomlPath", () => {
  const text = `# Cargo\n[package]\nname = "app" # keep\nversion = "1.2.3"\nmeta = { version = '1.2.3', n = 1 }\n\n[[bin]]\nname = "x"\na.b.version = "0.1.0"\n`;
  test("a table's value, an inline table's (literal quotes kept), a dotted key in an array of tables", () => {
    assert.deepEqual(updateTomlPath(text, "$.package.version", "1.3.0"), {
      text: text.replace('version = "1.2.3"', 'version = "1.3.0"'),
      found: ["1.2.3"],
    });
    assert.deepEqual(updateTomlPath(text, "$.package.meta.version", "1.3.0"), {
      text: text.replace("'1.2.3'", "'1.3.0'"),
      found: ["1.2.3"],
    });
    assert.deepEqual(updateTomlPath(text, "$.bin[0].a.b.version", "0.2.0"), {
      text: text.replace('"0.1.0"', '"0.2.0"'),
      found: ["0.1.0"],
    });
  });
  test("what is wrong", () => {
    assert.ok("problem" in updateTomlPath("a = ", "$.a", "1.0.0"));
    assert.deepEqual(updateTomlPath(text, "$.package.meta.n", "1.0.0"), {
      problem: "has no string at $.package.meta.n",
    });
  });
});

describe("updateXmlPath", () => {
  const pom = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- keep -->\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <parent>\n    <version>9.9.9</version>\n  </parent>\n  <version>1.2.3</version>\n  <properties a='1.2.3' />\n</project>\n`;
  test("pom: the project's version, not the parent's; every other byte kept", () => {
    assert.deepEqual(updateXmlPath(pom, [POM_PROJECT_VERSION, POM_PARENT_VERSION], "1.3.0"), {
      text: pom.replace("<version>1.2.3</version>", "<version>1.3.0</version>"),
      found: ["1.2.3"],
    });
  });
  test("pom without a version of its own: the parent's", () => {
    const child = pom.replace("  <version>1.2.3</version>\n", "");
    assert.deepEqual(updateXmlPath(child, [POM_PROJECT_VERSION, POM_PARENT_VERSION], "10.0.0"), {
      text: child.replace("9.9.9", "10.0.0"),
      found: ["9.9.9"],
    });
  });
  test("an attribute by xpath, in its own quotes", () => {
    assert.deepEqual(updateXmlPath(pom, ["//*[local-name()='properties']/@a"], "2.0.0"), {
      text: pom.replace("a='1.2.3'", "a='2.0.0'"),
      found: ["1.2.3"],
    });
  });
  test("what is wrong", () => {
    assert.ok("problem" in updateXmlPath("<a><b></a>", ["/a"], "1.0.0"));
    assert.deepEqual(updateXmlPath(pom, ["/nothing"], "1.0.0"), { problem: "has nothing at /nothing" });
    assert.deepEqual(updateXmlPath("<a><b/></a>\n", ["/a/b"], "1.0.0"), {
      problem: "has an element <b> that holds no text of its own; write the version inside it",
    });
  });
});
