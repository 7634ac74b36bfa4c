import { isAbsolute, relative, sep } from "node:path";
import lcovParser from "@friedemannsommer/lcov-parser/sync";
import { XMLParser } from "fast-xml-parser";
import { formatPercent } from "../shared/format-percent.js";
import type { CoverageFormat, CoverageSpec, EvidenceResult } from "./types.js";
import { buildResult } from "./build-result.js";
import { capLines } from "./cap-lines.js";
import { chooseObservedAt } from "./choose-observed-at.js";
import type { EvidenceContext } from "./evidence-context.js";
import { findXmlError } from "./find-xml-error.js";
import { parseJson } from "./parse-json.js";
import { readReports, type ReportKind } from "./read-reports.js";
import { summarizeProblems } from "./summarize-problems.js";
import { figureKeyOf } from "./core/source-of.js";
import { baselineFiguresOf } from "../readiness/core/choose-baseline.js";

const KIND = "coverage";
const COVERAGE_REPORT: ReportKind = {
  name: "coverage report",
  howToWrite: "Run the tests with coverage (an lcov, Cobertura or json-summary reporter)",
  howToSplit: "Have the coverage tool write one report per package and match them with a glob.",
};
const LEAST_COVERED_SHOWN = 5;

const FORMAT_NAMES: Record<CoverageFormat, string> = {
  lcov: "lcov",
  cobertura: "Cobertura XML",
  istanbul: "an Istanbul coverage-summary.json",
};

/** Line counts of one source file; `hits` (line number -> hit) when the report lists lines. */
interface FileLines {
  covered: number;
  total: number;
  hits?: Map<number, boolean>;
}

interface CoverageReport {
  /** By source path as the report names it (relative to the root when it lies inside). */
  files: Map<string, FileLines>;
  /** Report-wide counts, used only when the report names no files. */
  totals: { covered: number; total: number } | null;
  timestamp: Date | null;
}

type Parsed = { report: CoverageReport } | { problem: string };

/** Reads lcov, Cobertura XML or Istanbul coverage-summary.json reports, merges them and scores line coverage. */
export async function collectCoverage(spec: CoverageSpec, context: EvidenceContext): Promise<EvidenceResult> {
  const now = context.clock.now();
  const read = await readReports(spec.files, COVERAGE_REPORT, context, (text, shown) =>
    parseCoverageText(text, shown, spec.format, context.root),
  );
  if ("message" in read) {
    return buildResult(KIND, "inconclusive", read.source, now, { message: read.message });
  }
  const { source } = read;
  const merged = new Map<string, FileLines>();
  const loose = { covered: 0, total: 0 };
  const stamps: Date[] = [];
  for (const { report } of read.parsed) {
    for (const [file, lines] of report.files) {
      const known = merged.get(file);
      merged.set(file, known ? mergeLines(known, lines) : lines);
    }
    if (report.files.size === 0 && report.totals) {
      loose.covered += report.totals.covered;
      loose.total += report.totals.total;
    }
    if (report.timestamp) stamps.push(report.timestamp);
  }
  const observedAt = chooseObservedAt(stamps, now);

  // A partial merge could land on either side of the target, so it decides nothing.
  if (read.problems.length > 0) {
    return buildResult(KIND, "inconclusive", source, observedAt, summarizeProblems(read.problems));
  }

  let covered = loose.covered;
  let total = loose.total;
  for (const lines of merged.values()) {
    covered += lines.covered;
    total += lines.total;
  }
  if (total === 0) {
    return buildResult(KIND, "inconclusive", source, observedAt, {
      message:
        `${source} ${read.count === 1 ? "counts" : "count"} no instrumented lines, so there is no coverage to judge. ` +
        "Check that the tests ran with coverage switched on and that the coverage tool was told which sources to measure.",
    });
  }
  const judged = judgeCoverage(spec, covered, total, merged, read.count, source, observedAt);
  // Four decimals: enough for a ratchet of hundredths of a point, stable in history's JSON.
  const lines = Math.round((covered * 1e6) / total) / 1e4;
  const result =
    spec.maxDrop === undefined ? judged : await judgeDrop(spec, spec.maxDrop, lines, judged, context);
  return { ...result, figures: { lines, covered, total } };
}

/**
 * The ratchet: line coverage may fall at most `maxDrop` points below the last release's. A worse
 * outcome from the minimum stands; with no baseline a pass becomes a warning that says why.
 */
