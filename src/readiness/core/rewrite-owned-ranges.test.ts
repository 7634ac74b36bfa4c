import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Blocker, CategoryScore, ParsedChecklist, Readiness } from "../types.js";
import type { Outcome } from "../../types.js";
import { parseChecklist } from "./parse-checklist.js";
import { renderScoreSection } from "./render-score-section.js";
import { rewriteOwnedRanges } from "./rewrite-owned-ranges.js";

type Eol = "\n" | "\r\n";

const START = "<!-- READINESS_SCORE_START -->";
const END = "<!-- READINESS_SCORE_END -->";
const NOW = "2025-05-06T07:08:09.000Z";
const RUNS = { numRuns: 200 };

function category(name: string, passed: number, total: number): CategoryScore {
  const counts: Record<Outcome, number> = {
    pass: passed,
    warn: 0,
    fail: total - passed,
    pending: 0,
    inconclusive: 0,
    waived: 0,
    "n/a": 0,
  };
  const score = total === 0 ? null : (passed / total) * 100;
  return { name, weight: 10, required: false, passed, total, score, exact: score, counts, gates: [] };
}

/** A Readiness as scoring would produce it; only what the score section shows matters here. */
function fakeReadiness(
  score: number,
  categories: string[] = ["Core Gates"],
  blockers: string[] = [],
): Readiness {
  return {
    score,
    band: { name: score >= 90 ? "Nearly Ready" : "In Progress", min: score >= 90 ? 90 : 70, emoji: "🟡" },
    ready: score >= 90 && blockers.length === 0,
    threshold: 90,
    coverage: 100,
    categories: categories.map((name, i) => category(name, i % 3, 2)),
    blockers: blockers.map((gate, i): Blocker => ({
      gate,
      category: "Core Gates",
      line: 10 + i,
      outcome: "fail",
      reason: "fails",
    })),
    toReady: null,
  };
}

function section(parsed: ParsedChecklist, readiness: Readiness = fakeReadiness(77.9)): string {
  return renderScoreSection({ readiness, now: NOW, eol: parsed.eol });
}

function rewriteScore(source: string, text: string): string {
  const parsed = parseChecklist(source);
  return rewriteOwnedRanges(source, parsed, [{ target: { marker: "READINESS_SCORE" }, text }]);
}

/** The gates as a reader sees them; lines shift when text is inserted above, so they are left out. */
function gateModel(parsed: ParsedChecklist): unknown[] {
  return parsed.gates.map((g) => [g.name, g.writtenOutcome, g.form, g.statusText, g.headingPath]);
}

// ---------------------------------------------------------------------------------------------
// Examples

test("the content of an existing score block is replaced and nothing else changes", () => {
  const source = [
    "# Release 1.0",
    "",
    START,
    "old score: 85%",
    "| Fake | PASS |",
    END,
    "",
    "## Gates",
    "- [x] Build  ",
    "",
  ].join("\n");
  const out = rewriteScore(source, "new score\n");
  assert.equal(
    out,
    ["# Release 1.0", "", START, "new score", END, "", "## Gates", "- [x] Build  ", ""].join("\n"),
  );
});

test("a missing score block is inserted below the H1 title", () => {
  const source = "# Release 1.0\n\n## Gates\n\n- [x] Build\n";
  assert.equal(
    rewriteScore(source, "SCORE\n"),
    `# Release 1.0\n\n${START}\nSCORE\n${END}\n\n## Gates\n\n- [x] Build\n`,
  );
});

test("a missing score block goes below a setext H1 title", () => {
  const source = "Release 1.0\n===========\n- [ ] Build\n";
  assert.equal(
    rewriteScore(source, "SCORE\n"),
    `Release 1.0\n===========\n\n${START}\nSCORE\n${END}\n- [ ] Build\n`,
  );
});

test("a missing score block goes below front matter when there is no H1", () => {
  const source = "---\ntitle: Release\n---\n## Gates\n- [ ] Build\n";
  assert.equal(
    rewriteScore(source, "SCORE\n"),
    `---\ntitle: Release\n---\n\n${START}\nSCORE\n${END}\n## Gates\n- [ ] Build\n`,
  );
});

