import { test } from "node:test";
import assert from "node:assert/strict";
import { exportSeedCache, importSeedCache } from "./convert-seed-cache.js";

// The example entry from the seed updater's README (`.cache/readiness.json`).
const SEED_EXAMPLE = [
  {
    timestamp: "2024-12-15T09:00:00",
    score: 87.5,
    status: "minor_blockers",
    core_score: 87.5,
    optional_score: 87.5,
    deployment_score: 75.0,
    signoff_score: 78.6,
    blockers_count: 3,
  },
];

test("the seed's own example entry imports as a history record", () => {
  const { records, problems } = importSeedCache(SEED_EXAMPLE, "v0.7.0-release-checklist.md");
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [
    {
      v: 1,
      at: "2024-12-15T09:00:00.000Z",
      checklist: "v0.7.0-release-checklist.md",
      commit: null,
      score: 87.5,
      band: "Minor Blockers",
      ready: false,
      threshold: 90,
      coverage: 100,
      blockers: 3,
      categories: [
        { name: "Core Gates", score: 87.5, passed: 0, total: 0 },
        { name: "Optional Gates", score: 87.5, passed: 0, total: 0 },
        { name: "Deployment Automation", score: 75, passed: 0, total: 0 },
        { name: "Final Sign-Off", score: 78.6, passed: 0, total: 0 },
      ],
      origin: "import",
    },
  ]);
});

test("export gives back the seed's entries unchanged", () => {
  const entries = [
    ...SEED_EXAMPLE,
    {
      timestamp: "2024-12-16T17:30:05",
      score: 95.2,
      status: "release_ready",
      core_score: 100,
      optional_score: 90,
      deployment_score: 87.5,
      signoff_score: null,
      blockers_count: 0,
    },
  ];
  const { records, problems } = importSeedCache(entries, "RELEASE.md");
  assert.deepEqual(problems, []);
  assert.equal(records[1]?.ready, true);
  assert.deepEqual(exportSeedCache(records), entries);
});

test("export writes UTC without a zone and null for categories the record lacks", () => {
  const [entry] = exportSeedCache([
    {
      v: 1,
      at: "2025-03-01T01:30:00.250+02:00",
      checklist: "RELEASE.md",
      commit: "abc",
      score: 72,
      band: "In Progress",
      ready: false,
      threshold: 90,
      coverage: 80,
      blockers: 5,
      categories: [{ name: "Core Gates", score: 60, passed: 3, total: 5 }],
      origin: "update",
    },
  ]);
  assert.deepEqual(entry, {
    timestamp: "2025-02-28T23:30:00",
    score: 72,
    status: "in_progress",
    core_score: 60,
    optional_score: null,
    deployment_score: null,
    signoff_score: null,
    blockers_count: 5,
  });
});

test("malformed entries are reported with their 1-based position and left out", () => {
  const { records, problems } = importSeedCache(
    [
      SEED_EXAMPLE[0],
      { ...SEED_EXAMPLE[0], timestamp: "yesterday", score: "87.5" },
      "not an entry",
      { ...SEED_EXAMPLE[0], status: "shipping", core_score: 120 },
    ],
    "RELEASE.md",
  );
  assert.equal(records.length, 1);
  assert.equal(problems.length, 3);
  assert.match(
    problems[0] ?? "",
    /^entry 2: "timestamp" is "yesterday".*; "score" is "87\.5", expected a number/,
  );
  assert.match(problems[1] ?? "", /^entry 3: expected an object/);
  assert.match(
    problems[2] ?? "",
    /^entry 4: "status" is "shipping", expected one of release_ready.*"core_score" is 120/,
  );
});

test("a top level that is not a list is one problem", () => {
  const { records, problems } = importSeedCache({ timestamp: "2024-12-15T09:00:00" }, "RELEASE.md");
  assert.deepEqual(records, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? "", /not a list of runs/);
});

test("impossible dates are refused and zones are honoured", () => {
  const { records, problems } = importSeedCache(
    [
      { ...SEED_EXAMPLE[0], timestamp: "2024-02-30T09:00:00" },
      { ...SEED_EXAMPLE[0], timestamp: "2024-12-15T09:00:00.123456+01:00" },
    ],
    "RELEASE.md",
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? "", /^entry 1: "timestamp"/);
  assert.equal(records[0]?.at, "2024-12-15T08:00:00.123Z");
});
