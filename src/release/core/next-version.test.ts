import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import semver from "semver";
import { bumpOf, nextVersion, type Bump } from "./next-version.js";

const feat = { type: "feat", breaking: false };
const fix = { type: "fix", breaking: false };
const perf = { type: "perf", breaking: false };
const revert = { type: "revert", breaking: false };
const chore = { type: "chore", breaking: false };
const docs = { type: "docs", breaking: false };
const breaking = { type: "refactor", breaking: true };

// The benchmark generator's rules (make-history.mjs `bumpOf` and `nextVersion`), copied: a range
// is at least a patch there, because its releases always hold commits that need one.
function generatorBump(commits: readonly { type: string; breaking: boolean }[]): Bump {
  const state = { breaking: commits.some((c) => c.breaking), feat: commits.some((c) => c.type === "feat") };
  return state.breaking ? "major" : state.feat ? "minor" : "patch";
}
function generatorNextVersion(v: string, bump: Bump): string {
  const [M, m, p] = v.split(".").map(Number) as [number, number, number];
  if (bump === "major") return `${M + 1}.0.0`;
  if (bump === "minor") return `${M}.${m + 1}.0`;
  return `${M}.${m}.${p + 1}`;
}

test("the bump the commits ask for", () => {
  const cases: [{ type: string; breaking: boolean }[], Bump][] = [
    [[], "none"],
    [[chore, docs, { type: "test", breaking: false }, { type: "ci", breaking: false }], "none"],
    [[chore, fix], "patch"],
    [[perf], "patch"],
    [[revert], "patch"],
    [[fix, feat, fix], "minor"],
    [[{ type: "revert", breaking: false }, feat], "minor"],
    [[feat, breaking, fix], "major"],
    [[{ type: "chore", breaking: true }], "major"],
    [
      [
        { type: "Feat", breaking: false },
        { type: "wip", breaking: false },
      ],
      "none",
    ],
  ];
  for (const [commits, bump] of cases) {
    assert.equal(bumpOf(commits), bump, JSON.stringify(commits));
  }
});

test("next stable versions", () => {
  const cases: [
    string | null,
    { type: string; breaking: boolean }[],
    "minor" | "major",
    Bump,
    string | null,
  ][] = [
    [null, [fix], "minor", "patch", "1.0.0"],
    [null, [breaking], "minor", "major", "1.0.0"],
    [null, [chore], "minor", "none", null],
    [null, [], "minor", "none", null],
    ["1.3.2", [fix], "minor", "patch", "1.3.3"],
    ["1.3.2", [feat, fix], "minor", "minor", "1.4.0"],
    ["1.3.2", [breaking], "minor", "major", "2.0.0"],
    ["1.3.2", [chore, docs], "minor", "none", null],
    ["v1.3.2", [fix], "minor", "patch", "1.3.3"],
    ["1.3.2+build.5", [fix], "minor", "patch", "1.3.3"],
    ["0.4.1", [breaking], "minor", "minor", "0.5.0"],
    ["0.4.1", [breaking], "major", "major", "1.0.0"],
    ["0.4.1", [feat], "major", "minor", "0.5.0"],
    ["0.4.1", [fix], "minor", "patch", "0.4.2"],
    ["0.0.3", [breaking], "minor", "minor", "0.1.0"],
  ];
  for (const [current, commits, preMajor, bump, version] of cases) {
    assert.deepEqual(nextVersion(current, commits, { preMajor }), { bump, version }, `${current} ${bump}`);
  }
  assert.deepEqual(
    nextVersion("0.4.1", [breaking]),
    { bump: "minor", version: "0.5.0" },
    "preMajor defaults to minor",
  );
});

test("pre-releases count up, move on for a bigger bump and are promoted without --pre", () => {
  const cases: [
    string | null,
    { type: string; breaking: boolean }[],
    string | undefined,
    Bump,
    string | null,
  ][] = [
    ["1.3.2", [feat], "rc", "minor", "1.4.0-rc.0"],
    ["1.3.2", [fix], "rc", "patch", "1.3.3-rc.0"],
    ["1.3.2", [breaking], "beta", "major", "2.0.0-beta.0"],
    ["1.3.2", [chore], "rc", "none", null],
    [null, [feat], "rc", "minor", "1.0.0-rc.0"],
    ["1.4.0-rc.0", [fix], "rc", "minor", "1.4.0-rc.1"],
    ["1.4.0-rc.0", [feat], "rc", "minor", "1.4.0-rc.1"],
    ["1.4.0-rc.0", [chore], "rc", "none", null],
    ["1.4.0-rc.1", [breaking], "rc", "major", "2.0.0-rc.0"],
    ["1.3.3-rc.2", [feat], "rc", "minor", "1.4.0-rc.0"],
    ["2.0.0-rc.4", [breaking, feat], "rc", "major", "2.0.0-rc.5"],
    ["1.4.0-beta.3", [fix], "rc", "minor", "1.4.0-rc.0"],
    ["1.4.0-rc", [fix], "rc", "minor", "1.4.0-rc.0"],
    ["0.5.0-rc.0", [breaking], "rc", "minor", "0.5.0-rc.1"],
    ["1.4.0-rc.1", [fix], undefined, "minor", "1.4.0"],
    ["1.4.0-rc.1", [chore], undefined, "minor", "1.4.0"],
    ["1.4.0-rc.1", [], undefined, "minor", "1.4.0"],
    ["1.4.0-rc.1", [breaking], undefined, "major", "2.0.0"],
    ["1.3.3-rc.0", [feat], undefined, "minor", "1.4.0"],
    ["2.0.0-rc.1", [breaking], undefined, "major", "2.0.0"],
  ];
  for (const [current, commits, pre, bump, version] of cases) {
    const options = pre === undefined ? {} : { pre };
    assert.deepEqual(nextVersion(current, commits, options), { bump, version }, `${current} ${pre} ${bump}`);
  }
});

