import assert from "node:assert/strict";
import { truncateSync } from "node:fs";
import { test } from "node:test";
import { EVIDENCE_NOW, makeEvidenceContext } from "../../test/helpers/make-evidence-context.js";
import { repoRoot } from "../../test/helpers/repo-paths.js";
import { makeTempDir } from "../../test/helpers/temp-dir.js";
import { writeTestFile } from "../../test/helpers/write-test-file.js";
import type { JunitSpec } from "./types.js";
import { collectJunit } from "./collect-junit.js";

function junitSpec(files: string, extra: Partial<JunitSpec> = {}): JunitSpec {
  return { kind: "junit", files, minTests: 1, timeoutMs: 300_000, ...extra };
}

// pytest 8 writes everything on one line with an offset timestamp; line breaks added for reading.
const PYTEST = `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="5" time="0.412" timestamp="2025-03-14T09:26:53.589249+00:00" hostname="ci-runner-7">
<testcase classname="tests.test_api" name="test_health" time="0.003" />
<testcase classname="tests.test_api" name="test_login" time="0.021"><failure message="AssertionError: assert 401 == 200&#10; +  where 401 = &lt;Response [401]&gt;.status_code">client = &lt;FlaskClient &lt;Flask 'app'&gt;&gt;

    def test_login(client):
        resp = client.post("/login", json={"user": "a", "pw": "b"})
&gt;       assert resp.status_code == 200
E       AssertionError: assert 401 == 200

tests/test_api.py:14: AssertionError</failure></testcase>
<testcase classname="tests.test_models" name="test_user_repr" time="0.001" />
<testcase classname="tests.test_models" name="test_slow_migration" time="0.000"><skipped type="pytest.skip" message="needs postgres">/app/tests/test_models.py:22: needs postgres</skipped></testcase>
<testcase classname="tests.test_models" name="test_defaults" time="0.001" />
</testsuite></testsuites>
`;

const JEST = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="4" failures="1" errors="0" time="2.345">
  <testsuite name="Cart" errors="0" failures="1" skipped="1" timestamp="2025-03-14T09:30:01" time="1.2" tests="4">
    <testcase classname="Cart adds an item" name="Cart adds an item" time="0.004">
    </testcase>
    <testcase classname="Cart applies a discount code" name="Cart applies a discount code" time="0.01">
      <failure>Error: expect(received).toBe(expected) // Object.is equality

Expected: 90
Received: 100
    at Object.toBe (/home/runner/work/shop/src/cart.test.ts:21:31)</failure>
    </testcase>
    <testcase classname="Cart removes an item" name="Cart removes an item" time="0.002">
    </testcase>
    <testcase classname="Cart checks out as guest" name="Cart checks out as guest" time="0">
      <skipped/>
    </testcase>
  </testsuite>
</testsuites>
`;

const SUREFIRE_FLAKY = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd" version="3.0" name="com.example.orders.OrderServiceTest" time="0.412" tests="3" errors="0" skipped="0" failures="0">
  <properties>
    <property name="java.version" value="21.0.2"/>
    <property name="surefire.rerunFailingTestsCount" value="2"/>
  </properties>
  <testcase name="placesOrder" classname="com.example.orders.OrderServiceTest" time="0.101"/>
  <testcase name="retriesPayment" classname="com.example.orders.OrderServiceTest" time="0.2">
    <flakyFailure message="expected: &lt;PAID&gt; but was: &lt;PENDING&gt;" type="org.opentest4j.AssertionFailedError">
      <stackTrace><![CDATA[org.opentest4j.AssertionFailedError: expected: <PAID> but was: <PENDING>
	at com.example.orders.OrderServiceTest.retriesPayment(OrderServiceTest.java:42)]]></stackTrace>
      <system-out><![CDATA[payment gateway slow]]></system-out>
    </flakyFailure>
  </testcase>
  <testcase name="cancelsOrder" classname="com.example.orders.OrderServiceTest" time="0.05"/>
</testsuite>
`;

