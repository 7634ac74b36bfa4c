import { XMLParser } from "fast-xml-parser";
import { formatPercent } from "../shared/format-percent.js";
import type { EvidenceResult, JunitSpec } from "./types.js";
import { buildResult } from "./build-result.js";
import { capLines } from "./cap-lines.js";
import { chooseObservedAt } from "./choose-observed-at.js";
import type { EvidenceContext } from "./evidence-context.js";
import { findXmlError } from "./find-xml-error.js";
import { readReports, type ReportKind } from "./read-reports.js";
import { summarizeProblems } from "./summarize-problems.js";

const KIND = "junit";
const JUNIT_REPORT: ReportKind = {
  name: "JUnit report",
  howToWrite:
    "Run the tests with a JUnit reporter (pytest --junitxml, jest-junit, Maven surefire, go-junit-report)",
  howToSplit: "Split the report (one file per test suite or module) and match the files with a glob.",
};
const MAX_NAMED_IN_MESSAGE = 3;
const MAX_TEXT = 200;

// Elements that may repeat; asking for arrays up front spares a one-or-many check at every use.
const REPEATED = new Set([
  "testsuite",
  "testcase",
  "failure",
  "error",
  "skipped",
  "flakyFailure",
  "flakyError",
  "rerunFailure",
  "rerunError",
]);

const GENERIC_MESSAGES = new Set(["failed", "error", "skipped"]);

type XmlNode = Record<string, unknown>;

interface NamedCase {
  name: string;
  /** What the report says about the failure; "" when it says nothing. */
  said: string;
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Failing tests in report order. */
  failing: NamedCase[];
  /** Tests that passed only after a rerun. */
  flaky: NamedCase[];
  /** Counts came from suite attributes because the report lists no <testcase>. */
  fromAttributes: boolean;
  timestamps: Date[];
}

type Parsed = { tally: Tally } | { problem: string };

/** Reads JUnit XML reports (pytest, jest-junit, Maven surefire, go-junit-report and the like) and scores the run. */
export async function collectJunit(spec: JunitSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const now = context.clock.now();
  const read = await readReports(spec.files, JUNIT_REPORT, context, parseJunitText);
  if ("message" in read) {
    return buildResult(KIND, "inconclusive", read.source, now, { message: read.message });
  }
  const total = emptyTally();
  for (const { tally } of read.parsed) addTally(total, tally);
  const result = judgeTally(
    spec,
    total,
    read.problems,
    read.count,
    read.source,
    chooseObservedAt(total.timestamps, now),
  );
  // Counts from part of the reports would chart a drop that never happened: recorded only when all were read.
  if (read.problems.length > 0) return result;
  const { tests, failures, errors, skipped } = total;
  return { ...result, figures: { tests, failures, errors, skipped } };
}

function judgeTally(
  spec: JunitSpec,
  tally: Tally,
  problems: string[],
  fileCount: number,
  source: string,
  observedAt: Date,
): EvidenceResult {
  const executed = tally.tests - tally.skipped;
  const failed = tally.failures + tally.errors;
  const summary = summarizeTally(tally, fileCount);

  // A failure is certain even when another report could not be read; anything else needs every report.
  if (failed > 0) {
    const kinds = [
      tally.failures > 0 ? plural(tally.failures, "failure") : "",
      tally.errors > 0 ? plural(tally.errors, "error") : "",
    ].filter(Boolean);
    const names = tally.failing.length
      ? `: ${nameFirst(tally.failing)}`
      : " (the report gives counts only, no test names)";
    return buildResult(KIND, "fail", source, observedAt, {
      message: `${failed} of ${plural(executed, "test")} failed (${kinds.join(", ")})${names}. Fix them and run the tests again.`,
      details: [
        summary,
        ...capLines([...tally.failing.map(showCase), ...problems.map((problem) => `also: ${problem}`)]),
      ],
    });
  }
  if (problems.length > 0)
    return buildResult(KIND, "inconclusive", source, observedAt, summarizeProblems(problems));
  if (tally.tests === 0) {
    return buildResult(KIND, "inconclusive", source, observedAt, {
      message:
        `no tests ran: ${source} ${fileCount === 1 ? "holds" : "hold"} no test cases. ` +
        "Check that the test command found its tests and that it wrote this report on this run.",
      details: [summary],
    });
  }
  if (executed < spec.minTests) {
    const skippedNote = tally.skipped > 0 ? ` (${tally.skipped} skipped)` : "";
    return buildResult(KIND, "fail", source, observedAt, {
      message:
        `only ${plural(executed, "test")} ran${skippedNote}; at least ${spec.minTests} must run. ` +
        "Enable the skipped tests or add tests, or lower minTests in shipready.yml.",
      details: [summary],
    });
  }

  const warnings: string[] = [];
  const details = [summary];
  const skippedRatio = tally.skipped / tally.tests;
  if (spec.maxSkippedRatio !== undefined && skippedRatio > spec.maxSkippedRatio) {
    warnings.push(
      `${tally.skipped} of ${plural(tally.tests, "test")} were skipped (${percent(skippedRatio)}), ` +
        `more than the ${percent(spec.maxSkippedRatio)} maxSkippedRatio allows; enable them or raise maxSkippedRatio`,
    );
  }
  if (tally.flaky.length > 0) {
    warnings.push(
      `${plural(tally.flaky.length, "test")} passed only after a rerun: ${nameFirst(tally.flaky)}; ` +
        "make them reliable so a real failure is not hidden by a rerun",
    );
    details.push(...capLines(tally.flaky.map((named) => `flaky: ${showCase(named)}`)));
  }
  if (warnings.length > 0) {
    return buildResult(KIND, "warn", source, observedAt, { message: `${warnings.join("; ")}.`, details });
  }
  return buildResult(KIND, "pass", source, observedAt, { details });
}