test("bad input is refused with a message that says what to do", () => {
  assert.throws(() => nextVersion("1.2", [fix]), {
    name: "RangeError",
    message: /"1\.2" is not a semantic version/,
  });
  assert.throws(() => nextVersion("latest", [fix]), RangeError);
  for (const pre of ["", "rc.1", "7", "r c", "ü"]) {
    assert.throws(() => nextVersion("1.2.3", [fix], { pre }), {
      name: "RangeError",
      message: /single semver identifier/,
    });
  }
  assert.throws(() => nextVersion("1.4.0-rc.0", [fix], { pre: "beta" }), {
    name: "RangeError",
    message: /"beta" sorts before "rc" in 1\.4\.0-rc\.0/,
  });
});

const commit = fc.record({
  type: fc.constantFrom("feat", "fix", "perf", "revert", "chore", "docs", "refactor", "wip"),
  breaking: fc.boolean(),
});
const commits = fc.array(commit, { maxLength: 8 });
const PRE_IDS = ["alpha", "beta", "rc"];
const current = fc.oneof(
  fc.constant(null),
  fc.tuple(fc.nat(3), fc.nat(4), fc.nat(4)).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc
    .tuple(fc.nat(3), fc.nat(4), fc.nat(4), fc.constantFrom(...PRE_IDS), fc.nat(5))
    .filter(([a, b, c]) => a + b + c > 0)
    .map(([a, b, c, id, n]) => `${a}.${b}.${c}-${id}.${n}`),
);
const options = fc.record(
  { preMajor: fc.constantFrom("minor" as const, "major" as const), pre: fc.constantFrom(...PRE_IDS) },
  { requiredKeys: ["preMajor"] },
);
const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

test("property: a released version is valid semver and newer than the current one", () => {
  fc.assert(
    fc.property(current, commits, options, (from, list, opts) => {
      let result;
      try {
        result = nextVersion(from, list, opts);
      } catch (error) {
        // Only a pre-release id that sorts before the current one is refused.
        assert.ok(error instanceof RangeError);
        const id = semver.prerelease(from ?? "")?.[0];
        assert.ok(opts.pre !== undefined && typeof id === "string" && opts.pre < id, String(error));
        return;
      }
      assert.equal(result.version === null, result.bump === "none");
      if (result.version === null) return;
      assert.equal(semver.valid(result.version), result.version);
      if (from !== null) assert.ok(semver.gt(result.version, from), `${from} -> ${result.version}`);
      assert.equal(semver.prerelease(result.version) !== null, opts.pre !== undefined);
    }),
    { numRuns: 3000 },
  );
});

test("property: more or graver commits never give a lower bump or version", () => {
  fc.assert(
    fc.property(current, commits, commits, options, (from, base, extra, opts) => {
      const more = [...base, ...extra];
      assert.ok(RANK[bumpOf(more)] >= RANK[bumpOf(base)]);
      assert.equal(bumpOf(more), RANK[bumpOf(base)] >= RANK[bumpOf(extra)] ? bumpOf(base) : bumpOf(extra));
      let a, b;
      try {
        a = nextVersion(from, base, opts);
        b = nextVersion(from, more, opts);
      } catch {
        return; // refused pre-release ids are covered above
      }
      assert.ok(RANK[b.bump] >= RANK[a.bump], `${a.bump} -> ${b.bump}`);
      if (a.version !== null) assert.ok(b.version !== null && semver.gte(b.version, a.version));
    }),
    { numRuns: 3000 },
  );
});

test("property: agrees with make-history's rules for every range that holds a fix", () => {
  fc.assert(
    fc.property(
      fc.tuple(fc.integer({ min: 1, max: 40 }), fc.nat(40), fc.nat(40)).map(([a, b, c]) => `${a}.${b}.${c}`),
      commits,
      fc.constantFrom("minor" as const, "major" as const),
      (from, list, preMajor) => {
        const range = [...list, fix];
        const expected = generatorBump(range);
        assert.deepEqual(nextVersion(from, range, { preMajor }), {
          bump: expected,
          version: generatorNextVersion(from, expected),
        });
        assert.equal(nextVersion(null, range, { preMajor }).version, "1.0.0");
      },
    ),
    { numRuns: 2000 },
  );
});
