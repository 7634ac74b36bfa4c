import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ConfigError } from "../errors.js";
import type { ShipreadyConfig } from "./types.js";
import { defaultConfig } from "./default-config.js";
import { parseConfig } from "./parse-config.js";

const root = path.resolve("/repo");
const file = path.join(root, "shipready.yml");

const SEED = `checklist: v0.7.0-release-checklist.md
threshold: 90
categories:
  - { name: Core Gates, heading: "Core Readiness Gates", weight: 50, required: true }
  - { name: Optional Gates, heading: "Optional / Post-Release Gates", weight: 20 }
  - { name: Deployment Automation, heading: "Deployment & Release Automation", weight: 20 }
  - { name: Final Sign-Off, heading: "Final Sign-Off", weight: 10 }
waivers:
  - { gate: Load Testing, reason: "covered by the soak run", approver: "@qa-lead", expires: 2026-12-31 }
`;

/** The ConfigError parseConfig throws for `text`; fails the test when it does not throw one. */
function problemsOf(text: string, name = "shipready.yml"): ConfigError {
  try {
    parseConfig(text, name);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected parseConfig to throw a ConfigError");
}

test("the seed config parses to categories, headings and a waiver with its line", () => {
  const { config, warnings } = parseConfig(SEED, file);
  const expected: ShipreadyConfig = {
    file,
    root,
    checklist: path.join(root, "v0.7.0-release-checklist.md"),
    threshold: 90,
    categories: [
      { name: "Core Gates", headings: ["Core Readiness Gates"], weight: 50, required: true },
      { name: "Optional Gates", headings: ["Optional / Post-Release Gates"], weight: 20, required: false },
      {
        name: "Deployment Automation",
        headings: ["Deployment & Release Automation"],
        weight: 20,
        required: false,
      },
      { name: "Final Sign-Off", headings: ["Final Sign-Off"], weight: 10, required: false },
    ],
    gates: [],
    waivers: [
      {
        gate: "Load Testing",
        reason: "covered by the soak run",
        approver: "@qa-lead",
        expires: "2026-12-31",
        line: 9,
      },
    ],
    bands: defaultConfig(root).bands,
    inconclusive: "zero",
    statuses: {},
    limits: { checklistBytes: 20 * 1024 * 1024, lines: 1_000_000, gates: 250_000 },
    matrix: "per-cell",
    history: {
      enabled: true,
      file: path.join(root, ".shipready", "history.jsonl"),
      index: path.join(root, ".shipready", "cache", "history.db"),
      window: 10,
    },
    github: {
      repo: null,
      apiUrl: null,
      cache: path.join(root, ".shipready", "cache", "github.db"),
      deadlineMs: 60_000,
    },
    ciSnapshot: { enabled: true, branch: null, runs: 20, workflows: null },
    release: {
      tagPattern: "v{version}",
      preMajor: "minor",
      changelogFormat: "release-please",
      showAll: false,
      others: "drop",
      commitTypes: [
        "build",
        "chore",
        "ci",
        "docs",
        "feat",
        "fix",
        "perf",
        "refactor",
        "revert",
        "style",
        "test",
      ],
      versionFiles: null,
      changelogFile: path.join(root, "CHANGELOG.md"),
      commitMessage: "chore(release): {version}",
      push: true,
      remote: "origin",
      githubRelease: null,
    },
    commit: {
      via: "git",
      message: "chore(readiness): update {checklist} to {score} {band}",
      skipCi: true,
      remote: "origin",
      retries: 3,
    },
    notify: defaultConfig(root).notify,
    badge: defaultConfig(root).badge,
    secrets: [],
    strategy: null,
    metrics: defaultConfig(root).metrics,
  };
  assert.deepEqual(config, expected);
  assert.deepEqual(warnings, []);
});

test("an empty file, or one holding only comments, gives the defaults", () => {
  for (const text of ["", "\n", "# shipready settings go here\n\n# none yet\n"]) {
    const { config, warnings } = parseConfig(text, file);
    assert.deepEqual(config, { ...defaultConfig(root), file });
    assert.deepEqual(warnings, []);
  }
});

test("defaultConfig resolves the history paths against the folder given", () => {
  const config = defaultConfig(root);
  assert.equal(config.file, null);
  assert.equal(config.threshold, 90);
  assert.equal(config.categories, null);
  assert.equal(config.bands.at(-1)?.min, 0);
  assert.equal(config.history.file, path.join(root, ".shipready", "history.jsonl"));
});

test("normalisation: heading lists, a category's name as its heading, bands sorted, paths resolved", () => {
  const text = `inconclusive: exclude
categories:
  - name: Core Gates
    heading: [Core Readiness Gates, Must Pass]
    weight: 3
  - { name: Security, weight: 1 }
gates:
  - { gate: Security Audit, category: Security, required: true }
bands:
  - { name: Low, min: 0 }
  - { name: High, min: 80, emoji: "🟢" }
history:
  enabled: false
  file: records/history.jsonl
  window: 5
`;
  const { config } = parseConfig(text, file);
  assert.deepEqual(config.categories, [
    { name: "Core Gates", headings: ["Core Readiness Gates", "Must Pass"], weight: 3, required: false },
    { name: "Security", headings: ["Security"], weight: 1, required: false },
  ]);
  assert.deepEqual(config.gates, [{ gate: "Security Audit", category: "Security", required: true, line: 8 }]);
  assert.deepEqual(config.bands, [
    { name: "High", min: 80, emoji: "🟢" },
    { name: "Low", min: 0, emoji: "" },
  ]);
  assert.equal(config.inconclusive, "exclude");
  assert.equal(config.threshold, 90);
  assert.equal(config.checklist, null);
  assert.deepEqual(config.history, {
    enabled: false,
    file: path.join(root, "records", "history.jsonl"),
    index: path.join(root, ".shipready", "cache", "history.db"),
    window: 5,
  });
});

test("badge settings: paths resolved, defaults filled in, band colours lower-cased", () => {
  const text = `bands:
  - { name: Good, min: 50, color: "#44CC11" }
  - { name: Bad, min: 0, color: red }
badge:
  file: docs/readiness.svg
  update: true
`;
  const { config } = parseConfig(text, file);
  assert.deepEqual(config.badge, {
    file: path.join(root, "docs", "readiness.svg"),
    label: "readiness",
    update: true,
  });
  assert.deepEqual(
    config.bands.map((b) => b.color),
    ["#44cc11", "red"],
  );
  assert.deepEqual(defaultConfig(root).badge, {
    file: path.join(root, ".shipready", "badge.svg"),
    label: "readiness",
    update: false,
  });
});

test("a band colour that is neither a name nor a hex colour is reported at its line, saying to quote hex", () => {
  const text = `bands:
  - { name: Good, min: 50 }
  - name: Bad
    min: 0
    color: purpleish
badge:
  label: "  "
`;
  assert.throws(
    () => parseConfig(text, file, "shipready.yml"),
    (error: ConfigError) => {
      assert.match(
        error.problems[0]!,
        /^shipready\.yml:5: bands\[1\]\.color: expected a colour name \(brightgreen, .*\) or a hex colour, got "purpleish"\. .*in quotes/,
      );
      assert.match(error.problems[1]!, /^shipready\.yml:7: badge\.label: /);
      return true;
    },
  );
});

test("every problem is reported at once, each with its line, its path and how to fix it", () => {
  const text = `checklist: RELEASE.md
categories:
  - { name: Core Gates, weight: 50 }
  - { name: Optional Gates, weight: heavy }
  - { name: core gates, weight: 10 }
waiver:
  - { gate: Load Testing }
waivers:
  - gate: Security Audit
    reason: waiting for the pen-test report
    expires: 2026-02-30
`;
  const error = problemsOf(text);
  assert.equal(error.message, "shipready.yml has 5 problems");
  assert.match(error.fix ?? "", /Fix each one in shipready\.yml/);
  assert.deepEqual(error.problems, [
    'shipready.yml:4: categories[1].weight: expected a positive number, got "heavy". Write a number such as 20.',
    'shipready.yml:5: categories[2].name: "core gates" is already the name of categories[0] on line 3. Give each category its own name, or merge the two into one.',
    'shipready.yml:6: waiver: unknown key "waiver". Did you mean waivers? The keys allowed here are checklist, threshold, inconclusive, statuses, limits, matrix, categories, gates, waivers, bands, history, github, ciSnapshot, release, commit, notify, badge, metrics, secrets, strategy, rollback, validation, monitoring, analytics, automation, steps, checks, sources, environments, canary, incident, deploy, evidence.',
    'shipready.yml:9: waivers[0].approver: missing. Write who approved the waiver, such as approver: "@qa-lead".',
    'shipready.yml:11: waivers[0].expires: "2026-02-30" is not a day of the calendar. Write a date that exists, such as expires: 2026-12-31.',
  ]);
});

test("a YAML syntax error is reported with its line and column, and nothing else is checked", () => {
  const error = problemsOf("threshold: 90\ncategories: [\n  { name: Core Gates, weight: 50 }\nwaivers: []\n");
  assert.equal(error.message, "shipready.yml has 1 problem");
  assert.equal(error.problems.length, 1);
  assert.match(
    error.problems[0] ?? "",
    /^shipready\.yml:4:1: flow sequence .*\. Line entries up under their parent/,
  );
});

test("duplicate keys are a YAML error at the second key", () => {
  const error = problemsOf("threshold: 90\nthreshold: 80\n");
  assert.match(error.problems[0] ?? "", /^shipready\.yml:2:1: map keys must be unique\. Keep one/);
});

test("the file's path is used as given in messages", () => {
  const error = problemsOf("threshold: high\n", "config/shipready.yml");
  assert.deepEqual(error.problems, [
    'config/shipready.yml:1: threshold: expected a score from 0 to 100, got "high". Write the lowest total score that is ready, such as threshold: 90.',
  ]);
});

test("the named rules: headings with words, categories that exist, bands from 0, one waiver per gate", () => {
  const text = `categories:
  - { name: Core Gates, heading: "🚀", weight: 50 }
gates:
  - { gate: Security Audit, category: Core Gate }
waivers:
  - { gate: Load Testing, category: Core Gates, reason: soak, approver: "@qa", expires: 2026-12-31 }
  - { gate: load testing, category: core gates, reason: again, approver: "@qa", expires: 2027-01-31 }
bands:
  - { name: Good, min: 80 }
  - { name: good, min: 80 }
threshold: 101
`;
  const problems = problemsOf(text).problems;
  const expected: [number, RegExp][] = [
    [2, /categories\[0\]\.heading: "🚀" has no words to match a heading by\. Write the heading's words/],
    [4, /gates\[0\]\.category: "Core Gate" is not one of the categories .* Did you mean "Core Gates"\?/],
    [7, /waivers\[1\]: a second waiver for "load testing"; waivers\[0\] on line 6 already waives it\./],
    [8, /bands: no band has min: 0, so a score below 80 would have no band\. Add a band/],
    [10, /bands\[1\]\.name: "good" is already the name of bands\[0\] on line 9\./],
    [10, /bands\[1\]\.min: 80 is already the min of bands\[0\] on line 9/],
    [11, /threshold: expected a score from 0 to 100, got 101\./],
  ];
  assert.equal(problems.length, expected.length, problems.join("\n"));
  expected.forEach(([line, pattern], i) => {
    assert.ok(problems[i]?.startsWith(`shipready.yml:${line}: `), problems[i]);
    assert.match(problems[i] ?? "", pattern);
  });
});

test("an unknown key inside a list entry names the keys allowed there", () => {
  const problems = problemsOf("categories:\n  - { name: Core, wieght: 5, weight: 5 }\n").problems;
  assert.deepEqual(problems, [
    'shipready.yml:2: categories[0].wieght: unknown key "wieght". Did you mean weight? The keys allowed here are name, heading, weight, required.',
  ]);
});

test("a label, when given, names the file in messages while paths resolve against the file", () => {
  const error = problemsOf("threshold: high\n", "config/shipready.yml");
  assert.match(error.problems[0] ?? "", /^config\/shipready\.yml:1: /);
  try {
    parseConfig("threshold: high\n", file, "shipready.yml");
    assert.fail("expected a ConfigError");
  } catch (thrown) {
    assert.ok(thrown instanceof ConfigError);
    assert.equal(thrown.message, "shipready.yml has 1 problem");
    assert.match(thrown.problems[0] ?? "", /^shipready\.yml:1: threshold: /);
  }
  const { config } = parseConfig("checklist: RELEASE.md\n", file, "shipready.yml");
  assert.equal(config.checklist, path.join(root, "RELEASE.md"));
  assert.equal(config.file, file);
});

test("a file that is a list, not settings, says what a config looks like", () => {
  const problems = problemsOf("- threshold: 90\n").problems;
  assert.deepEqual(problems, [
    "shipready.yml:1: expected settings written as key: value lines, got a list. Write settings such as threshold: 90, one per line.",
  ]);
});

test("ciSnapshot healthy and degraded still load, with a warning that they change nothing now", () => {
  const { config, warnings } = parseConfig(
    "ciSnapshot:\n  runs: 10\n  healthy: 95\n  degraded: 99\n",
    "shipready.yml",
  );
  assert.deepEqual(config.ciSnapshot, { enabled: true, branch: null, runs: 10, workflows: null });
  assert.equal(warnings.length, 2);
  assert.match(
    warnings[0] ?? "",
    /^shipready\.yml:3: ciSnapshot\.healthy: no longer changes anything: the CI health follows each workflow's latest run/,
  );
  assert.match(warnings[1] ?? "", /^shipready\.yml:4: ciSnapshot\.degraded: no longer changes anything/);
});

test("required on a gate whose category is already required is a warning, not an error", () => {
  const text = `categories:
  - { name: Core Gates, weight: 50, required: true }
gates:
  - { gate: Security Audit, category: core gates, required: true }
`;
  const { config, warnings } = parseConfig(text, "shipready.yml");
  assert.equal(config.gates.length, 1);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? "", /^shipready\.yml:4: gates\[0\]\.required: required: true changes nothing/);
});

test("evidence bindings in the issue's shape normalise to specs with defaults, milliseconds and their lines", () => {
  const { config } = parseConfig(
    `gates:
  - gate: Build & Unit Tests
    category: Core Gates
    evidence:
      - github-actions: { workflow: ci.yml, branch: main, sha: HEAD, maxAge: 3d }
      - junit: { files: "reports/**/*.xml" }
  - gate: Load Testing
    evidence:
      - command: { run: "npm run loadtest", timeout: 600s }
  - gate: Health endpoints
    evidence:
      - http: { url: "https://staging.example.com/health", samples: 20, interval: 3s, maxLatency: 500ms }
      - file: { path: CHANGELOG.md, matches: "^## \\\\[?{version}", version: package.json }
      - github-checks: { names: build }
`,
    file,
  );
  assert.deepEqual(config.gates[0]!.evidence, [
    {
      kind: "github-actions",
      workflow: "ci.yml",
      branch: "main",
      sha: "HEAD",
      maxAgeMs: 3 * 86_400_000,
      timeoutMs: 300_000,
      line: 5,
    },
    { kind: "junit", files: "reports/**/*.xml", minTests: 1, timeoutMs: 300_000, line: 6 },
  ]);
  assert.deepEqual(config.gates[1]!.evidence, [
    { kind: "command", run: "npm run loadtest", timeoutMs: 600_000, line: 9 },
  ]);
  assert.deepEqual(config.gates[2]!.evidence, [
    {
      kind: "http",
      url: "https://staging.example.com/health",
      expect: 200,
      samples: 20,
      intervalMs: 3000,
      successRatio: 0.99,
      maxLatencyMs: 500,
      timeoutMs: 300_000,
      line: 12,
    },
    {
      kind: "file",
      path: "CHANGELOG.md",
      matches: "^## \\[?{version}",
      version: { path: "package.json" },
      timeoutMs: 300_000,
      line: 13,
    },
    { kind: "github-checks", ref: "HEAD", names: ["build"], timeoutMs: 300_000, line: 14 },
  ]);
});

test("bad evidence is reported all at once, each with its line, what is wrong and how to fix it", () => {
  const error = problemsOf(`gates:
  - gate: A
    evidence:
      - jnuit: { files: x }
      - junit: { files: x }
        command: { run: y }
      - {}
      - github-security: {}
      - http: { url: "ftp://x", interval: fast }
      - file: { contains: "{version}", matches: "(" }
      - coverage: { files: a, minLines: 80, warnBelow: 90 }
`);
  const lines = error.problems;
  const expect = [
    /^shipready.yml:4: gates\[0\]\.evidence\[0\]\.jnuit: unknown key "jnuit"\. Did you mean junit\?/,
    /^shipready.yml:5: gates\[0\]\.evidence\[1\]: junit and command in one list item\. Give each kind its own list item/,
    /^shipready.yml:7: gates\[0\]\.evidence\[2\]: no evidence kind given\. Write one of github-actions, /,
    /^shipready.yml:8: gates\[0\]\.evidence\[3\]\.github-security: names neither dependabot: nor codeScanning:/,
    /^shipready.yml:9: gates\[0\]\.evidence\[4\]\.http\.url: expected an http or https URL, got "ftp:\/\/x"/,
    /^shipready.yml:9: gates\[0\]\.evidence\[4\]\.http\.interval: expected a duration such as 300s, 10m or 3d, got "fast"/,
    /^shipready.yml:10: gates\[0\]\.evidence\[5\]\.file: names no path: and no sameVersion:/,
    /^shipready.yml:10: gates\[0\]\.evidence\[5\]\.file\.contains: uses \{version\} but no version:/,
    /^shipready.yml:10: gates\[0\]\.evidence\[5\]\.file\.matches: is not a valid regular expression/,
    /^shipready.yml:11: gates\[0\]\.evidence\[6\]\.coverage\.warnBelow: 90 is above minLines \(80\)/,
  ];
  assert.equal(lines.length, expect.length, lines.join("\n"));
  expect.forEach((pattern, i) => assert.match(lines[i]!, pattern));
});