test("a missing score block goes below the H1 even when front matter comes first", () => {
  const source = "---\ntitle: Release\n---\n# Release 2.0\nIntro.\n";
  assert.equal(
    rewriteScore(source, "SCORE\n"),
    `---\ntitle: Release\n---\n# Release 2.0\n\n${START}\nSCORE\n${END}\nIntro.\n`,
  );
});

test("a missing score block goes at the top when there is neither an H1 nor front matter", () => {
  const source = "Intro paragraph.\n\n## Gates\n- [ ] Build\n";
  assert.equal(
    rewriteScore(source, "SCORE\n"),
    `${START}\nSCORE\n${END}\n\nIntro paragraph.\n\n## Gates\n- [ ] Build\n`,
  );
});

test("a score block inserted at the top goes after the BOM", () => {
  const source = "\uFEFF## Gates\n- [ ] Build\n";
  const out = rewriteScore(source, "SCORE\n");
  assert.equal(out, `\uFEFF${START}\nSCORE\n${END}\n\n## Gates\n- [ ] Build\n`);
  assert.equal(parseChecklist(out).markers.length, 1);
});

test("a title on the last line without a final newline gets the block on lines of its own", () => {
  const out = rewriteScore("# Only a title", "SCORE\n");
  assert.equal(out, `# Only a title\n\n${START}\nSCORE\n${END}\n`);
  const parsed = parseChecklist(out);
  assert.deepEqual(
    parsed.markers.map((m) => [m.name, m.startLine, m.endLine]),
    [["READINESS_SCORE", 3, 5]],
  );
});

test("a CRLF document gets CRLF in the inserted block when the section is rendered with parsed.eol", () => {
  const source =
    "\uFEFF# Release 1.0\r\n\r\n## Gates\r\n\r\n| Gate | Status |\r\n|---|---|\r\n| Build | PASS |\r\n";
  const parsed = parseChecklist(source);
  assert.equal(parsed.eol, "\r\n");
  const out = rewriteOwnedRanges(source, parsed, [
    { target: { marker: "READINESS_SCORE" }, text: section(parsed) },
  ]);
  assert.doesNotMatch(out, /(?<!\r)\n/, "no bare LF");
  assert.doesNotMatch(out, /\r(?!\n)/, "no bare CR");
  assert.ok(out.startsWith("\uFEFF# Release 1.0\r\n\r\n<!-- READINESS_SCORE_START -->\r\n## 📊"));
  assert.ok(
    out.endsWith(
      "<!-- READINESS_SCORE_END -->\r\n\r\n## Gates\r\n\r\n| Gate | Status |\r\n|---|---|\r\n| Build | PASS |\r\n",
    ),
  );
  const again = parseChecklist(out);
  assert.equal(again.bom, true);
  assert.equal(again.markers.length, 1);
  assert.deepEqual(gateModel(again), gateModel(parsed));
});

test("inserting a block and then updating it with the same inputs changes nothing the second time", () => {
  for (const source of [
    "# Release\n\n- [x] Build\n",
    "# Release\r\n\r\n- [x] Build",
    "---\r\nx: 1\r\n---\r\n- [ ] Build\r\n",
    "- [ ] Build",
    "\uFEFF",
    "",
  ]) {
    const parsed = parseChecklist(source);
    const text = section(parsed);
    const once = rewriteOwnedRanges(source, parsed, [{ target: { marker: "READINESS_SCORE" }, text }]);
    const twice = rewriteScore(once, text);
    assert.equal(twice, once, JSON.stringify(source));
    assert.equal(parseChecklist(once).markers.length, 1, JSON.stringify(source));
  }
});

