import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import type { Outcome } from "../../types.js";
import type { ParsedChecklist } from "../types.js";
import { parseChecklist } from "./parse-checklist.js";

const FIXTURES = new URL("../../../../test/fixtures/checklists/", import.meta.url);
const SEED = new URL("../../../../test/fixtures/seeds/000_036b06e9d9f9e5c3.txt", import.meta.url);

interface HeadingCount {
  heading: string;
  line: number;
  gates: number;
  pass: number;
}

interface Expectation {
  eol?: "\n" | "\r\n";
  bom?: boolean;
  headings: HeadingCount[];
  /** [line, name, outcome] of every gate, in document order. */
  gates?: [number, string, Outcome | null][];
  findings: { code: string; line: number }[];
  markers: { name: string; startLine: number; endLine: number }[];
  errors: { code: string; line: number }[];
  /** The 1-based line at whose start a missing score block goes. */
  insertLine?: number;
}

const manifest = JSON.parse(readFileSync(new URL("expected.json", FIXTURES), "utf8")) as Record<
  string,
  Expectation
>;
const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".md"))
  .sort();

function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

function headingCounts(parsed: ParsedChecklist): HeadingCount[] {
  const counts: HeadingCount[] = [];
  for (const gate of parsed.gates) {
    let entry = counts.find((c) => c.heading === gate.heading && c.line === gate.headingLine);
    if (!entry) {
      entry = { heading: gate.heading, line: gate.headingLine, gates: 0, pass: 0 };
      counts.push(entry);
    }
    entry.gates++;
    if (gate.writtenOutcome === "pass") entry.pass++;
  }
  return counts;
}