const SUREFIRE_RERUNS_FAILED = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="com.example.orders.RefundTest" time="0.3" tests="2" errors="0" skipped="0" failures="1">
  <testcase name="refundsInFull" classname="com.example.orders.RefundTest" time="0.1">
    <failure message="expected: &lt;0&gt; but was: &lt;5&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <0> but was: <5>]]></failure>
    <rerunFailure message="expected: &lt;0&gt; but was: &lt;5&gt;" type="org.opentest4j.AssertionFailedError">
      <stackTrace><![CDATA[org.opentest4j.AssertionFailedError: expected: <0> but was: <5>]]></stackTrace>
    </rerunFailure>
    <rerunFailure message="expected: &lt;0&gt; but was: &lt;5&gt;" type="org.opentest4j.AssertionFailedError">
      <stackTrace><![CDATA[org.opentest4j.AssertionFailedError: expected: <0> but was: <5>]]></stackTrace>
    </rerunFailure>
  </testcase>
  <testcase name="refundsPartially" classname="com.example.orders.RefundTest" time="0.1"/>
</testsuite>
`;

const GO = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="4" failures="1" skipped="1">
	<testsuite name="example.com/shop/cart" tests="3" failures="1" errors="0" id="0" hostname="ci" skipped="1" time="0.012" timestamp="2025-03-14T09:31:00Z">
		<properties>
			<property name="go.version" value="go1.22.1 linux/amd64"></property>
		</properties>
		<testcase name="TestAdd" classname="example.com/shop/cart" time="0.000"></testcase>
		<testcase name="TestTotal" classname="example.com/shop/cart" time="0.001">
			<failure message="Failed"><![CDATA[    cart_test.go:31: total = 95, want 90]]></failure>
		</testcase>
		<testcase name="TestRemote" classname="example.com/shop/cart" time="0.000">
			<skipped message="Skipped"><![CDATA[    cart_test.go:40: needs network]]></skipped>
		</testcase>
	</testsuite>
	<testsuite name="example.com/shop/store" tests="1" failures="0" errors="0" id="1" hostname="ci" time="0.004" timestamp="2025-03-14T09:31:01Z">
		<testcase name="TestOpen" classname="example.com/shop/store" time="0.000"></testcase>
	</testsuite>
</testsuites>
`;

// PHPUnit nests suites and repeats the totals at every level.
const PHPUNIT_NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="" tests="3" assertions="3" errors="0" failures="0" skipped="1" time="0.01">
    <testsuite name="Unit" tests="3" assertions="3" errors="0" failures="0" skipped="1" time="0.01">
      <testsuite name="Tests\\Unit\\MathTest" file="/app/tests/Unit/MathTest.php" tests="3" assertions="3" errors="0" failures="0" skipped="1" time="0.01">
        <testcase name="testAdd" file="/app/tests/Unit/MathTest.php" line="12" class="Tests\\Unit\\MathTest" classname="Tests.Unit.MathTest" assertions="1" time="0.001"/>
        <testcase name="testSub" file="/app/tests/Unit/MathTest.php" line="18" class="Tests\\Unit\\MathTest" classname="Tests.Unit.MathTest" assertions="1" time="0.001"/>
        <testcase name="testDiv" file="/app/tests/Unit/MathTest.php" line="24" class="Tests\\Unit\\MathTest" classname="Tests.Unit.MathTest" assertions="1" time="0.001">
          <skipped/>
        </testcase>
      </testsuite>
    </testsuite>
  </testsuite>
