import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  releasePleaseNextVersion,
  type ReleasePleaseVersioningOptions,
} from "./release-please-versioning.js";

const BREAKING = [
  { type: "fix", breaking: false },
  { type: "feat", breaking: true },
];
const FEATURE = [
  { type: "fix", breaking: false },
  { type: "feat", breaking: false },
];
const FIX = [{ type: "fix", breaking: false }];
const DOCS = [{ type: "docs", breaking: false }];

const options = (own: Partial<ReleasePleaseVersioningOptions>): ReleasePleaseVersioningOptions => ({
  versioning: "prerelease",
  bumpMinorPreMajor: false,
  bumpPatchForMinorPreMajor: false,
  prereleaseType: null,
  prerelease: true,
  ...own,
});

/** The expectations of release-please's test/versioning-strategies/prerelease.ts, case for case. */
const PRERELEASE_CASES: [
  string,
  { type: string; breaking: boolean }[],
  Partial<ReleasePleaseVersioningOptions>,
  Record<string, string>,
][] = [
  [
    "breaking, no prerelease-type",
    BREAKING,
    {},
    {
      "1.2.3": "2.0.0",
      "0.1.2": "1.0.0",
      "1.0.0-beta01": "1.0.0-beta02",
      "2.0.0-beta01": "2.0.0-beta02",
      "1.0.1-beta01": "2.0.0-beta01",
      "1.1.0-beta01": "2.0.0-beta01",
      "1.1.1-beta01": "2.0.0-beta01",
    },
  ],
  [
    "breaking, prerelease-type beta",
    BREAKING,
    { prereleaseType: "beta" },
    {
      "1.2.3": "2.0.0-beta",
      "0.1.2": "1.0.0-beta",
      "1.0.0-alpha": "1.0.0-alpha.1",
      "1.0.0-beta": "1.0.0-beta.1",
      "2.0.0-beta": "2.0.0-beta.1",
      "1.0.1-beta": "2.0.0-beta",
      "1.1.0-beta": "2.0.0-beta",
      "1.1.1-beta": "2.0.0-beta",
      "1.0.0-beta01": "1.0.0-beta02",
      "2.0.0-beta01": "2.0.0-beta02",
      "1.0.1-beta01": "2.0.0-beta01",
      "1.1.0-beta01": "2.0.0-beta01",
      "1.1.1-beta01": "2.0.0-beta01",
      "1.0.0-beta2023.1": "1.0.0-beta2023.2",
      "2.0.0-beta2023.1": "2.0.0-beta2023.2",
      "1.0.1-beta2023.1": "2.0.0-beta2023.1",
      "1.1.0-beta2023.1": "2.0.0-beta2023.1",
      "1.1.1-beta2023.1": "2.0.0-beta2023.1",
    },
  ],
  ["breaking, bump-minor-pre-major", BREAKING, { bumpMinorPreMajor: true }, { "0.1.2": "0.2.0" }],
  [
    "breaking, bump-minor-pre-major, beta",
    BREAKING,
    { bumpMinorPreMajor: true, prereleaseType: "beta" },
    { "0.1.2": "0.2.0-beta" },
  ],
  [
    "breaking, prerelease false",
    BREAKING,
    { prerelease: false, prereleaseType: "beta" },
    {
      "1.2.3": "2.0.0",
      "1.0.0-beta01": "1.0.0",
      "1.1.0-beta01": "2.0.0",
      "1.3.0-alpha": "2.0.0",
      "1.3.0-alpha.1": "2.0.0",
    },
  ],
  [
    "feature, no prerelease-type",
    FEATURE,
    {},
    {
      "1.2.3": "1.3.0",
      "0.1.2": "0.2.0",
      "1.0.0-beta01": "1.0.0-beta02",
      "2.0.0-beta01": "2.0.0-beta02",
      "1.0.1-beta01": "1.1.0-beta01",
      "1.1.0-beta01": "1.1.0-beta02",
      "1.1.1-beta01": "1.2.0-beta01",
    },
  ],
  [
    "feature, bump-patch-for-minor-pre-major",
    FEATURE,
    { bumpPatchForMinorPreMajor: true },
    { "0.1.2": "0.1.3" },
  ],
  [
    "feature, prerelease-type beta",
    FEATURE,
    { prereleaseType: "beta" },
    {
      "1.2.3": "1.3.0-beta",
      "0.1.2": "0.2.0-beta",
      "1.0.0-alpha": "1.0.0-alpha.1",
      "1.0.0-beta": "1.0.0-beta.1",
      "2.0.0-beta": "2.0.0-beta.1",
      "1.0.1-beta": "1.1.0-beta",
      "1.1.0-alpha": "1.1.0-alpha.1",
      "1.1.0-beta": "1.1.0-beta.1",
      "1.1.1-beta": "1.2.0-beta",
      "1.0.0-beta01": "1.0.0-beta02",
      "2.0.0-beta01": "2.0.0-beta02",
      "1.0.1-beta01": "1.1.0-beta01",
      "1.1.0-beta01": "1.1.0-beta02",
      "1.1.1-beta01": "1.2.0-beta01",
      "1.0.0-beta2023.1": "1.0.0-beta2023.2",
      "2.0.0-beta2023.1": "2.0.0-beta2023.2",
      "1.0.1-beta2023.1": "1.1.0-beta2023.1",
      "1.1.0-beta2023.1": "1.1.0-beta2023.2",
      "1.1.1-beta2023.1": "1.2.0-beta2023.1",
    },
  ],
  [
    "feature, prerelease false",
    FEATURE,
    { prerelease: false, prereleaseType: "beta" },
    {
      "1.2.3": "1.3.0",
      "1.0.0-beta01": "1.0.0",
      "1.1.0-beta01": "1.1.0",
      "1.3.0-alpha": "1.3.0",
      "1.3.0-alpha.1": "1.3.0",
    },
  ],
  [
    "fix, no prerelease-type",
    FIX,
    {},
    {
      "1.2.3": "1.2.4",
      "1.0.0-beta01": "1.0.0-beta02",
      "2.0.0-beta01": "2.0.0-beta02",
      "1.0.1-beta01": "1.0.1-beta02",
      "1.1.0-beta01": "1.1.0-beta02",
      "1.1.1-beta01": "1.1.1-beta02",
      "1.0.0-beta1": "1.0.0-beta2",
      "1.0.0-beta9": "1.0.0-beta10",
      "1.0.0-beta09": "1.0.0-beta10",
    },
  ],
  [
    "fix, prerelease-type beta",
    FIX,
    { prereleaseType: "beta" },
    {
      "1.2.3": "1.2.4-beta",
      "1.2.4-alpha": "1.2.4-alpha.1",
      "1.2.4-beta": "1.2.4-beta.1",
      "1.0.0-beta01": "1.0.0-beta02",
      "2.0.0-beta01": "2.0.0-beta02",
      "1.0.1-beta01": "1.0.1-beta02",
      "1.1.0-beta01": "1.1.0-beta02",
      "1.1.1-beta01": "1.1.1-beta02",
      "1.0.0-beta1": "1.0.0-beta2",
      "1.0.0-beta9": "1.0.0-beta10",
      "1.0.0-beta09": "1.0.0-beta10",
      "1.0.0-beta2023.1": "1.0.0-beta2023.2",
      "2.0.0-beta2023.1": "2.0.0-beta2023.2",
      "1.0.1-beta2023.1": "1.0.1-beta2023.2",
      "1.1.0-beta2023.1": "1.1.0-beta2023.2",
      "1.1.1-beta2023.1": "1.1.1-beta2023.2",
    },
  ],
  [
    "fix, prerelease false",
    FIX,
    { prerelease: false, prereleaseType: "beta" },
    {
      "1.2.3": "1.2.4",
      "1.0.0-beta01": "1.0.0",
      "1.1.0-beta01": "1.1.0",
      "1.2.4-alpha": "1.2.4",
      "1.2.4-alpha.1": "1.2.4",
    },
  ],
];