test("status cell and checkbox spans are spliced, together with the score block, in one call", () => {
  const source = [
    "# Release",
    "",
    "| Gate | Status | Last Run |",
    "|------|--------|----------|",
    "| Build | 🟡 PENDING | never |",
    "| Deploy | PASS | 2025-01-01 |",
    "",
    START,
    "old",
    END,
    "",
    "- [ ] Sign-off",
    "",
  ].join("\r\n");
  const parsed = parseChecklist(source);
  const [build, deploy, signOff] = parsed.gates;
  assert.ok(build?.statusCell && build.lastRunCell && deploy?.statusCell && signOff?.statusCell);
  const out = rewriteOwnedRanges(source, parsed, [
    { target: { span: signOff.statusCell }, text: "[x]" },
    { target: { marker: "READINESS_SCORE" }, text: "new\r\n" },
    { target: { span: build.statusCell }, text: " 🟢 PASS " },
    { target: { span: build.lastRunCell }, text: " 2025-05-06 " },
    { target: { span: deploy.statusCell }, text: " 🔴 FAIL " },
  ]);
  assert.equal(
    out,
    [
      "# Release",
      "",
      "| Gate | Status | Last Run |",
      "|------|--------|----------|",
      "| Build | 🟢 PASS | 2025-05-06 |",
      "| Deploy | 🔴 FAIL | 2025-01-01 |",
      "",
      START,
      "new",
      END,
      "",
      "- [x] Sign-off",
      "",
    ].join("\r\n"),
  );
  assert.deepEqual(
    parseChecklist(out).gates.map((g) => [g.name, g.writtenOutcome, g.line]),
    [
      ["Build", "pass", 5],
      ["Deploy", "fail", 6],
      ["Sign-off", "pass", 12],
    ],
  );
});

test("the CI snapshot block is replaced without touching the score block", () => {
  const source = `# R\n\n${START}\nscore\n${END}\n\n<!-- CI_SNAPSHOT_START -->\nold ci\n<!-- CI_SNAPSHOT_END -->\n`;
  const parsed = parseChecklist(source);
  const out = rewriteOwnedRanges(source, parsed, [{ target: { marker: "CI_SNAPSHOT" }, text: "new ci\n" }]);
  assert.equal(out, source.replace("old ci", "new ci"));
});

// ---------------------------------------------------------------------------------------------
// Generated documents

const POOL = [
  "a",
  "B",
  "7",
  " ",
  "  ",
  "发",
  "布",
  "檢",
  "✅",
  "🟢",
  "⚠️",
  "👩🏽‍💻",
  "ש",
  "ل",
  "é",
  "*",
  "_",
  "#",
  "-",
  "+",
  ".",
  ":",
  "(",
  ")",
  "?",
  "&",
  "\\",
  "\t",
  "[",
  "]",
  "x",
  "|",
  "`",
  "<",
  ">",
];

const anyText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...POOL), maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);

/**
 * One line of prose. Lines that would open a block which runs on until some later line (a fence,
 * an HTML block, front matter) are defused, so the marker block stays at the top level.
 */