function codesAndLines(
  list: { code: string; line?: number }[],
): { code: string; line: number | undefined }[] {
  return list
    .map((f) => ({ code: f.code, line: f.line }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
}

/** Everything a reader of the document would notice, without the offsets (which shift with CRLF and BOM). */
function model(parsed: ParsedChecklist): unknown {
  return {
    gates: parsed.gates.map((g) => ({
      name: g.name,
      heading: g.heading,
      headingLine: g.headingLine,
      headingPath: g.headingPath,
      line: g.line,
      form: g.form,
      statusText: g.statusText,
      writtenOutcome: g.writtenOutcome,
    })),
    markers: parsed.markers.map((m) => ({ name: m.name, startLine: m.startLine, endLine: m.endLine })),
    findings: codesAndLines(parsed.findings),
    errors: codesAndLines(parsed.errors),
  };
}

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

/** The spans a rewrite would splice must cover exactly the status the gate reports. */
function assertSpans(text: string, parsed: ParsedChecklist, label: string): void {
  for (const gate of parsed.gates) {
    const where = `${label}:${gate.line} (${gate.name})`;
    const span = gate.statusCell;
    if (gate.form === "task-item") {
      assert.ok(span, `${where}: a task item has a checkbox span`);
      assert.equal(text.slice(span.start, span.end).toLowerCase(), gate.statusText, where);
      assert.equal(lineOfOffset(text, span.start), gate.line, `${where}: the checkbox is on the gate's line`);
      continue;
    }
    if (!span) {
      assert.equal(gate.statusText, "", `${where}: a row with a status has a status cell span`);
      continue;
    }
    const cell = text.slice(span.start, span.end);
    assert.equal(
      lineOfOffset(text, span.start),
      gate.line,
      `${where}: the status cell is on the gate's line`,
    );
    assert.doesNotMatch(cell, /[\r\n]|(?<!\\)\|/, `${where}: the span stays inside one cell`);
    if (/[\\`*_[\]<&!~]/.test(cell)) {
      // Markup (links, <br>, strikethrough) is not part of the status text, but its words are in the cell.
      for (const word of gate.statusText.split(/\s+/).filter(Boolean)) {
        assert.ok(cell.includes(word), `${where}: the span ${JSON.stringify(cell)} holds "${word}"`);
      }
    } else {
      assert.equal(cell.trim(), gate.statusText, `${where}: the span slices to the status`);
    }
    const before = text.slice(0, span.start).replace(/^[\s\S]*[\r\n]/, "");
    assert.match(before, /(?:^|\|)$/, `${where}: the span starts at a cell boundary`);
  }
}

interface Variant {
  label: string;
  text: string;
  eol: "\n" | "\r\n";
  bom: boolean;
}

/** The same document as LF, CRLF, with and without a BOM and a final newline. */
function textVariants(source: string): Variant[] {
  const lf = source.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  const bare = lf.replace(/\n+$/, "");
  const crlf = (t: string): string => t.replace(/\n/g, "\r\n");
  return [
    { label: "LF", text: lf, eol: "\n", bom: false },
    { label: "CRLF", text: crlf(lf), eol: "\r\n", bom: false },
    { label: "BOM", text: `\uFEFF${lf}`, eol: "\n", bom: true },
    { label: "CRLF+BOM", text: `\uFEFF${crlf(lf)}`, eol: "\r\n", bom: true },
    { label: "no final newline", text: bare, eol: "\n", bom: false },
    { label: "final newline", text: `${bare}\n`, eol: "\n", bom: false },
    { label: "CRLF+BOM, no final newline", text: `\uFEFF${crlf(bare)}`, eol: "\r\n", bom: true },
  ];
}

test("the fixture corpus is complete and every fixture has an expectation", () => {
  assert.ok(fixtureNames.length >= 14, `${fixtureNames.length} fixtures`);
  assert.deepEqual(fixtureNames, Object.keys(manifest).sort());
});

for (const name of fixtureNames) {
  const expected = manifest[name];
  if (!expected) continue;
  const source = readFixture(name);
  const parsed = parseChecklist(source);

  test(`${name}: gates per heading and pass counts`, () => {
    assert.deepEqual(headingCounts(parsed), expected.headings);
  });

  if (expected.gates) {
    const gates = expected.gates;
    test(`${name}: gate names, outcomes and lines`, () => {
      assert.deepEqual(
        parsed.gates.map((g) => [g.line, g.name, g.writtenOutcome]),
        gates,
      );
    });
  }

  test(`${name}: findings`, () => {
    assert.deepEqual(codesAndLines(parsed.findings), expected.findings);
  });

  test(`${name}: marker blocks`, () => {
    assert.deepEqual(
      parsed.markers.map((m) => ({ name: m.name, startLine: m.startLine, endLine: m.endLine })),
      expected.markers,
    );
  });

  test(`${name}: errors`, () => {
    assert.deepEqual(codesAndLines(parsed.errors), expected.errors);
  });

  test(`${name}: line endings and BOM`, () => {
    assert.equal(parsed.eol, expected.eol ?? "\n");
    assert.equal(parsed.bom, expected.bom ?? false);
  });

  if (expected.insertLine !== undefined) {
    const insertLine = expected.insertLine;
    test(`${name}: a missing score block would go at the start of line ${insertLine}`, () => {
      const text = parsed.bom ? source.slice(1) : source;
      assert.equal(lineOfOffset(text, parsed.insertAt), insertLine);
      assert.match(text.slice(0, parsed.insertAt), /(?:^|\n)$/, "insertAt is at the start of a line");
    });
  }

  test(`${name}: status spans slice to the status`, () => {
    assertSpans(parsed.bom ? source.slice(1) : source, parsed, name);
  });

  const variants = textVariants(source);

  test(`${name}: CRLF, BOM and a missing final newline change nothing but eol and bom`, () => {
    const base = model(parseChecklist(variants[0]!.text));
    for (const v of variants) {
      const p = parseChecklist(v.text);
      assert.deepEqual(model(p), base, v.label);
      assert.equal(p.eol, v.eol, `${v.label}: eol`);
      assert.equal(p.bom, v.bom, `${v.label}: bom`);
    }
  });

  test(`${name}: status spans slice to the status with CRLF, BOM and no final newline`, () => {
    for (const v of variants) {
      assertSpans(v.bom ? v.text.slice(1) : v.text, parseChecklist(v.text), `${name} (${v.label})`);
    }
  });
}

test("01: the Last Run cell span slices to the date, and the score block content is owned text", () => {
  const source = readFixture("01-basic-release.md");
  const parsed = parseChecklist(source);
  const lastRuns = parsed.gates.map((g) =>
    g.lastRunCell ? source.slice(g.lastRunCell.start, g.lastRunCell.end).trim() : null,
  );
  assert.deepEqual(lastRuns, ["2025-03-01", "TBD", "2025-03-02", "2025-03-01", null, null, null]);
  const block = parsed.markers[0]!;
  const content = source.slice(block.content.start, block.content.end);
  assert.ok(content.startsWith("## 📊 Release Readiness Score"), content);
  assert.ok(content.endsWith("- [x] fake task inside the score\n"), content);
  assert.ok(!parsed.gates.some((g) => /fake/i.test(g.name)), "nothing inside the markers is a gate");
});

test("21: a 'Last checked' column gives the last-run cell, and bold or emoji headers still name the columns", () => {
  const source = readFixture("21-header-variants.md");
  const [build, deploy] = parseChecklist(source).gates;
  assert.ok(build?.lastRunCell && deploy?.lastRunCell);
  assert.equal(source.slice(build.lastRunCell.start, build.lastRunCell.end).trim(), "2025-01-01");
  assert.equal(source.slice(deploy.lastRunCell.start, deploy.lastRunCell.end).trim(), "2025-01-02");
});

test("19: an empty marker block has an empty content span at the start of the END line", () => {
  const source = readFixture("19-compact-markers.md");
  const block = parseChecklist(source).markers[0]!;
  assert.equal(block.content.start, block.content.end);
  assert.ok(source.slice(block.content.start).startsWith("<!--   READINESS_SCORE_END   -->"));
});

test("12: the same gate name under different headings gives different gates with their own heading paths", () => {
  const parsed = parseChecklist(readFixture("12-duplicate-names.md"));
  const unitTests = parsed.gates.filter((g) => g.name === "Unit tests");
  assert.deepEqual(
    unitTests.map((g) => [g.heading, g.headingLine, g.headingPath, g.writtenOutcome]),
    [
      ["Backend", 3, ["Two services", "Backend"], "pass"],
      ["Frontend", 10, ["Two services", "Frontend"], "fail"],
      ["Backend", 17, ["Two services", "Backend"], "pass"],
      [
        "Nested under the second Backend",
        21,
        ["Two services", "Backend", "Nested under the second Backend"],
        "pending",
      ],
    ],
  );
});

test("18: setext headings and closing hashes nest the heading path", () => {
  const parsed = parseChecklist(readFixture("18-headings-and-setext.md"));
  assert.deepEqual(
    parsed.gates.map((g) => g.headingPath),
    [
      [],
      ["Release 6.0 checklist", "Build and test", "Backend"],
      ["Release 6.0 checklist", "Build and test", "Backend", "make check gates"],
      ["Release 6.0 checklist", "Build and test", "Backend", "make check gates"],
      ["Release 6.0 checklist", "Ship"],
    ],
  );
});

test("11: CJK and RTL headings keep their text, with leading emoji removed", () => {
  const parsed = parseChecklist(readFixture("11-cjk-rtl.md"));
  assert.deepEqual(parsed.gates[0]!.headingPath, ["发布检查清单 v2.0", "核心关卡"]);
});

test("the seed: gates per heading and pass counts", () => {
  const parsed = parseChecklist(readFileSync(SEED, "utf8"));
  const counts = headingCounts(parsed);
  const of = (prefix: string): [number, number] | undefined => {
    const c = counts.find((h) => h.heading.startsWith(prefix));
    return c && [c.gates, c.pass];
  };
  assert.deepEqual(of("Core Readiness Gates"), [8, 7]);
  assert.deepEqual(of("Optional / Post-Release Gates"), [8, 6]);
  assert.deepEqual(of("Deployment & Release Automation"), [8, 5]);
  assert.deepEqual(of("Final Sign-Off Checklist"), [15, 10]);
  assert.deepEqual(of("Git Hooks & Preflight Checks"), [8, 8]);
  assert.equal(
    counts.find((h) => h.heading.startsWith("Core"))?.heading,
    "Core Readiness Gates (🚨 Must Pass)",
  );
  assert.deepEqual(
    parsed.markers.map((m) => [m.name, m.startLine, m.endLine]),
    [
      ["READINESS_SCORE", 10, 24],
      ["CI_SNAPSHOT", 144, 158],
    ],
  );
  assert.deepEqual(parsed.errors, []);
  assert.ok(
    !parsed.gates.some((g) => g.name === "Main CI/CD Pipeline"),
    "the CI snapshot table is owned text",
  );
  assert.ok(
    !parsed.gates.some((g) => /Release Manager|Initial release/.test(g.name)),
    "contact tables are not gates",
  );
});

test("the release status strategy --update writes is owned text, not gates", () => {
  const parsed = parseChecklist(
    [
      "# Release",
      "",
      "| Gate | Status |",
      "| --- | --- |",
      "| Tests | ❌ FAIL |",
      "",
      "## Release Status",
      "",
      "<!-- STRATEGY_STATUS_START -->",
      "- ✅ Pre-Release Stage: passed in v1.2.0 (2026-12-01)",
      "- ✅ Validation Failure: rolled back v1.3.0",
      "<!-- STRATEGY_STATUS_END -->",
      "",
    ].join("\n"),
  );
  assert.deepEqual(
    parsed.gates.map((g) => [g.name, g.writtenOutcome]),
    [["Tests", "fail"]],
  );
  assert.deepEqual(
    parsed.markers.map((m) => [m.name, m.startLine, m.endLine]),
    [["STRATEGY_STATUS", 9, 12]],
  );
});