describe("releasePleaseNextVersion: prerelease", () => {
  for (const [name, commits, own, cases] of PRERELEASE_CASES) {
    test(name, () => {
      for (const [from, to] of Object.entries(cases)) {
        assert.equal(releasePleaseNextVersion(from, commits, options(own)), to, `${from} -> ${to}`);
      }
    });
  }
});

describe("releasePleaseNextVersion: default and always-bump-*", () => {
  const cases: [
    ReleasePleaseVersioningOptions["versioning"],
    string,
    { type: string; breaking: boolean }[],
    string,
  ][] = [
    ["default", "1.2.3", BREAKING, "2.0.0"],
    ["default", "1.2.3", FEATURE, "1.3.0"],
    ["default", "1.2.3", DOCS, "1.2.4"],
    // release-please's plain bumps keep the pre-release part.
    ["default", "1.2.3-beta", FIX, "1.2.4-beta"],
    ["default", "1.2.3-beta", FEATURE, "1.3.0-beta"],
    ["always-bump-patch", "1.2.3", BREAKING, "1.2.4"],
    ["always-bump-minor", "1.2.3", FIX, "1.3.0"],
    ["always-bump-major", "1.2.3", DOCS, "2.0.0"],
    ["always-bump-major", "0.2.3", FIX, "1.0.0"],
  ];
  for (const [versioning, from, commits, to] of cases) {
    test(`${versioning}: ${from} -> ${to}`, () =>
      assert.equal(releasePleaseNextVersion(from, commits, options({ versioning, prerelease: false })), to));
  }
  test("a version that is not semver", () => {
    assert.throws(
      () => releasePleaseNextVersion("1.2", FIX, options({})),
      /"1\.2" is not a semantic version/,
    );
  });
});
