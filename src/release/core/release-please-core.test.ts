import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { findReleaseAs } from "./find-release-as.js";
import { nextVersion } from "./next-version.js";
import { parseReleasePleaseConfig } from "./parse-release-please-config.js";
import { releasePleaseReleaseName, releasePleaseTag } from "./release-please-tag.js";
import { splitCommitByPackage } from "./split-commit-by-package.js";
import { updateJsonPath } from "./update-json-path.js";
import { updateReleasePleaseMarkers } from "./update-release-please-markers.js";

describe("releasePleaseTag", () => {
  const cases: [Parameters<typeof releasePleaseTag>[0], string][] = [
    [{ component: "my-lib", separator: "-", includeV: true }, "my-lib-v1.2.3"],
    [{ component: null, separator: "-", includeV: true }, "v1.2.3"],
    [{ component: "", separator: "-", includeV: false }, "1.2.3"],
    [{ component: "my-lib", separator: "/", includeV: false }, "my-lib/1.2.3"],
  ];
  for (const [format, tag] of cases) test(tag, () => assert.equal(releasePleaseTag(format, "1.2.3"), tag));
});

describe("findReleaseAs", () => {
  test("a footer in any case; the last one wins; the header does not count", () => {
    assert.equal(findReleaseAs("fix: a\n\nRelease-As: 2.0.0"), "2.0.0");
    assert.equal(findReleaseAs("chore: a\n\nrelease-as: 1.0.0\nRELEASE-AS: 3.1.0\n"), "3.1.0");
    assert.equal(findReleaseAs("Release-As: 2.0.0"), null);
    assert.equal(findReleaseAs("fix: a\n\nsee Release-As: 2.0.0 in the docs"), null);
  });
});

describe("nextVersion at 0.x", () => {
  test("bump-minor-pre-major and bump-patch-for-minor-pre-major, as release-please's default strategy", () => {
    const breaking = [{ type: "feat", breaking: true }];
    const feat = [{ type: "feat", breaking: false }];
    assert.equal(nextVersion("0.3.0", breaking, { preMajor: "major" }).version, "1.0.0");
    assert.equal(nextVersion("0.3.0", breaking, { preMajor: "minor" }).version, "0.4.0");
    assert.equal(nextVersion("0.3.0", feat, { preMajorFeature: "patch" }).version, "0.3.1");
    assert.equal(nextVersion("1.3.0", feat, { preMajorFeature: "patch" }).version, "1.4.0");
  });
});

describe("splitCommitByPackage", () => {
  const packages = [
    { path: ".", excludePaths: ["docs"] },
    { path: "packages/a", excludePaths: [] },
    { path: "packages/a/sub", excludePaths: [] },
    { path: "packages/b", excludePaths: [] },
  ];
  test("the longest folder owns a file; top-level files go to no folder package; root gets every commit", () => {
    assert.deepEqual(splitCommitByPackage(["packages/a/sub/x.ts"], packages), [".", "packages/a/sub"]);
    assert.deepEqual(splitCommitByPackage(["packages/a/x.ts", "packages/b/y"], packages), [
      ".",
      "packages/a",
      "packages/b",
    ]);
    assert.deepEqual(splitCommitByPackage(["README.md"], packages), ["."]);
  });
  test("exclude-paths drops a commit whose files all lie under them; an empty commit goes to every package", () => {
    assert.deepEqual(splitCommitByPackage(["docs/guide.md"], packages), []);
    assert.deepEqual(splitCommitByPackage([], packages), ["packages/a", "packages/a/sub", "packages/b"]);
  });
  test("every package returned is one of those given, and root is returned unless excluded", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a/x", "b/y", "c", "a/b/z", "docs/q")), (files) => {
        const got = splitCommitByPackage(files, [
          { path: ".", excludePaths: [] },
          { path: "a", excludePaths: [] },
          { path: "a/b", excludePaths: [] },
        ]);
        assert.ok(got.includes("."));
        assert.ok(got.every((p) => [".", "a", "a/b"].includes(p)));
      }),
    );
  });
});