async function judgeDrop(
  spec: CoverageSpec,
  maxDrop: number,
  lines: number,
  judged: EvidenceResult,
  context: EvidenceContext,
): Promise<EvidenceResult> {
  const found = baselineFiguresOf(await context.baseline(), figureKeyOf(spec));
  const before = "figures" in found ? found.figures.lines : undefined;
  const say = (outcome: EvidenceResult["outcome"], text: string): EvidenceResult => {
    const message = judged.provenance.message ? `${judged.provenance.message} Also: ${text}` : text;
    const worse = judged.outcome === "fail" ? "fail" : outcome;
    return { ...judged, outcome: worse, provenance: { ...judged.provenance, message } };
  };
  if (before === undefined) {
    const why = "missing" in found ? found.missing : "the last release recorded no line coverage";
    return judged.outcome === "pass"
      ? say("warn", `maxDrop cannot be judged: ${why}.`)
      : say(judged.outcome, `maxDrop cannot be judged: ${why}.`);
  }
  const drop = Math.round((before - lines) * 1e4) / 1e4;
  const tag = (await context.baseline()).release?.tag ?? "the last release";
  if (drop > maxDrop) {
    return say(
      "fail",
      `line coverage fell ${drop.toFixed(2)} points since ${tag} (${before}% to ${lines}%), more than the ${maxDrop} maxDrop allows. Add tests for the code added since, or raise maxDrop.`,
    );
  }
  const details = [...(judged.details ?? []), `${tag}: ${before}%; now ${lines}% (maxDrop ${maxDrop})`];
  return { ...judged, details };
}

function judgeCoverage(
  spec: CoverageSpec,
  covered: number,
  total: number,
  files: Map<string, FileLines>,
  reportCount: number,
  source: string,
  observedAt: Date,
): EvidenceResult {
  const figure = showFigure(covered, total);
  const counts = `${covered} of ${total} lines`;
  const details = capLines([
    `line coverage ${figure} (${counts}) in ${reportCount} ${reportCount === 1 ? "report" : "reports"}; target ${formatPercent(spec.minLines)}`,
    ...showLeastCovered(files),
  ]);
  // Compared in whole numbers, so 79.99% never passes a target of 80% through rounding.
  const reaches = (target: number) => covered * 100 >= target * total;
  if (reaches(spec.minLines)) return buildResult(KIND, "pass", source, observedAt, { details });
  const advice =
    "Add tests for the least-covered files, or lower minLines in shipready.yml if the target is wrong.";
  if (spec.warnBelow !== undefined && reaches(spec.warnBelow)) {
    return buildResult(KIND, "warn", source, observedAt, {
      message:
        `line coverage ${figure} (${counts}) is below the ${formatPercent(spec.minLines)} target, ` +
        `though not below ${formatPercent(spec.warnBelow)} (warnBelow). ${advice}`,
      details,
    });
  }
  return buildResult(KIND, "fail", source, observedAt, {
    message: `line coverage ${figure} (${counts}) is below the ${formatPercent(spec.minLines)} minimum. ${advice}`,
    details,
  });
}

function parseCoverageText(
  text: string,
  shown: string,
  format: CoverageFormat | undefined,
  root: string,
): Parsed {
  if (text.trim() === "") {
    return {
      problem:
        `${shown} is empty: the test run probably stopped before the coverage tool wrote it. ` +
        "Run the tests with coverage again and check their output.",
    };
  }

  const detected = detectFormat(text);
  if (format && detected && detected !== format) {
    return {
      problem:
        `${shown} looks like ${FORMAT_NAMES[detected]}, but format: ${format} is set for it. ` +
        `Set format: ${detected} in shipready.yml (or remove format: to detect it), or point files: at the ${format} report.`,
    };
  }
  const chosen = format ?? detected;
  switch (chosen) {
    case "lcov":
      return parseLcov(text, shown, root);
    case "cobertura":
      return parseCobertura(text, shown, root);
    case "istanbul":
      return parseIstanbul(text, shown, root);
    default:
      return {
        problem:
          `cannot tell what kind of coverage report ${shown} is: it is not lcov (no SF: line), ` +
          "Cobertura XML nor an Istanbul coverage-summary.json. Point files: at the coverage report, or set format: in shipready.yml.",
      };
  }
}

function detectFormat(text: string): CoverageFormat | null {
  const head = text.trimStart();
  if (head.startsWith("{")) return "istanbul";
  if (head.startsWith("<")) return "cobertura";
  if (/^(TN|SF|VER|FN|DA):/m.test(head.slice(0, 64 * 1024))) return "lcov";
  return null;
}

