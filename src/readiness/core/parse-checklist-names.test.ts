// A gate's name is the text a reader sees (specs/checklist-shapes.md, "Names"): wrapping any part of
// it (whole words or part of a word) in inline HTML, a link or emphasis, or adding an <img>, changes
// neither which gates there are nor what they say, and leaves the name the words a reader sees.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { parseChecklist } from "./parse-checklist.js";

type WrittenOutcome = "pass" | "fail" | "pending" | "warn" | "n/a" | "inconclusive" | null;

interface ParsedGate {
  name: string;
  form: string;
  writtenOutcome: WrittenOutcome;
}

// Words that are no status, decision word, label or shortcode in any language the contract reads.
const WORDS = [
  "alpha",
  "bravo",
  "harbor",
  "lantern",
  "meadow",
  "orbit",
  "pixel",
  "quartz",
  "river",
  "summit",
  "timber",
  "velvet",
  "willow",
  "zephyr",
  "copper",
  "ember",
  "fjord",
  "glacier",
  "juniper",
  "kestrel",
];

const STATUSES: [string, WrittenOutcome][] = [
  ["PASS", "pass"],
  ["DONE", "pass"],
  ["✅", "pass"],
  ["🟢 PASS", "pass"],
  ["FAIL", "fail"],
  ["BLOCKED", "fail"],
  ["❌", "fail"],
  ["PENDING", "pending"],
  ["IN PROGRESS", "pending"],
  ["🟡", "pending"],
  ["⏳", "pending"],
  ["WARN", "warn"],
  ["⚠️", "warn"],
  ["N/A", "n/a"],
  ["-", "n/a"],
];

type Wrap = "b" | "span" | "link" | "em" | "strong" | "underscore";
const WRAPS: Record<Wrap, [string, string]> = {
  b: ["<b>", "</b>"],
  span: ['<span class="x">', "</span>"],
  link: ["[", "](https://example.com)"],
  em: ["*", "*"],
  strong: ["**", "**"],
  underscore: ["_", "_"],
};
const EMPHASIS = new Set<Wrap>(["em", "strong", "underscore"]);
const IMG = "<img src=x onerror=alert(1)>";

/**
 * How one name is decorated. The name's words may have one of them cut in two (a part of a word
 * wrapped, `Web<b>Socket</b>`); wraps then cover whole pieces. Up to two nested wraps, and perhaps an <img>.
 */
interface Decoration {
  /** [word index, cut position inside the word], or null: no word is cut. */
  cut: [number, number] | null;
  /** Outer first; each range [from, to) of piece indexes lies inside the one before. */
  wraps: { kind: Wrap; from: number; to: number }[];
  /** Insert the image before this piece (the piece count: after the last). */
  img: number | null;
}

interface Gate {
  words: string[];
  /** For a table row, the status cell; for a task item, whether the box is ticked. */
  status: [string, WrittenOutcome] | boolean;
  decoration: Decoration;
}

interface Section {
  heading: string[];
  rows: Gate[];
  tasks: Gate[];
}

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 });

/** The pieces a name is decorated by, and whether each piece is glued to the next (a cut word). */
function piecesOf(words: string[], cut: [number, number] | null): { pieces: string[]; glued: boolean[] } {
  const pieces: string[] = [];
  const glued: boolean[] = [];
  words.forEach((w, i) => {
    if (cut && cut[0] === i) {
      pieces.push(w.slice(0, cut[1]), w.slice(cut[1]));
      glued.push(true, false);
    } else {
      pieces.push(w);
      glued.push(false);
    }
  });
  return { pieces, glued };
}

const range = (n: number, within: [number, number]): fc.Arbitrary<[number, number]> =>
  fc
    .tuple(fc.integer({ min: within[0], max: within[1] - 1 }), fc.integer({ min: 1, max: n }))
    .map(([from, len]) => [from, Math.min(within[1], from + len)] as [number, number]);

function wrapsAndImage(n: number, inWord: boolean): fc.Arbitrary<Omit<Decoration, "cut">> {
  // `_` is no emphasis inside a word; `*` is.
  const all = (Object.keys(WRAPS) as Wrap[]).filter((k) => !(inWord && k === "underscore"));
  const outer = fc.option(fc.tuple(fc.constantFrom(...all), range(n, [0, n])), { nil: null });
  return fc.tuple(outer, fc.option(fc.integer({ min: 0, max: n }), { nil: null })).chain(([first, img]) => {
    if (first === null) return fc.constant({ wraps: [], img });
    const [kind1, [from, to]] = first;
    // A second wrap of another kind inside the first; at most one of them emphasis, so no
    // delimiter run can pair with another one's, and no link inside a link. Inside a word, emphasis
    // must touch the letters (`**<b>alph</b>**a` is no emphasis in CommonMark), so it is the inner wrap.
    const kinds =
      inWord && EMPHASIS.has(kind1)
        ? []
        : all.filter((k) => k !== kind1 && !(EMPHASIS.has(k) && EMPHASIS.has(kind1)));
    if (kinds.length === 0) return fc.constant({ wraps: [{ kind: kind1, from, to }], img });
    const inner = fc.option(fc.tuple(fc.constantFrom(...kinds), range(n, [from, to])), { nil: null });
    return inner.map((second) => ({
      wraps: [
        { kind: kind1, from, to },
        ...(second ? [{ kind: second[0], from: second[1][0], to: second[1][1] }] : []),
      ],
      img,
    }));
  });
}