const proseLine = anyText.map((s) => {
  const one = s.replace(/[\r\n]+/g, " ").replace(/<!--/g, "<!-");
  return /^[ \t]{0,3}(?:[<`~]|---|\+\+\+)/.test(one) ? `p ${one}` : one;
});

const cellText = proseLine.map((s) => s.replace(/\|/g, "/"));

const STATUSES = [
  "PASS",
  "FAIL",
  "🟢 PASS",
  "🔴 FAIL",
  "✅",
  "⚠️",
  "pending",
  "N/A",
  "In Progress",
  "BLOCKED",
  "",
];

const heading = fc
  .tuple(fc.integer({ min: 1, max: 4 }), proseLine)
  .map(([level, text]) => [`${"#".repeat(level)} ${text}`]);

const paragraph = fc.array(proseLine, { minLength: 1, maxLength: 3 });

const gateTable = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(cellText, fc.constantFrom(...STATUSES)), { minLength: 1, maxLength: 4 }),
  )
  .map(([outerPipes, rows]) => {
    const row = (cells: string[]): string => (outerPipes ? `| ${cells.join(" | ")} |` : cells.join(" | "));
    return [
      row(["Gate", "Status"]),
      row(["---", ":---:"]),
      ...rows.map(([name, status]) => row([name, status])),
    ];
  });

const taskList = fc.array(
  fc
    .tuple(fc.constantFrom("-", "*", "+", "1."), fc.constantFrom("[ ]", "[x]", "[X]"), proseLine)
    .map(([bullet, box, name]) => `${bullet} ${box} ${name}`),
  { minLength: 1, maxLength: 4 },
);

const FENCED = [
  START,
  END,
  "<!-- CI_SNAPSHOT_START -->",
  "- [ ] fenced task",
  "| Gate | Status |",
  "|---|---|",
  "| Fenced | PASS |",
];
const fence = fc
  .tuple(fc.constantFrom("```", "~~~", "```markdown"), fc.subarray(FENCED))
  .map(([open, lines]) => [open, ...lines, open.slice(0, 3)]);

const htmlComment = fc.constantFrom(
  ["<!-- a note for editors -->"],
  ["<!--", "- [ ] commented task", "", "| Gate | Status |", "|---|---|", "| Hidden | PASS |", "-->"],
);

const blank = fc.constant([""]);

const piece: fc.Arbitrary<readonly string[]> = fc.oneof(
  heading,
  paragraph,
  gateTable,
  taskList,
  fence,
  htmlComment,
  blank,
);

/** What the score block holds before the rewrite: nothing, a rendered section, gate-looking text, prose. */
function ownedContent(eol: Eol): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(""),
    fc
      .integer({ min: 0, max: 1000 })
      .map((n) => renderScoreSection({ readiness: fakeReadiness(n / 10), now: NOW, eol })),
    fc.constant(
      ["## Old score", "", "| Gate | Status |", "|---|---|", "| Ghost | PASS |", "- [x] ghost task", ""].join(
        eol,
      ),
    ),
    fc
      .array(
        proseLine.map((l) => l.replace(/\[/g, "(")),
        { maxLength: 4 },
      )
      .map((ls) => ls.map((l) => l + eol).join("")),
  );
}

interface GeneratedDoc {
  source: string;
  eol: Eol;
  bom: boolean;
}

function documentWith(block: "one" | "none"): fc.Arbitrary<GeneratedDoc> {
  return fc.constantFrom<Eol>("\n", "\r\n").chain((eol) =>
    fc
      .record({
        bom: fc.boolean(),
        finalNewline: fc.boolean(),
        frontMatter: fc.boolean(),
        title: fc.boolean(),
        pieces: fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 8 }),
        at: fc.nat(),
        content: ownedContent(eol),
        trailing: fc.array(fc.constantFrom("", "", "", " ", "  ", "\t"), { minLength: 16, maxLength: 16 }),
      })
      .map(({ bom, finalNewline, frontMatter, title, pieces, at, content, trailing }) => {
        // The block goes between pieces, never inside one (a fence, a comment, a table).
        const parts: (readonly string[])[] = title ? [["# Release checklist"]] : [];
        for (const [lines, blankAfter] of pieces) parts.push(blankAfter ? [...lines, ""] : lines);
        const space = (line: string, i: number): string => line + trailing[i % trailing.length]!;
        const chunks = parts.map((lines, i) => lines.map((line, j) => space(line, i + j)).join(eol));
        if (block === "one") {
          const contentLines = content === "" ? [] : [content.slice(0, -eol.length)];
          chunks.splice(
            at % (chunks.length + 1),
            0,
            [space(START, at), ...contentLines, space(END, at + 1)].join(eol),
          );
        }
        if (frontMatter) chunks.unshift(["---", "title: generated", "---"].join(eol));
        let text = chunks.join(eol);
        text = text.replace(/(?:\r?\n)+$/, "");
        if (finalNewline) text += eol;
        return { source: (bom ? "\uFEFF" : "") + text, eol, bom };
      }),
  );
}

function ownedRange(doc: GeneratedDoc, parsed: ParsedChecklist): { prefix: string; suffix: string } {
  assert.equal(parsed.errors.length, 0, JSON.stringify(parsed.errors));
  assert.deepEqual(
    parsed.markers.map((m) => m.name),
    ["READINESS_SCORE"],
    "the generated document has its one score block",
  );
  const offset = doc.bom ? 1 : 0;
  const { content } = parsed.markers[0]!;
  return {
    prefix: doc.source.slice(0, offset + content.start),
    suffix: doc.source.slice(offset + content.end),
  };
}

test("property: every byte outside the owned content is unchanged, whatever the replacement", () => {
  fc.assert(
    fc.property(documentWith("one"), fc.string({ unit: "binary", maxLength: 200 }), (doc, replacement) => {
      const parsed = parseChecklist(doc.source);
      assert.equal(parsed.eol, doc.eol);
      assert.equal(parsed.bom, doc.bom);
      const { prefix, suffix } = ownedRange(doc, parsed);
      const out = rewriteOwnedRanges(doc.source, parsed, [
        { target: { marker: "READINESS_SCORE" }, text: replacement },
      ]);
      assert.ok(out.startsWith(prefix), "prefix unchanged");
      assert.ok(out.endsWith(suffix), "suffix unchanged");
      assert.equal(out, prefix + replacement + suffix);
    }),
    RUNS,
  );
});

test("property: rewriting twice with the same content equals rewriting once", () => {
  const content = (eol: Eol): fc.Arbitrary<string> =>
    fc.oneof(
      fc
        .integer({ min: 0, max: 1000 })
        .map((n) => renderScoreSection({ readiness: fakeReadiness(n / 10), now: NOW, eol })),
      fc.array(proseLine, { maxLength: 5 }).map((ls) => ls.map((l) => l + eol).join("")),
    );
  fc.assert(
    fc.property(
      documentWith("one").chain((doc) => fc.tuple(fc.constant(doc), content(doc.eol))),
      ([doc, text]) => {
        const once = rewriteScore(doc.source, text);
        const twice = rewriteScore(once, text);
        assert.equal(twice, once);
      },
    ),
    RUNS,
  );
});

test("property: the gates are the same after the score section is rewritten", () => {
  fc.assert(
    fc.property(documentWith("one"), fc.integer({ min: 0, max: 1000 }), (doc, score) => {
      const parsed = parseChecklist(doc.source);
      ownedRange(doc, parsed);
      const out = rewriteScore(
        doc.source,
        section(parsed, fakeReadiness(score / 10, ["Core Gates", "Sign-Off"])),
      );
      const after = parseChecklist(out);
      assert.deepEqual(gateModel(after), gateModel(parsed));
      assert.deepEqual(
        after.markers.map((m) => m.name),
        ["READINESS_SCORE"],
      );
      assert.equal(after.errors.length, 0);
    }),
    RUNS,
  );
});

test("property: a missing score block is inserted without touching the rest, and a second run changes nothing", () => {
  fc.assert(
    fc.property(documentWith("none"), fc.integer({ min: 0, max: 1000 }), (doc, score) => {
      const parsed = parseChecklist(doc.source);
      assert.equal(parsed.markers.length, 0);
      const text = section(parsed, fakeReadiness(score / 10));
      const once = rewriteOwnedRanges(doc.source, parsed, [{ target: { marker: "READINESS_SCORE" }, text }]);
      const offset = doc.bom ? 1 : 0;
      assert.ok(
        once.startsWith(doc.source.slice(0, offset + parsed.insertAt)),
        "text above the insertion kept",
      );
      assert.ok(once.endsWith(doc.source.slice(offset + parsed.insertAt)), "text below the insertion kept");
      const after = parseChecklist(once);
      assert.equal(after.errors.length, 0);
      assert.equal(after.markers.length, 1);
      assert.equal(
        once.slice(offset).slice(after.markers[0]!.content.start, after.markers[0]!.content.end),
        text,
      );
      assert.deepEqual(gateModel(after), gateModel(parsed));
      assert.equal(rewriteScore(once, text), once, "second run");
    }),
    RUNS,
  );
});

const hostileName = fc
  .array(
    fc.oneof(
      anyText,
      fc.constantFrom(
        END,
        START,
        "<!-- CI_SNAPSHOT_END -->",
        "<!--",
        "-->",
        "|",
        "||",
        "`",
        "```",
        "~~~",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\\",
        "[x]",
        "- [ ] ",
        "# ",
        "<pre>",
        "&lt;",
      ),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(""));

test("property: hostile gate names in the score section cannot create or break markers", () => {
  fc.assert(
    fc.property(
      documentWith("one"),
      fc.array(hostileName, { minLength: 1, maxLength: 4 }),
      hostileName,
      (doc, blockers, categoryName) => {
        const parsed = parseChecklist(doc.source);
        const { prefix, suffix } = ownedRange(doc, parsed);
        const text = section(parsed, fakeReadiness(42, [categoryName, "Core Gates"], blockers));
        const out = rewriteScore(doc.source, text);
        assert.equal(out, prefix + text + suffix);
        const after = parseChecklist(out);
        assert.deepEqual(after.errors, []);
        assert.deepEqual(
          after.markers.map((m) => m.name),
          ["READINESS_SCORE"],
        );
        const offset = doc.bom ? 1 : 0;
        assert.equal(
          out.slice(offset).slice(after.markers[0]!.content.start, after.markers[0]!.content.end),
          text,
        );
        assert.deepEqual(gateModel(after), gateModel(parsed));
      },
    ),
    RUNS,
  );
});