describe("updateReleasePleaseMarkers", () => {
  test("inline markers and blocks, as release-please's Generic updater", () => {
    const text = [
      'v = "1.0.0" # x-release-please-version',
      "MAJOR = 1 # x-release-please-major",
      "untouched 1.0.0",
      "<!-- x-release-please-start-version -->",
      "install foo@1.0.0",
      "<!-- x-release-please-end -->",
      "after 1.0.0",
    ].join("\r\n");
    const out = updateReleasePleaseMarkers(text, "2.3.4");
    assert.equal(
      out.text,
      [
        'v = "2.3.4" # x-release-please-version',
        "MAJOR = 2 # x-release-please-major",
        "untouched 1.0.0",
        "<!-- x-release-please-start-version -->",
        "install foo@2.3.4",
        "<!-- x-release-please-end -->",
        "after 1.0.0",
      ].join("\n"),
    );
    assert.equal(out.replaced, 4);
  });
});

describe("updateJsonPath", () => {
  test("only the selected value changes; the file keeps its layout", () => {
    const out = updateJsonPath('{\n\t"a": [ { "v": "1.0.0" } ], "v": "1.0.0"\n}', "$.a[0].v", "1.1.0");
    assert.deepEqual(out, { text: '{\n\t"a": [ { "v": "1.1.0" } ], "v": "1.0.0"\n}', found: ["1.0.0"] });
    assert.deepEqual(updateJsonPath('{"v": 3}', "$.v", "1.1.0"), {
      problem: "has no version (1.2.3) at $.v",
    });
  });
});

describe("parseReleasePleaseConfig", () => {
  const manifest = { name: ".release-please-manifest.json", text: '{ "packages/a": "1.2.0" }' };
  test("defaults merged under each package, as release-please reads them", () => {
    const parsed = parseReleasePleaseConfig(
      {
        name: "release-please-config.json",
        text: JSON.stringify({
          "bump-minor-pre-major": true,
          "tag-separator": "/",
          packages: { "packages/a": { "release-type": "simple", component: "a", "include-v-in-tag": false } },
        }),
      },
      manifest,
    );
    assert.ok("setup" in parsed);
    const [pkg] = parsed.setup.packages;
    assert.equal(pkg!.version, "1.2.0");
    assert.equal(pkg!.bumpMinorPreMajor, true);
    assert.equal(pkg!.tagSeparator, "/");
    assert.equal(pkg!.includeVInTag, false);
    assert.equal(pkg!.includeComponentInTag, true);
    assert.equal(pkg!.changelogPath, "CHANGELOG.md");
  });
  test("every problem with its file:line:column", () => {
    const parsed = parseReleasePleaseConfig(
      {
        name: "release-please-config.json",
        text: '{\n  "packages": { "a": { "release-type": "python" } },\n  "tag-seperator": "/"\n}',
      },
      { name: ".release-please-manifest.json", text: '{\n  "a": "one"\n}' },
    );
    assert.deepEqual(parsed, {
      problems: [
        "release-please-config.json:3:3: tag-seperator is not a key release-please knows. Remove it, or correct its spelling.",
      ],
    });
    const types = parseReleasePleaseConfig(
      { name: "c.json", text: '{\n  "packages": { "a": { "release-type": "python" } }\n}' },
      { name: "m.json", text: '{\n  "a": "one"\n}' },
    );
    assert.deepEqual(types, {
      problems: [
        'm.json:2:3: "a" is "one", not a semantic version (1.2.3). Write the version last released.',
        'c.json:2:24: release-type "python" is not one shipready releases (node, simple). Use node or simple, or release this package with release-please.',
      ],
    });
  });
});

describe("releasePleaseReleaseName", () => {
  const cases: [Parameters<typeof releasePleaseReleaseName>[0], string][] = [
    [{ component: "my-lib", separator: "-", includeV: true, includeVInName: true }, "my-lib: v1.2.3"],
    [{ component: "my-lib", separator: "/", includeV: false, includeVInName: true }, "my-lib: v1.2.3"],
    [{ component: null, separator: "-", includeV: true, includeVInName: true }, "v1.2.3"],
    [{ component: "", separator: "-", includeV: true, includeVInName: false }, "1.2.3"],
    [{ component: "my-lib", separator: "-", includeV: true, includeVInName: false }, "my-lib: 1.2.3"],
  ];
  for (const [format, name] of cases)
    test(name, () => assert.equal(releasePleaseReleaseName(format, "1.2.3"), name));
});