function decoration(w: string[]): fc.Arbitrary<Decoration> {
  const cut = fc.option(
    fc
      .integer({ min: 0, max: w.length - 1 })
      .chain((i) => fc.integer({ min: 1, max: w[i]!.length - 1 }).map((at) => [i, at] as [number, number])),
    { nil: null },
  );
  return cut.chain((c) =>
    wrapsAndImage(piecesOf(w, c).pieces.length, c !== null).map((rest) => ({ cut: c, ...rest })),
  );
}

const gate = (status: fc.Arbitrary<[string, WrittenOutcome] | boolean>): fc.Arbitrary<Gate> =>
  words.chain((w) => fc.record({ words: fc.constant(w), status, decoration: decoration(w) }));

const section: fc.Arbitrary<Section> = fc.record({
  heading: words,
  rows: fc.array(gate(fc.constantFrom(...STATUSES)), { maxLength: 5 }),
  tasks: fc.array(gate(fc.boolean()), { maxLength: 5 }),
});

const checklist = fc
  .array(section, { minLength: 1, maxLength: 3 })
  .filter((sections) => sections.some((s) => s.rows.length + s.tasks.length > 0));

const plainName = (g: Gate): string => g.words.join(" ");

function decoratedName(g: Gate): string {
  const { pieces, glued } = piecesOf(g.words, g.decoration.cut);
  const open = pieces.map(() => "");
  const close = pieces.map(() => "");
  for (const { kind, from, to } of g.decoration.wraps) {
    const [o, c] = WRAPS[kind];
    open[from] += o;
    close[to - 1] = c + close[to - 1]!;
  }
  const parts = pieces.map((p, i) => `${open[i]}${p}${close[i]}`);
  const gaps = glued.map((g) => (g ? "" : " "));
  const img = g.decoration.img;
  if (img !== null) {
    // Inside a cut word the image sits between its halves; elsewhere it stands apart, like a word.
    const gap = img > 0 && img < pieces.length && glued[img - 1] ? "" : " ";
    parts.splice(img, 0, IMG);
    gaps.splice(img, 0, gap);
    if (img > 0) gaps[img - 1] = gap;
  }
  return parts.map((p, i) => (i < parts.length - 1 ? p + gaps[i] : p)).join("");
}

function render(sections: Section[], name: (g: Gate) => string): string {
  const out = ["# Generated release checklist", ""];
  for (const s of sections) {
    out.push(`## ${s.heading.join(" ")}`, "");
    if (s.rows.length > 0) {
      out.push("| Gate | Status |", "|------|--------|");
      for (const row of s.rows) out.push(`| ${name(row)} | ${(row.status as [string, WrittenOutcome])[0]} |`);
      out.push("");
    }
    for (const task of s.tasks) out.push(`- [${task.status ? "x" : " "}] ${name(task)}`);
    if (s.tasks.length > 0) out.push("");
  }
  return out.join("\n");
}

function expectedGates(sections: Section[]): { name: string; outcome: WrittenOutcome }[] {
  return sections.flatMap((s) => [
    ...s.rows.map((r) => ({ name: plainName(r), outcome: (r.status as [string, WrittenOutcome])[1] })),
    ...s.tasks.map((t) => ({
      name: plainName(t),
      outcome: (t.status ? "pass" : "pending") as WrittenOutcome,
    })),
  ]);
}

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** The text an independent CommonMark + GFM reader shows for an inline: HTML dropped, spaces folded. */
function readerText(inline: string): string {
  const root = fromMarkdown(`Name: ${inline}`, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  }) as unknown as MdNode;
  const text = (node: MdNode): string =>
    node.type === "html"
      ? ""
      : node.type === "text" || node.type === "inlineCode"
        ? (node.value ?? "")
        : (node.children ?? []).map(text).join("");
  return text(root)
    .replace(/^Name: /, "")
    .replace(/\s+/g, " ")
    .trim();
}

const gatesOf = (text: string): ParsedGate[] =>
  (parseChecklist(text) as unknown as { gates: ParsedGate[] }).gates;

test("the generator's decorations read, to an independent markdown reader, as the plain name", () => {
  fc.assert(
    fc.property(checklist, (sections) => {
      for (const g of sections.flatMap((s) => [...s.rows, ...s.tasks])) {
        assert.equal(readerText(decoratedName(g)), plainName(g), decoratedName(g));
      }
    }),
  );
});

test("a generated checklist gives one gate per table row and per task item, with the written outcome", () => {
  fc.assert(
    fc.property(checklist, (sections) => {
      const gates = gatesOf(render(sections, plainName));
      assert.deepEqual(
        gates.map((g) => ({ name: g.name, outcome: g.writtenOutcome })),
        expectedGates(sections),
      );
    }),
  );
});

test("inline HTML, a link, emphasis or an <img> in gate names changes no gate count or outcome", () => {
  fc.assert(
    fc.property(checklist, (sections) => {
      const plain = gatesOf(render(sections, plainName));
      const decorated = gatesOf(render(sections, decoratedName));
      assert.equal(decorated.length, plain.length, "the number of gates");
      assert.deepEqual(
        decorated.map((g) => [g.form, g.writtenOutcome]),
        plain.map((g) => [g.form, g.writtenOutcome]),
        "forms and outcomes",
      );
      for (const g of decorated) assert.notEqual(g.name.trim(), "", "a gate name is never empty");
    }),
  );
});

test("a decorated gate name reads as the words a reader sees", () => {
  fc.assert(
    fc.property(checklist, (sections) => {
      const decorated = gatesOf(render(sections, decoratedName));
      assert.deepEqual(
        decorated.map((g) => g.name),
        expectedGates(sections).map((g) => g.name),
      );
    }),
  );
});
