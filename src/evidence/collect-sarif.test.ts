import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { repoRoot } from "../../test/helpers/repo-paths.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { collectSarif } from "./collect-sarif.js";
import type { Baseline, SarifSpec } from "./types.js";

const FIXTURES = join(repoRoot, "test", "fixtures", "sarif");

function spec(files: string, extra: Partial<SarifSpec> = {}): SarifSpec {
  return { kind: "sarif", files, failOn: "high", new: false, timeoutMs: 300_000, ...extra };
}

function withFixture(name: string): string {
  const dir = makeTempDir();
  copyFileSync(join(FIXTURES, name), join(dir, name));
  return dir;
}

test("each scanner's SARIF is read, and its findings counted by severity from security-severity or the level", async () => {
  const cases: { file: string; counts: Record<string, number>; outcome: string }[] = [
    { file: "codeql.sarif", counts: { critical: 0, high: 1, medium: 1, low: 1 }, outcome: "fail" },
    { file: "trivy.sarif", counts: { critical: 1, high: 1, medium: 0, low: 0 }, outcome: "fail" },
    { file: "snyk.sarif", counts: { critical: 0, high: 1, medium: 0, low: 0 }, outcome: "fail" },
    // The second semgrep result is suppressed in the source, so it is not a finding.
    { file: "semgrep.sarif", counts: { critical: 0, high: 0, medium: 1, low: 0 }, outcome: "pass" },
    { file: "eslint.sarif", counts: { critical: 0, high: 1, medium: 1, low: 0 }, outcome: "fail" },
    { file: "grype.sarif", counts: { critical: 1, high: 0, medium: 1, low: 0 }, outcome: "fail" },
  ];
  for (const c of cases) {
    const dir = withFixture(c.file);
    const result = await collectSarif(spec(c.file), makeEvidenceContext(dir));
    assert.equal(result.outcome, c.outcome, c.file);
    assert.deepEqual(result.figures, c.counts, c.file);
    const total = Object.values(c.counts).reduce((a, b) => a + b, 0);
    assert.equal(result.fingerprints?.length, total, c.file);
  }
});

test("failOn sets the lowest severity that fails, and the message lists the worst findings with rule, file:line and link", async () => {
  const dir = withFixture("codeql.sarif");
  const critical = await collectSarif(spec("codeql.sarif", { failOn: "critical" }), makeEvidenceContext(dir));
  assert.equal(critical.outcome, "pass");
  const medium = await collectSarif(spec("*.sarif", { failOn: "medium" }), makeEvidenceContext(dir));
  assert.equal(medium.outcome, "fail");
  assert.equal(
    medium.provenance.message,
    "2 medium-or-worse findings: high js/sql-injection at src/db.js:42 " +
      "(https://codeql.github.com/codeql-query-help/javascript/js-sql-injection/); " +
      "medium js/xss at src/page.js:7 (https://codeql.github.com/codeql-query-help/javascript/js-xss/). " +
      "Fix them, or suppress the ones that are false positives in the scanner.",
  );
});

test("new: true fails only on findings whose fingerprints the last release did not record", async () => {
  const dir = withFixture("trivy.sarif");
  const first = await collectSarif(spec("trivy.sarif"), makeEvidenceContext(dir));
  // The release recorded only the first finding (CVE-2023-44487): the critical one is new.
  const oneKnown = first.fingerprints!.filter((_, index) => index === 0);
  const baseline: Baseline = {
    release: { tag: "v1.0.0", commit: "abc" },
    record: { at: "2026-01-01T00:00:00Z", commit: "abc" },
    missing: null,
    figures: {},
    findings: { "sarif:trivy.sarif": oneKnown },
  };
  const context = makeEvidenceContext(dir, { baseline: () => Promise.resolve(baseline) });
  const result = await collectSarif(spec("trivy.sarif", { new: true }), context);
  assert.equal(result.outcome, "fail");
  assert.match(
    result.provenance.message ?? "",
    /^1 new high-or-worse finding: critical CVE-2024-3094 at library\/debian:1 /,
  );
  assert.equal(result.figures?.new, 1);
  const allKnown = makeEvidenceContext(dir, {
    baseline: () => Promise.resolve({ ...baseline, findings: { "sarif:trivy.sarif": first.fingerprints! } }),
  });
  assert.equal((await collectSarif(spec("trivy.sarif", { new: true }), allKnown)).outcome, "pass");
});