function parseLcov(text: string, shown: string, root: string): Parsed {
  const normal = text.replace(/\r\n?/g, "\n");
  // The parser accepts a record that never ends; a report cut off mid-write would then quietly
  // lose the files after the cut, which could raise the figure.
  let open: { path: string; line: number } | null = null;
  let records = 0;
  const lines = normal.split("\n");
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed.startsWith("SF:")) open = { path: trimmed.slice(3), line: index + 1 };
    else if (trimmed === "end_of_record") {
      if (open) records += 1;
      open = null;
    }
  }
  if (open) {
    return {
      problem:
        `${shown} stops inside the record for ${open.path} (from line ${open.line}) without end_of_record, ` +
        "so it looks cut off. Run the tests with coverage again.",
    };
  }
  if (records === 0) {
    return {
      problem:
        `${shown} is not an lcov report: it has no SF: ... end_of_record record. ` +
        "Point files: at lcov.info, or set format: to the report's real format.",
    };
  }

  const files = new Map<string, FileLines>();
  for (const section of lcovParser({ from: normal })) {
    let lines: FileLines;
    if (section.lines.details.length > 0) {
      const hits = new Map<number, boolean>();
      for (const { line, hit } of section.lines.details) hits.set(line, (hits.get(line) ?? false) || hit > 0);
      lines = fromHits(hits);
    } else {
      lines = { covered: section.lines.hit, total: section.lines.instrumented };
    }
    const key = normaliseSourcePath(section.path.trim(), root);
    const known = files.get(key);
    files.set(key, known ? mergeLines(known, lines) : lines);
  }
  return { report: { files, totals: null, timestamp: null } };
}

function parseCobertura(text: string, shown: string, root: string): Parsed {
  const xmlError = findXmlError(text, shown, "the coverage report");
  if (xmlError !== null) return { problem: xmlError };
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      parseTagValue: false,
      parseAttributeValue: false,
      isArray: (name, _path, _leaf, isAttribute) =>
        !isAttribute && ["package", "class", "line", "source"].includes(name),
    }).parse(text) as Record<string, unknown>;
  } catch (error) {
    return { problem: `${shown} cannot be parsed as XML: ${(error as Error).message}.` };
  }

  // An empty <coverage/> parses to "", and is a (hollow) Cobertura report all the same.
  const coverage = doc.coverage === "" ? {} : asNode(doc.coverage);
  if (!coverage) {
    const found = Object.keys(doc).filter((key) => !key.startsWith("?"));
    const root = found[0];
    const hint =
      root === "report"
        ? " (JaCoCo's own XML, which shipready does not read: convert it to Cobertura XML first)"
        : root === "testsuites" || root === "testsuite"
          ? " (a JUnit test report: use the junit evidence kind for it)"
          : "";
    return {
      problem:
        `${shown} is XML but not a Cobertura coverage report: its root is ${root ? `<${root}>` : "no element"}${hint}. ` +
        "Point files: at the Cobertura report (coverage.xml, cobertura-coverage.xml).",
    };
  }
  if (coverage["@_line-rate"] === undefined && coverage.project !== undefined) {
    return {
      problem:
        `${shown} is a Clover report, which shipready does not read. ` +
        "Have the coverage tool write Cobertura, lcov or json-summary too, and point files: at that.",
    };
  }

  const files = new Map<string, FileLines>();
  for (const pkg of asNodes(asNode(coverage.packages)?.package)) {
    for (const cls of asNodes(asNode(pkg.classes)?.class)) {
      const filename = String(cls["@_filename"] ?? cls["@_name"] ?? "").trim();
      // Lines under <methods> repeat the class's own <lines>; counting both would double them.
      const lineNodes = asNodes(asNode(cls.lines)?.line);
      if (!filename || lineNodes.length === 0) continue;
      const hits = new Map<number, boolean>();
      for (const node of lineNodes) {
        const number = Number(node["@_number"]);
        const hit = Number(node["@_hits"]);
        if (!Number.isInteger(number)) continue;
        hits.set(number, (hits.get(number) ?? false) || (Number.isFinite(hit) && hit > 0));
      }
      const key = normaliseSourcePath(filename, root);
      const lines = fromHits(hits);
      const known = files.get(key);
      files.set(key, known ? mergeLines(known, lines) : lines);
    }
  }

  const timestamp = readEpoch(coverage["@_timestamp"]);
  if (files.size > 0) return { report: { files, totals: null, timestamp } };
  const valid = readCount(coverage["@_lines-valid"]);
  const coveredCount = readCount(coverage["@_lines-covered"]);
  if (valid !== null && coveredCount !== null) {
    return { report: { files, totals: { covered: coveredCount, total: valid }, timestamp } };
  }
  if (coverage["@_line-rate"] !== undefined) {
    return {
      problem:
        `${shown} gives only a line-rate, without lines-valid/lines-covered or <line> elements, so it cannot be ` +
        "counted or merged. Regenerate it with a current Cobertura writer (coverage.py, cobertura-maven-plugin 2.1+, c8/nyc).",
    };
  }
  return { report: { files, totals: { covered: 0, total: 0 }, timestamp } };
}