function parseJunitText(text: string, shown: string): Parsed {
  if (text.trim() === "") {
    return {
      problem:
        `${shown} is empty: the test run probably stopped before it wrote its report. ` +
        "Run the tests again and check their output.",
    };
  }
  const xmlError = findXmlError(text, shown, "the JUnit XML report");
  if (xmlError !== null) return { problem: xmlError };
  let doc: XmlNode;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      parseTagValue: false,
      parseAttributeValue: false,
      removeNSPrefix: true,
      // Without it, numeric character references (pytest writes &#10; in messages) stay undecoded.
      htmlEntities: true,
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
    }).parse(text) as XmlNode;
  } catch (error) {
    return {
      problem: `${shown} cannot be parsed as XML: ${(error as Error).message}. Point files: at the JUnit XML report.`,
    };
  }

  // keepEmpty: a run that found no tests writes a bare <testsuites/>, which is still a JUnit report.
  const roots = asNodes(doc.testsuites, true).concat(asNodes(doc.testsuite, true));
  if (roots.length === 0) {
    const found = Object.keys(doc).filter((key) => !key.startsWith("?"));
    const root = found.length ? `<${found[0]}>` : "no element";
    return {
      problem:
        `${shown} is XML but not a JUnit report: its root is ${root}, not <testsuites> or <testsuite>. ` +
        "Point files: at the JUnit XML report (coverage and other reports have their own evidence kinds).",
    };
  }

  const tally = emptyTally();
  let sawCase = false;
  const visit = (suite: XmlNode): void => {
    const stamp = readTimestamp(suite);
    if (stamp) tally.timestamps.push(stamp);
    for (const testcase of asNodes(suite.testcase)) {
      sawCase = true;
      tallyCase(testcase, tally);
    }
    // The parser's maxNestedTags bounds how deep this goes.
    for (const child of asNodes(suite.testsuite)) visit(child);
  };
  for (const root of roots) visit(root);

  if (!sawCase) {
    // Some producers write only the totals; suites nest, so only the outermost counts are taken.
    for (const root of roots) addAttributeTotals(root, tally);
    tally.fromAttributes = true;
  }
  return { tally };
}

function tallyCase(testcase: XmlNode, tally: Tally): void {
  tally.tests += 1;
  const failures = asNodes(testcase.failure, true);
  const errors = asNodes(testcase.error, true);
  const status = String(testcase["@_status"] ?? "").toLowerCase();
  const skipped =
    asNodes(testcase.skipped, true).length > 0 || ["skipped", "disabled", "notrun"].includes(status);
  // Surefire writes <rerunFailure> beside a <failure> when every rerun failed too (that case is a
  // failure already), and <flakyFailure> alone when a rerun passed.
  const reruns = [
    ...asNodes(testcase.flakyFailure, true),
    ...asNodes(testcase.flakyError, true),
    ...asNodes(testcase.rerunFailure, true),
    ...asNodes(testcase.rerunError, true),
  ];
  const name = caseName(testcase);
  if (errors.length > 0 || failures.length > 0) {
    if (errors.length > 0) tally.errors += 1;
    else tally.failures += 1;
    tally.failing.push(withMessage(name, errors[0] ?? failures[0]!));
  } else if (skipped) {
    tally.skipped += 1;
  } else if (reruns.length > 0) {
    tally.flaky.push(withMessage(name, reruns[0]!));
  }
}