</testsuites>
`;

test("pytest: a failure fails the gate, naming the test and its message, timed by the report", async () => {
  const root = makeTempDir();
  writeTestFile(root, "reports/junit.xml", PYTEST);
  const result = await collectJunit(junitSpec("reports/junit.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "fail");
  assert.equal(result.provenance.kind, "junit");
  assert.equal(result.provenance.source, "reports/junit.xml");
  assert.equal(result.provenance.observedAt, "2025-03-14T09:26:53.589Z");
  assert.match(
    result.provenance.message!,
    /^1 of 4 tests failed \(1 failure\): tests\.test_api\.test_login\./,
  );
  assert.deepEqual(result.details, [
    "5 tests in 1 report: 3 passed, 1 failed, 1 skipped",
    "tests.test_api.test_login: AssertionError: assert 401 == 200 + where 401 = <Response [401]>.status_code",
  ]);
});

test("jest-junit: names the test once and takes the message from the failure's first line", async () => {
  const root = makeTempDir();
  writeTestFile(root, "junit.xml", JEST);
  const result = await collectJunit(junitSpec("junit.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "fail");
  // jest-junit's timestamp has no offset, so the collector's clock stands instead.
  assert.equal(result.provenance.observedAt, EVIDENCE_NOW.toISOString());
  assert.equal(
    result.details![1],
    "Cart applies a discount code: Error: expect(received).toBe(expected) // Object.is equality",
  );
});

test("surefire: a test that passed on rerun passes but warns, naming the flaky test", async () => {
  const root = makeTempDir();
  writeTestFile(root, "target/surefire-reports/TEST-com.example.orders.OrderServiceTest.xml", SUREFIRE_FLAKY);
  const result = await collectJunit(
    junitSpec("target/surefire-reports/TEST-*.xml"),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "warn");
  assert.match(
    result.provenance.message!,
    /1 test passed only after a rerun: com\.example\.orders\.OrderServiceTest\.retriesPayment;/,
  );
  assert.deepEqual(result.details, [
    "3 tests in 1 report: 3 passed, 0 failed, 0 skipped, 1 flaky",
    "flaky: com.example.orders.OrderServiceTest.retriesPayment: expected: <PAID> but was: <PENDING>",
  ]);
});

test("surefire: a test that failed every rerun is one failure, not three", async () => {
  const root = makeTempDir();
  writeTestFile(root, "TEST-com.example.orders.RefundTest.xml", SUREFIRE_RERUNS_FAILED);
  const result = await collectJunit(junitSpec("TEST-*.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "fail");
  assert.match(
    result.provenance.message!,
    /^1 of 2 tests failed \(1 failure\): com\.example\.orders\.RefundTest\.refundsInFull/,
  );
});

test("go-junit-report: reads every package's suite and uses the failure's text when the message says only 'Failed'", async () => {
  const root = makeTempDir();
  writeTestFile(root, "report.xml", GO);
  const result = await collectJunit(junitSpec("report.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "fail");
  assert.equal(result.provenance.observedAt, "2025-03-14T09:31:00.000Z");
  assert.equal(result.details![0], "4 tests in 1 report: 2 passed, 1 failed, 1 skipped");
  assert.equal(result.details![1], "example.com/shop/cart.TestTotal: cart_test.go:31: total = 95, want 90");
});

test("nested suites count each test case once", async () => {
  const root = makeTempDir();
  writeTestFile(root, "phpunit.xml", PHPUNIT_NESTED);
  const result = await collectJunit(junitSpec("phpunit.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "pass");
  assert.equal(result.provenance.message, undefined);
  assert.deepEqual(result.details, ["3 tests in 1 report: 2 passed, 0 failed, 1 skipped"]);
});

test("more skipped tests than maxSkippedRatio allows warns", async () => {
  const root = makeTempDir();
  writeTestFile(root, "phpunit.xml", PHPUNIT_NESTED);
  const result = await collectJunit(
    junitSpec("phpunit.xml", { maxSkippedRatio: 0.2 }),
    makeEvidenceContext(root),
  );
  assert.equal(result.outcome, "warn");
  assert.match(
    result.provenance.message!,
    /1 of 3 tests were skipped \(33\.3%\), more than the 20% maxSkippedRatio allows/,
  );
  const within = await collectJunit(
    junitSpec("phpunit.xml", { maxSkippedRatio: 0.5 }),
    makeEvidenceContext(root),
  );
  assert.equal(within.outcome, "pass");
});

test("a report with totals only is scored from the outermost totals", async () => {
  const root = makeTempDir();
  writeTestFile(
    root,
    "passing.xml",
    `<testsuites tests="12" failures="0" errors="0" skipped="2"><testsuite name="a" tests="7" failures="0"/><testsuite name="b" tests="5" failures="0" skipped="2"/></testsuites>`,
  );
  writeTestFile(
    root,
    "no-outer-totals.xml",
    `<testsuites><testsuite name="a" tests="4" failures="1"/><testsuite name="b" tests="2" errors="1"/></testsuites>`,
  );
  const passing = await collectJunit(junitSpec("passing.xml"), makeEvidenceContext(root));
  assert.equal(passing.outcome, "pass");
  assert.match(
    passing.details![0]!,
    /^12 tests in 1 report: 10 passed, 0 failed, 2 skipped \(totals from suite attributes/,
  );
  const failing = await collectJunit(junitSpec("no-outer-totals.xml"), makeEvidenceContext(root));
  assert.equal(failing.outcome, "fail");
  assert.match(
    failing.provenance.message!,
    /^2 of 6 tests failed \(1 failure, 1 error\) \(the report gives counts only, no test names\)/,
  );
});

test("a report without any attributes is counted from its test cases", async () => {
  const root = makeTempDir();
  writeTestFile(
    root,
    "bare.xml",
    `<testsuite><testcase name="a"/><testcase name="b"><error/></testcase><testcase name="c"/></testsuite>`,
  );
  const result = await collectJunit(junitSpec("bare.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "fail");
  assert.match(result.provenance.message!, /^1 of 3 tests failed \(1 error\): b\./);
});

test("several reports are added up and listed, relative to the root, capped", async () => {
  const root = makeTempDir();
  for (let i = 0; i < 7; i++) {
    writeTestFile(
      root,
      `reports/mod${i}/junit.xml`,
      `<testsuite tests="1"><testcase classname="m${i}" name="works"/></testsuite>`,
    );
  }
  const result = await collectJunit(junitSpec("reports/**/*.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "pass");
  assert.equal(
    result.provenance.source,
    "reports/mod0/junit.xml, reports/mod1/junit.xml, reports/mod2/junit.xml, reports/mod3/junit.xml, reports/mod4/junit.xml and 2 more",
  );
  assert.deepEqual(result.details, ["7 tests in 7 reports: 7 passed, 0 failed, 0 skipped"]);
});

test("failing tests are listed up to ten lines, then counted", async () => {
  const root = makeTempDir();
  const cases = Array.from(
    { length: 15 },
    (_, i) => `<testcase name="t${i}"><failure message="boom ${i}"/></testcase>`,
  );
  writeTestFile(root, "many.xml", `<testsuite>${cases.join("")}</testsuite>`);
  const result = await collectJunit(junitSpec("many.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "fail");
  assert.match(
    result.provenance.message!,
    /^15 of 15 tests failed \(15 failures\): t0, t1, t2 and 12 more\./,
  );
  assert.equal(result.details!.length, 11);
  assert.equal(result.details![9], "t8: boom 8");
  assert.equal(result.details![10], "and 6 more");
});

test("a glob that matches nothing is inconclusive, naming the glob and the root", async () => {
  const root = makeTempDir();
  const result = await collectJunit(junitSpec("reports/**/*.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.equal(result.provenance.source, "reports/**/*.xml");
  assert.ok(result.provenance.message!.includes(`no JUnit report matches reports/**/*.xml under ${root}`));
  assert.equal(result.provenance.observedAt, EVIDENCE_NOW.toISOString());
});

test("malformed XML is inconclusive with the parser's line and column", async () => {
  const root = makeTempDir();
  writeTestFile(root, "bad.xml", `<testsuite>\n  <testcase name="a">\n  </testsuite>\n`);
  const result = await collectJunit(junitSpec("bad.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.match(
    result.provenance.message!,
    /^bad\.xml is not well-formed XML \(line 3, column \d+: Expected closing tag 'testcase'/,
  );
});

test("a report cut off mid-write is inconclusive and says it looks cut off", async () => {
  const root = makeTempDir();
  writeTestFile(
    root,
    "junit.xml",
    PYTEST.slice(0, PYTEST.indexOf('<testcase classname="tests.test_models"')),
  );
  const result = await collectJunit(junitSpec("junit.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /^junit\.xml is not well-formed XML \(line \d+.*looks cut off/);
});

test("an empty report is inconclusive", async () => {
  const root = makeTempDir();
  writeTestFile(root, "junit.xml", "");
  const result = await collectJunit(junitSpec("junit.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /^junit\.xml is empty: the test run probably stopped/);
});

test("a file that is not XML, or XML that is not JUnit, is inconclusive naming the file", async () => {
  const root = makeTempDir();
  writeTestFile(root, "a.xml", `{"numTotalTests": 3}`);
  writeTestFile(root, "b.xml", `<?xml version="1.0" ?>\n<coverage line-rate="0.8"><packages/></coverage>\n`);
  const json = await collectJunit(junitSpec("a.xml"), makeEvidenceContext(root));
  assert.equal(json.outcome, "inconclusive");
  assert.match(
    json.provenance.message!,
    /^a\.xml is not well-formed XML \(line 1, column 1: char '\{' is not expected\)/,
  );
  const coverage = await collectJunit(junitSpec("b.xml"), makeEvidenceContext(root));
  assert.equal(coverage.outcome, "inconclusive");
  assert.match(coverage.provenance.message!, /^b\.xml is XML but not a JUnit report: its root is <coverage>/);
});

test("a report with no test cases is inconclusive: no tests ran", async () => {
  const root = makeTempDir();
  writeTestFile(
    root,
    "junit.xml",
    `<?xml version="1.0"?>\n<testsuites name="jest tests" tests="0" failures="0" errors="0" time="0.2"></testsuites>\n`,
  );
  const result = await collectJunit(junitSpec("junit.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /^no tests ran: junit\.xml holds no test cases/);
  writeTestFile(root, "bare.xml", `<?xml version="1.0" encoding="utf-8"?><testsuites/>`);
  const bare = await collectJunit(junitSpec("bare.xml"), makeEvidenceContext(root));
  assert.match(bare.provenance.message!, /^no tests ran: bare\.xml holds no test cases/);
});

test("fewer executed tests than minTests fail, skipped ones not counted", async () => {
  const root = makeTempDir();
  writeTestFile(
    root,
    "skipped.xml",
    `<testsuite><testcase name="a"><skipped/></testcase><testcase name="b"><skipped/></testcase></testsuite>`,
  );
  const allSkipped = await collectJunit(junitSpec("skipped.xml"), makeEvidenceContext(root));
  assert.equal(allSkipped.outcome, "fail");
  assert.match(allSkipped.provenance.message!, /^only 0 tests ran \(2 skipped\); at least 1 must run/);
  writeTestFile(root, "junit.xml", PHPUNIT_NESTED);
  const few = await collectJunit(junitSpec("junit.xml", { minTests: 10 }), makeEvidenceContext(root));
  assert.equal(few.outcome, "fail");
  assert.match(few.provenance.message!, /^only 2 tests ran \(1 skipped\); at least 10 must run/);
});

test("an unreadable report makes a clean run inconclusive, but a failure elsewhere still fails", async () => {
  const root = makeTempDir();
  writeTestFile(root, "a/junit.xml", `<testsuite><testcase name="ok"/></testsuite>`);
  writeTestFile(root, "b/junit.xml", `<testsuite><testcase name="ok"/>`);
  const clean = await collectJunit(junitSpec("*/junit.xml"), makeEvidenceContext(root));
  assert.equal(clean.outcome, "inconclusive");
  assert.match(clean.provenance.message!, /^b\/junit\.xml is not well-formed XML/);
  writeTestFile(
    root,
    "c/junit.xml",
    `<testsuite><testcase name="broken"><failure message="no"/></testcase></testsuite>`,
  );
  const failing = await collectJunit(junitSpec("*/junit.xml"), makeEvidenceContext(root));
  assert.equal(failing.outcome, "fail");
  assert.match(failing.details!.at(-1)!, /^also: b\/junit\.xml is not well-formed XML/);
});

test("a report over the size limit is refused without being read", async () => {
  const root = makeTempDir();
  const path = writeTestFile(root, "huge.xml", "<testsuite>");
  // A sparse file: its size is what stat reports, while the disk holds almost nothing.
  truncateSync(path, 100 * 1024 * 1024);
  const result = await collectJunit(junitSpec("huge.xml"), makeEvidenceContext(root));
  assert.equal(result.outcome, "inconclusive");
  assert.match(
    result.provenance.message!,
    /^huge\.xml is 100\.0 MB, more than the 50\.0 MB shipready reads from one report/,
  );
});

test("an aborted collection stops before the next report and is inconclusive", async () => {
  const root = makeTempDir();
  writeTestFile(root, "junit.xml", PYTEST);
  const controller = new AbortController();
  controller.abort();
  const result = await collectJunit(
    junitSpec("junit.xml"),
    makeEvidenceContext(root, { signal: controller.signal }),
  );
  assert.equal(result.outcome, "inconclusive");
  assert.match(result.provenance.message!, /^stopped before junit\.xml was read/);
});

test("the sample pytest report among the fixtures passes", async () => {
  const result = await collectJunit(
    junitSpec("test/fixtures/evidence/junit.xml"),
    makeEvidenceContext(repoRoot),
  );
  assert.equal(result.outcome, "pass");
  assert.equal(result.provenance.source, "test/fixtures/evidence/junit.xml");
  assert.equal(result.provenance.observedAt, "2025-03-14T09:26:51.204Z");
  assert.deepEqual(result.details, ["12 tests in 1 report: 11 passed, 0 failed, 1 skipped"]);
});
