import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { updatePackageLock } from "./update-package-lock.js";

describe("updatePackageLock", () => {
  test('lockfileVersion 3: the top-level version and packages[""].version, nothing else', () => {
    const text =
      '{\n  "name": "@octo/a",\n  "version": "1.2.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {\n      "name": "@octo/a",\n      "version": "1.2.0",\n      "dependencies": { "left-pad": "1.2.0" }\n    },\n    "node_modules/left-pad": {\n      "version": "1.2.0"\n    }\n  }\n}\n';
    assert.deepEqual(updatePackageLock(text, "1.3.0"), {
      text: text
        .replace('"version": "1.2.0",\n  "lockfileVersion"', '"version": "1.3.0",\n  "lockfileVersion"')
        .replace('"version": "1.2.0",\n      "dependencies"', '"version": "1.3.0",\n      "dependencies"'),
      found: ["1.2.0", "1.2.0"],
    });
  });

  test("lockfileVersion 1 has no packages: the top-level version only", () => {
    const text =
      '{\n  "name": "a",\n  "version": "0.1.0",\n  "lockfileVersion": 1,\n  "dependencies": {}\n}\n';
    assert.deepEqual(updatePackageLock(text, "0.2.0"), {
      text: text.replace("0.1.0", "0.2.0"),
      found: ["0.1.0"],
    });
  });

  test("a lock file without a version gets one, as release-please sets it; tabs and CRLF are kept", () => {
    const text =
      '{\r\n\t"name": "a",\r\n\t"lockfileVersion": 2,\r\n\t"packages": {\r\n\t\t"": {\r\n\t\t\t"name": "a"\r\n\t\t}\r\n\t}\r\n}\r\n';
    const result = updatePackageLock(text, "2.0.0");
    assert.ok("text" in result);
    assert.deepEqual(JSON.parse(result.text), {
      name: "a",
      lockfileVersion: 2,
      packages: { "": { name: "a", version: "2.0.0" } },
      version: "2.0.0",
    });
    assert.ok(!/[^\r]\n/.test(result.text), "CRLF kept");
    assert.match(result.text, /\n\t"version": "2\.0\.0"/);
    assert.deepEqual(result.found, []);
  });

  test("not JSON", () => {
    assert.deepEqual(updatePackageLock("{ nope", "1.0.0"), { problem: "is not a JSON object" });
    assert.deepEqual(updatePackageLock("[]", "1.0.0"), { problem: "is not a JSON object" });
  });
});
