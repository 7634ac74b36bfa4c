import assert from "node:assert/strict";
import { test } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DEFAULT_BANDS } from "../../config/defaults.js";
import type { Band } from "../../readiness/types.js";
import { chooseBadgeColor } from "./choose-badge-color.js";
import { measureVerdana } from "./measure-verdana.js";
import { renderBadge } from "./render-badge.js";

const bands: Band[] = DEFAULT_BANDS.map((band) => ({ ...band }));
const band = (name: string): Band => bands.find((b) => b.name === name)!;

interface Parsed {
  svg: {
    "@_width": string;
    "@_aria-label": string;
    "@_role": string;
    title: string;
    g: { rect?: { "@_width": string; "@_x"?: string; "@_fill": string }[]; text?: TextNode[] }[];
  };
}
interface TextNode {
  "#text": string;
  "@_textLength": string;
  "@_fill": string;
}

function parse(svg: string): Parsed {
  assert.equal(XMLValidator.validate(svg), true, svg);
  return new XMLParser({
    ignoreAttributes: false,
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    isArray: (name) => name === "rect" || name === "text" || name === "g",
  }).parse(svg) as Parsed;
}

function parts(svg: string) {
  const doc = parse(svg).svg;
  const rects = doc.g.find((g) => g.rect)!.rect!;
  const texts = doc.g.find((g) => g.text)!.text!;
  return {
    width: Number(doc["@_width"]),
    left: Number(rects[0]!["@_width"]),
    right: Number(rects[1]!["@_width"]),
    color: rects[1]!["@_fill"],
    texts: texts.map((t) => t["#text"]),
    title: doc.title,
    aria: doc["@_aria-label"],
    role: doc["@_role"],
    textFill: texts.map((t) => t["@_fill"]),
  };
}

test("each default band has its colour: two greens, yellow, orange, red", () => {
  const expected: [string, number, string][] = [
    ["Release Ready", 97, "#4c1"],
    ["Nearly Ready", 92.5, "#97ca00"],
    ["Minor Blockers", 87, "#dfb317"],
    ["In Progress", 77.9, "#fe7d37"],
    ["Not Ready", 12, "#e05d44"],
  ];
  for (const [name, score, color] of expected) {
    const badge = parts(renderBadge({ label: "readiness", score, band: band(name), bands }));
    assert.equal(badge.color, color, name);
  }
});

test("the badge reads label | score, with the band said in the title and aria-label", () => {
  const badge = parts(renderBadge({ label: "readiness", score: 92.5, band: band("Nearly Ready"), bands }));
  assert.deepEqual(badge.texts, ["readiness", "readiness", "92.5%", "92.5%"]);
  assert.equal(badge.title, "readiness: 92.5%, Nearly Ready");
  assert.equal(badge.aria, "readiness: 92.5%, Nearly Ready");
  assert.equal(badge.role, "img");
  assert.equal(badge.width, badge.left + badge.right);
});

test("a band's own colour wins; other bands are coloured by their place, highest green to lowest red", () => {
  const custom: Band[] = [
    { name: "Ship it", min: 80, emoji: "" },
    { name: "Close", min: 60, emoji: "", color: "blue" },
    { name: "Far", min: 0, emoji: "", color: "#ABCDEF" },
  ];
  assert.equal(chooseBadgeColor(custom[0]!, custom), "#4c1");
  assert.equal(chooseBadgeColor(custom[1]!, custom), "#007ec6");
  assert.equal(chooseBadgeColor(custom[2]!, custom), "#abcdef");
  const plain: Band[] = ["A", "B", "C", "D", "E"].map((name, i) => ({ name, min: 80 - i * 20, emoji: "" }));
  assert.deepEqual(
    plain.map((b) => chooseBadgeColor(b, plain)),
    ["#4c1", "#97ca00", "#dfb317", "#fe7d37", "#e05d44"],
  );
  const two: Band[] = [
    { name: "Go", min: 50, emoji: "" },
    { name: "Stop", min: 0, emoji: "" },
  ];
  assert.deepEqual(
    two.map((b) => chooseBadgeColor(b, two)),
    ["#4c1", "#e05d44"],
  );
  // A default band's name keeps its colour wherever its min is, emoji and case aside.
  assert.equal(chooseBadgeColor({ name: "🟢 release ready", min: 10, emoji: "" }, two), "#4c1");
});

test("text on a light colour is dark, on a dark colour white", () => {
  const light: Band = { name: "Pale", min: 0, emoji: "", color: "#ffffcc" };
  const dark: Band = { name: "Deep", min: 0, emoji: "", color: "#123456" };
  const on = (b: Band) => parts(renderBadge({ label: "x", score: 50, band: b, bands: [b] })).textFill;
  assert.deepEqual(on(light).slice(2), ["#ccc", "#333"]);
  assert.deepEqual(on(dark).slice(2), ["#010101", "#fff"]);
  // The grey label is white in every case.
  assert.deepEqual(on(light).slice(0, 2), ["#010101", "#fff"]);
});

test("a hostile label is escaped and reads back as written", () => {
  const label = `<script>alert("x")</script> & 'co'`;
  const svg = renderBadge({ label, score: 50, band: band("Not Ready"), bands });
  assert.doesNotMatch(svg, /<script/);
  assert.match(svg, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &apos;co&apos;/);
  const badge = parts(svg);
  assert.equal(badge.texts[0], label);
  assert.equal(badge.title, `${label}: 50%, Not Ready`);
  assert.equal(badge.aria, `${label}: 50%, Not Ready`);
});

test("control characters and lone surrogates never reach the XML; a band name is escaped too", () => {
  const svg = renderBadge({
    label: "ready\u0000\u001b[31m\nnow\ud800",
    score: 50,
    band: { name: "R&D <beta>", min: 0, emoji: "" },
    bands: [{ name: "R&D <beta>", min: 0, emoji: "" }],
  });
  const badge = parts(svg);
  assert.equal(badge.texts[0], "ready [31m now\ufffd");
  assert.equal(badge.title, "ready [31m now\ufffd: 50%, R&D <beta>");
});

test("widths grow with the text, are odd, and fit the measured text", () => {
  const at = (label: string, score = 50) =>
    parts(renderBadge({ label, score, band: band("Not Ready"), bands }));
  const short = at("ok");
  const long = at("release readiness");
  assert.ok(long.left > short.left);
  assert.equal(short.right, long.right);
  assert.ok(at("x", 100).right > at("x", 5).right);
  for (const label of ["ok", "release readiness", "WWWWWW", "iiiiii", "préparé", "出荷準備", "🚀 ship"]) {
    const badge = at(label);
    assert.ok(badge.left - 10 >= measureVerdana(label), label);
    assert.equal((badge.left - 10) % 2, 1, label);
  }
  assert.ok(at("WWWWWW").left > at("iiiiii").left);
  assert.equal(measureVerdana("é"), measureVerdana("e"));
  assert.equal(measureVerdana("readiness"), 52.8);
});

test("the same input gives the same bytes, ending in one newline", () => {
  const input = { label: "readiness", score: 92.5, band: band("Nearly Ready"), bands };
  const first = renderBadge(input);
  assert.equal(renderBadge({ ...input, bands: bands.map((b) => ({ ...b })) }), first);
  assert.ok(first.endsWith("</svg>\n"));
  assert.ok(first.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
});