function addAttributeTotals(suite: XmlNode, tally: Tally): void {
  const tests = readCount(suite, "tests");
  if (tests === null) {
    for (const child of asNodes(suite.testsuite)) addAttributeTotals(child, tally);
    return;
  }
  tally.tests += tests;
  tally.failures += readCount(suite, "failures") ?? 0;
  tally.errors += readCount(suite, "errors") ?? 0;
  tally.skipped += readCount(suite, "skipped") ?? readCount(suite, "disabled") ?? 0;
}

function caseName(testcase: XmlNode): string {
  const name = cleanText(String(testcase["@_name"] ?? "")) || "(unnamed test)";
  const classname = cleanText(String(testcase["@_classname"] ?? ""));
  // jest-junit repeats the class name inside the test name by default.
  if (!classname || name.includes(classname)) return name;
  return `${classname}.${name}`;
}

function withMessage(name: string, outcome: XmlNode): NamedCase {
  const text = typeof outcome["#text"] === "string" ? outcome["#text"] : "";
  const firstLine = text.split("\n").find((line) => line.trim() !== "") ?? "";
  const attribute = cleanText(String(outcome["@_message"] ?? ""));
  // go-junit-report's message is always "Failed"; the text under it says what failed.
  const message = GENERIC_MESSAGES.has(attribute.toLowerCase()) ? "" : attribute;
  const said = message || cleanText(firstLine) || attribute || cleanText(String(outcome["@_type"] ?? ""));
  return { name, said };
}

function showCase({ name, said }: NamedCase): string {
  return said ? `${name}: ${said}` : name;
}

/** Elements as nodes; an empty element (`<skipped/>`) parses to "" and still counts when `keepEmpty`. */
function asNodes(value: unknown, keepEmpty = false): XmlNode[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const nodes: XmlNode[] = [];
  for (const item of items) {
    if (item !== null && typeof item === "object") nodes.push(item as XmlNode);
    else if (keepEmpty) nodes.push({ "#text": String(item ?? "") });
  }
  return nodes;
}

function readCount(node: XmlNode, name: string): number | null {
  const raw = node[`@_${name}`];
  if (raw === undefined) return null;
  const value = Number(String(raw).trim());
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

function readTimestamp(node: XmlNode): Date | null {
  const raw = node["@_timestamp"];
  if (typeof raw !== "string") return null;
  // Without an offset (pytest before 8, jest-junit) the time is the producer's local time, which we cannot know.
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(raw.trim())) return null;
  const date = new Date(raw.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

function emptyTally(): Tally {
  return {
    tests: 0,
    failures: 0,
    errors: 0,
    skipped: 0,
    failing: [],
    flaky: [],
    fromAttributes: false,
    timestamps: [],
  };
}

function addTally(into: Tally, from: Tally): void {
  into.tests += from.tests;
  into.failures += from.failures;
  into.errors += from.errors;
  into.skipped += from.skipped;
  into.failing.push(...from.failing);
  into.flaky.push(...from.flaky);
  into.fromAttributes ||= from.fromAttributes;
  into.timestamps.push(...from.timestamps);
}

function summarizeTally(tally: Tally, fileCount: number): string {
  const failed = tally.failures + tally.errors;
  const passed = tally.tests - tally.skipped - failed;
  const parts = [`${passed} passed`, `${failed} failed`, `${tally.skipped} skipped`];
  if (tally.flaky.length > 0) parts.push(`${tally.flaky.length} flaky`);
  const origin = tally.fromAttributes ? " (totals from suite attributes: a report lists no test cases)" : "";
  return `${plural(tally.tests, "test")} in ${plural(fileCount, "report")}: ${parts.join(", ")}${origin}`;
}

function nameFirst(cases: NamedCase[]): string {
  const names = cases.slice(0, MAX_NAMED_IN_MESSAGE).map((named) => named.name);
  const rest = cases.length - names.length;
  return rest > 0 ? `${names.join(", ")} and ${rest} more` : names.join(", ");
}

function cleanText(text: string): string {
  // Test runners copy coloured terminal output into messages; the colour codes are noise here.
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/[\u0000-\u001f\u007f]/g, " ");
  const flat = plain.replace(/\s+/g, " ").trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function percent(ratio: number): string {
  return formatPercent(ratio * 100);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