function parseIstanbul(text: string, shown: string, root: string): Parsed {
  const parsed = parseJson(text);
  if ("error" in parsed) {
    return {
      problem: `${shown} is ${parsed.error}. If the test run was cut short, run it again with coverage.`,
    };
  }
  const summary = asNode(parsed.value);
  const totalLines = readLineCounts(asNode(summary?.total));
  if (!summary || !totalLines) {
    const raw = summary && Object.values(summary).some((value) => asNode(value)?.statementMap !== undefined);
    return {
      problem: raw
        ? `${shown} is Istanbul's raw coverage-final.json, not its summary. Add the json-summary reporter ` +
          "(nyc/c8 --reporter=json-summary, Jest coverageReporters, Vitest coverage.reporter) and point files: at coverage-summary.json."
        : `${shown} is JSON but not an Istanbul coverage summary: it has no total.lines with covered and total counts. ` +
          "Point files: at coverage-summary.json from the json-summary reporter.",
    };
  }
  const files = new Map<string, FileLines>();
  for (const [name, value] of Object.entries(summary)) {
    if (name === "total") continue;
    const lines = readLineCounts(asNode(value));
    if (!lines) continue;
    const key = normaliseSourcePath(name, root);
    const known = files.get(key);
    files.set(key, known ? mergeLines(known, lines) : lines);
  }
  return { report: { files, totals: totalLines, timestamp: null } };
}

function readLineCounts(node: Record<string, unknown> | null): FileLines | null {
  const lines = asNode(node?.lines);
  const covered = readCount(lines?.covered);
  const total = readCount(lines?.total);
  if (covered === null || total === null || covered > total) return null;
  return { covered, total };
}

function fromHits(hits: Map<number, boolean>): FileLines {
  let covered = 0;
  for (const hit of hits.values()) if (hit) covered += 1;
  return { covered, total: hits.size, hits };
}

function mergeLines(a: FileLines, b: FileLines): FileLines {
  if (a.hits && b.hits) {
    const hits = new Map(a.hits);
    for (const [line, hit] of b.hits) hits.set(line, (hits.get(line) ?? false) || hit);
    return fromHits(hits);
  }
  // Without line numbers two readings of one file cannot be united; like a union, the better one stands.
  if (a.covered !== b.covered) return a.covered > b.covered ? a : b;
  return a.total >= b.total ? a : b;
}

function showLeastCovered(files: Map<string, FileLines>): string[] {
  const ranked = [...files.entries()]
    .filter(([, lines]) => lines.total > 0 && lines.covered < lines.total)
    .sort(([nameA, a], [nameB, b]) => {
      const byShare = a.covered / a.total - b.covered / b.total;
      if (byShare !== 0) return byShare;
      const byMissed = b.total - b.covered - (a.total - a.covered);
      return byMissed !== 0 ? byMissed : nameA.localeCompare(nameB);
    });
  const shown = ranked
    .slice(0, LEAST_COVERED_SHOWN)
    .map(
      ([name, lines]) =>
        `${name}: ${showFigure(lines.covered, lines.total)} (${lines.covered} of ${lines.total} lines)`,
    );
  const rest = ranked.length - shown.length;
  if (rest > 0) shown.push(`and ${rest} more ${rest === 1 ? "file" : "files"} below 100%`);
  return shown;
}

/** One decimal, rounded down: a figure shown must never read as meeting a target it misses. */
function showFigure(covered: number, total: number): string {
  return `${(Math.floor((covered * 1000) / total) / 10).toFixed(1)}%`;
}

function normaliseSourcePath(path: string, root: string): string {
  if (isAbsolute(path)) {
    const rel = relative(root, path);
    if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) return rel.split(sep).join("/");
  }
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}

function readEpoch(raw: unknown): Date | null {
  const value = readCount(raw);
  if (value === null || value === 0) return null;
  // Cobertura writers disagree: coverage.py and Cobertura write milliseconds, a few write seconds.
  const date = new Date(value < 1e11 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function asNode(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asNodes(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map(asNode).filter((node): node is Record<string, unknown> => node !== null);
}

function readCount(raw: unknown): number | null {
  if (raw === undefined || raw === null || raw === "") return null;
  const value = Number(typeof raw === "string" ? raw.trim() : raw);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}
