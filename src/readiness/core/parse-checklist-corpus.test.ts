// The checklist corpus: documents in the shapes real repositories write, each with the gates the
// contract in specs/checklist-shapes.md says it holds (test/fixtures/checklists/corpus/manifest.json).
// Task items are counted a second time with an independent CommonMark + GFM reader (mdast), so the
// parser must account for every box a reader sees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { parseChecklist } from "./parse-checklist.js";

const CORPUS = new URL("../../../../test/fixtures/checklists/corpus/", import.meta.url);

type WrittenOutcome = "pass" | "fail" | "pending" | "warn" | "n/a" | "inconclusive" | null;
type Form = "table-row" | "task-item" | "list-item" | "line" | "decision";
type SkipRule = "event-table" | "no-status-column" | "prose-status" | "unnamed";

/** The parser's result as the contract describes it; some fields are newer than the shared types. */
interface ParsedV2 {
  gates: {
    name: string;
    line: number;
    form: Form;
    writtenOutcome: WrittenOutcome;
    owner?: string;
    alternatives?: number;
  }[];
  findings: { code: string; line?: number }[];
  errors: { code: string; line?: number }[];
  skipped?: { line: number; text: string; rule: SkipRule }[];
}

interface ExpectedGate {
  name: string;
  outcome: WrittenOutcome;
  line: number;
  form: Form;
  /** Present only for gates in a table with an Owner / Assignee / Responsible / DRI column. */
  owner?: string;
}

interface Fixture {
  file: string;
  shape: string;
  gates: ExpectedGate[];
  skipped: { line: number; rule: SkipRule }[];
  errors: string[];
  findings: string[];
  taskItems: number;
}

const manifest = JSON.parse(readFileSync(new URL("manifest.json", CORPUS), "utf8")) as {
  fixtures: Fixture[];
};
const fixtures = manifest.fixtures;
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".md"))
  .sort();

/** The few mdast fields the count needs. */
interface MdNode {
  type: string;
  value?: string;
  checked?: boolean | null;
  position?: { start: { line: number }; end: { line: number } };
  children?: MdNode[];
}

const MARKER = /<!--\s*(READINESS_SCORE|CI_SNAPSHOT)_(START|END)\s*-->/;

/**
 * GFM task list items as an independent CommonMark + GFM reader sees them, leaving out those between
 * a START and an END marker comment. Code, HTML blocks and comments hold no list items for it.
 */
function countTaskItems(text: string): number {
  const root = fromMarkdown(text, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  }) as unknown as MdNode;
  const items: number[] = [];
  const markers: { name: string; edge: string; line: number }[] = [];
  const walk = (node: MdNode): void => {
    if (node.type === "html" && node.value !== undefined && node.position) {
      node.value.split(/\r\n|\r|\n/).forEach((line, i) => {
        const m = MARKER.exec(line);
        if (m) markers.push({ name: m[1]!, edge: m[2]!, line: node.position!.start.line + i });
      });
    }
    if (node.type === "listItem" && typeof node.checked === "boolean" && node.position) {
      items.push(node.position.start.line);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  const owned: [number, number][] = [];
  for (const start of markers.filter((m) => m.edge === "START")) {
    const end = markers.find((m) => m.edge === "END" && m.name === start.name && m.line > start.line);
    if (end) owned.push([start.line, end.line]);
  }
  return items.filter((line) => !owned.some(([from, to]) => line > from && line < to)).length;
}

test("the corpus holds at least 25 documents and the manifest describes each of them once", () => {
  assert.ok(fixtures.length >= 25, `${fixtures.length} fixtures`);
  assert.deepEqual(fixtures.map((f) => f.file).sort(), files);
});

for (const fixture of fixtures) {
  const { file } = fixture;
  const text = readFileSync(new URL(file, CORPUS), "utf8");
  const parsed = parseChecklist(text) as unknown as ParsedV2;

  test(`${file}: gate names, outcomes and lines, in document order`, () => {
    assert.deepEqual(
      parsed.gates.map((g) => ({ name: g.name, outcome: g.writtenOutcome, line: g.line })),
      fixture.gates.map((g) => ({ name: g.name, outcome: g.outcome, line: g.line })),
    );
  });

  test(`${file}: the form of each gate`, () => {
    assert.deepEqual(
      parsed.gates.map((g) => [g.line, g.name, g.form]),
      fixture.gates.map((g) => [g.line, g.name, g.form]),
    );
  });

  if (fixture.gates.some((g) => g.owner !== undefined)) {
    test(`${file}: the Owner column sets each gate's owner`, () => {
      assert.deepEqual(
        parsed.gates.map((g) => [g.name, g.owner ?? null]),
        fixture.gates.map((g) => [g.name, g.owner ?? null]),
      );
    });
  }

  test(`${file}: places that show a status but are not gates`, () => {
    assert.ok(Array.isArray(parsed.skipped), "the result has a skipped list");
    const skipped = parsed.skipped
      .map((s) => ({ line: s.line, rule: s.rule }))
      .sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
    assert.deepEqual(skipped, fixture.skipped);
  });

  test(`${file}: errors`, () => {
    assert.deepEqual(parsed.errors.map((e) => e.code).sort(), [...fixture.errors].sort());
  });

  if (fixture.findings.length > 0) {
    test(`${file}: findings ${fixture.findings.join(", ")}`, () => {
      const codes = new Set(parsed.findings.map((f) => f.code));
      for (const code of fixture.findings) {
        assert.ok(
          codes.has(code),
          `a ${code} finding; the parser reported ${[...codes].join(", ") || "none"}`,
        );
      }
    });
  }

  test(`${file}: every task item a GFM reader sees is accounted for`, () => {
    assert.equal(countTaskItems(text), fixture.taskItems, "task items by mdast with GFM");
    const accounted = parsed.gates.reduce(
      (n, g) => n + (g.form === "task-item" ? 1 : g.form === "decision" ? (g.alternatives ?? 0) : 0),
      0,
    );
    assert.equal(accounted, fixture.taskItems, "task-item gates plus the alternatives of decisions");
  });
}