test("new: true before the first release counts every finding and says the first release sets the baseline", async () => {
  const dir = withFixture("semgrep.sarif");
  const result = await collectSarif(spec("semgrep.sarif", { new: true }), makeEvidenceContext(dir));
  assert.equal(result.outcome, "pass");
  assert.match(
    result.provenance.message ?? "",
    /no release tag yet: the first release sets it\), so every finding counts/,
  );
  const failing = await collectSarif(
    spec("semgrep.sarif", { new: true, failOn: "medium" }),
    makeEvidenceContext(dir),
  );
  assert.equal(failing.outcome, "fail");
  assert.match(failing.provenance.message ?? "", /the first release sets it\), so every finding counts\.$/);
});

test("a file that is not SARIF is inconclusive, naming the path and the first schema error", async () => {
  const dir = makeTempDir();
  const cases: { name: string; text: string; problem: RegExp }[] = [
    {
      name: "audit.json",
      text: JSON.stringify({ auditReportVersion: 2, vulnerabilities: {} }),
      problem: /^audit\.json is not SARIF 2\.1\.0: version: missing/,
    },
    {
      name: "old.sarif",
      text: JSON.stringify({ version: "1.0.0", runs: [] }),
      problem: /^old\.sarif is not SARIF 2\.1\.0: version: "1\.0\.0" where "2\.1\.0" is expected/,
    },
    {
      name: "level.sarif",
      text: JSON.stringify({
        version: "2.1.0",
        runs: [
          {
            tool: { driver: { name: "x" } },
            results: [{ message: { text: "a" } }, { level: "fatal", message: { text: "b" } }],
          },
        ],
      }),
      problem: /^level\.sarif is not SARIF 2\.1\.0: runs\[0\]\.results\[1\]\.level: /,
    },
    {
      name: "rule.sarif",
      text: JSON.stringify({
        version: "2.1.0",
        runs: [{ tool: { driver: { name: "x", rules: [{ name: "no id" }] } } }],
      }),
      problem: /^rule\.sarif is not SARIF 2\.1\.0: runs\[0\]\.tool\.driver\.rules\[0\]\.id: /,
    },
    {
      name: "runs.sarif",
      text: JSON.stringify({ version: "2.1.0", runs: { tool: {} } }),
      problem: /^runs\.sarif is not SARIF 2\.1\.0: runs: expected an array of runs/,
    },
    { name: "report.xml", text: "<testsuites/>", problem: /^report\.xml is not JSON: / },
    {
      name: "cut.sarif",
      text: '{"version":"2.1.0","runs":[{"results":[{"mess',
      problem: /^cut\.sarif is not JSON: /,
    },
  ];
  for (const c of cases) {
    writeFileSync(join(dir, c.name), c.text);
    const result = await collectSarif(spec(c.name), makeEvidenceContext(dir));
    assert.equal(result.outcome, "inconclusive", c.name);
    assert.match(result.provenance.message ?? "", c.problem, c.name);
    assert.match(result.provenance.message ?? "", /Point files: at the scanner's SARIF output/, c.name);
  }
});

test("no file matching the glob is inconclusive, never a pass", async () => {
  const result = await collectSarif(spec("reports/*.sarif"), makeEvidenceContext(makeTempDir()));
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message ?? "", /^no SARIF log matches reports\/\*\.sarif under /);
});

test("text from the log reaches the message as one plain line, and only http(s) links are shown", async () => {
  const dir = makeTempDir();
  const log = {
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "x", rules: [{ id: "evil\nrule|x", helpUri: "javascript:alert(1)" }] } },
        results: [
          {
            ruleId: "evil\nrule|x",
            level: "error",
            message: { text: "m" },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri: "a\u001b[31mb.js" }, region: { startLine: 2 } },
              },
            ],
          },
        ],
      },
    ],
  };
  writeFileSync(join(dir, "x.sarif"), JSON.stringify(log));
  const result = await collectSarif(spec("x.sarif"), makeEvidenceContext(dir));
  assert.equal(result.outcome, "fail");
  assert.match(
    result.provenance.message ?? "",
    /^1 high-or-worse finding: high evil rule\|x at a \[31mb\.js:2\. /,
  );
  assert.doesNotMatch(result.provenance.message ?? "", /javascript:/);
});
