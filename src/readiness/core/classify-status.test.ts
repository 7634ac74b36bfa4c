import { test } from "node:test";
import assert from "node:assert/strict";
import type { Outcome } from "../../types.js";
import { classifyStatus, statusVocabulary } from "./classify-status.js";

// DESIGN.md section 4: the vocabulary every checklist may use.
const VOCABULARY: [string, Outcome][] = [
  ["PASS", "pass"],
  ["PASSED", "pass"],
  ["OK", "pass"],
  ["DONE", "pass"],
  ["GREEN", "pass"],
  ["🟢", "pass"],
  ["✅", "pass"],
  ["✔️", "pass"],
  [":white_check_mark:", "pass"],
  ["FAIL", "fail"],
  ["FAILED", "fail"],
  ["RED", "fail"],
  ["🔴", "fail"],
  ["❌", "fail"],
  ["PENDING", "pending"],
  ["TODO", "pending"],
  ["IN PROGRESS", "pending"],
  ["YELLOW", "pending"],
  ["🟡", "pending"],
  ["⏳", "pending"],
  ["WARN", "warn"],
  ["⚠️", "warn"],
  ["N/A", "n/a"],
  ["SKIP", "n/a"],
];

for (const [text, outcome] of VOCABULARY) {
  test(`"${text}" reads as ${outcome}, with nothing unknown or conflicting`, () => {
    assert.deepEqual(classifyStatus(text), { outcome });
  });
}

test("words are read in any case", () => {
  const titleCase = (w: string): string => w.toLowerCase().replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
  for (const [text, outcome] of VOCABULARY) {
    if (!/\p{L}/u.test(text) || text.startsWith(":")) continue;
    for (const variant of [text.toLowerCase(), titleCase(text), text.toUpperCase()]) {
      assert.deepEqual(classifyStatus(variant), { outcome }, variant);
    }
  }
  assert.deepEqual(classifyStatus("Passed"), { outcome: "pass" });
  assert.deepEqual(classifyStatus("In Progress"), { outcome: "pending" });
  assert.deepEqual(classifyStatus("n/A"), { outcome: "n/a" });
});

test("emoji read the same with and without a variation selector", () => {
  const pairs: [string, Outcome][] = [
    ["⚠", "warn"],
    ["✔", "pass"],
    ["☑", "pass"],
    ["⏭", "n/a"],
  ];
  for (const [bare, outcome] of pairs) {
    assert.deepEqual(classifyStatus(bare), { outcome }, `${bare} bare`);
    assert.deepEqual(classifyStatus(`${bare}\uFE0F`), { outcome }, `${bare} emoji presentation`);
    assert.deepEqual(classifyStatus(`${bare}\uFE0E`), { outcome }, `${bare} text presentation`);
  }
});

test("GitHub shortcodes read as the emoji they stand for", () => {
  const cases: [string, Outcome][] = [
    [":white_check_mark:", "pass"],
    [":heavy_check_mark:", "pass"],
    [":green_circle:", "pass"],
    [":x:", "fail"],
    [":red_circle:", "fail"],
    [":hourglass:", "pending"],
    [":hourglass_flowing_sand:", "pending"],
    [":warning:", "warn"],
  ];
  for (const [text, outcome] of cases) assert.deepEqual(classifyStatus(text), { outcome }, text);
});

test("a status followed by a note reads as the status", () => {
  const cases: [string, Outcome][] = [
    ["PASS (3 retries)", "pass"],
    ["FAIL - flaky on arm64", "fail"],
    ["pending: waiting on infra", "pending"],
    ["Done.", "pass"],
    ["WARN, p99 above budget", "warn"],
    ["🟢 PASS", "pass"],
    ["✅ Done", "pass"],
    ["🟡 PENDING", "pending"],
    ["**FAIL**", "fail"],
    ["`PASS`", "pass"],
    ["  in   progress  ", "pending"],
  ];
  for (const [text, outcome] of cases) assert.deepEqual(classifyStatus(text), { outcome }, text);
});

test("words that merely start like a status are unknown, not guessed", () => {
  for (const text of ["PASSPORT", "Failsafe", "Okayish", "TODOS", "Redacted", "Skipper", "Donetsk"]) {
    assert.deepEqual(classifyStatus(text), { outcome: null, unknown: text.toLowerCase() }, text);
  }
});

test("unknown words are reported as written (lower-cased), not guessed", () => {
  assert.deepEqual(classifyStatus("DEFERRED"), { outcome: null, unknown: "deferred" });
  assert.deepEqual(classifyStatus("Needs review"), { outcome: null, unknown: "needs review" });
  assert.deepEqual(classifyStatus("shipped?"), { outcome: null, unknown: "shipped?" });
});

test("blocked, paused and on hold are statuses: a blocked gate fails, a paused one is pending", () => {
  assert.deepEqual(classifyStatus("BLOCKED"), { outcome: "fail" });
  assert.deepEqual(classifyStatus("Paused"), { outcome: "pending" });
  assert.deepEqual(classifyStatus("on hold"), { outcome: "pending" });
});

test("GitHub shortcodes and ballot glyphs read as statuses; a crossed box is never a pass", () => {
  const cases: [string, string][] = [
    [":heavy_check_mark:", "pass"],
    [":no_entry:", "fail"],
    [":hourglass_flowing_sand:", "pending"],
    [":pause_button:", "pending"],
    ["☐", "pending"],
    ["☑", "pass"],
    ["☒", "fail"],
    ["✓", "pass"],
    ["✗", "fail"],
    ["—", "n/a"],
  ];
  for (const [text, outcome] of cases) assert.equal(classifyStatus(text).outcome, outcome, text);
});

test("a team's own words join the vocabulary; a dash means n/a only on its own", () => {
  const vocabulary = statusVocabulary({ pass: ["Shipped"], fail: ["Broken build"] });
  assert.deepEqual(classifyStatus("shipped", vocabulary), { outcome: "pass" });
  assert.deepEqual(classifyStatus("BROKEN BUILD (main)", vocabulary), { outcome: "fail" });
  assert.equal(classifyStatus("shipped").outcome, null);
  assert.equal(classifyStatus("- see notes").outcome, null);
});

test("an empty status reads as nothing and reports nothing unknown", () => {
  assert.deepEqual(classifyStatus(""), { outcome: null });
  assert.deepEqual(classifyStatus("   "), { outcome: null });
});

test("an emoji decides even when the words next to it are unknown", () => {
  assert.deepEqual(classifyStatus("✅ shipped"), { outcome: "pass" });
  assert.deepEqual(classifyStatus("🔴 blocked by infra"), { outcome: "fail" });
});

test("a status that says two things takes the worse outcome and says so", () => {
  const cases: [string, Outcome, Outcome[]][] = [
    ["🟢 FAIL", "fail", ["fail", "pass"]],
    ["🔴 PASS", "fail", ["fail", "pass"]],
    ["✅ PENDING", "pending", ["pending", "pass"]],
    ["🟡 PASS", "pending", ["pending", "pass"]],
    ["⚠️ FAIL", "fail", ["fail", "warn"]],
    ["✅ WARN", "warn", ["warn", "pass"]],
    ["❌ ⏳", "fail", ["fail", "pending"]],
  ];
  for (const [text, outcome, conflict] of cases) {
    assert.deepEqual(classifyStatus(text), { outcome, conflict }, text);
  }
});

test("an emoji and a word that agree are no conflict", () => {
  for (const text of ["✅ PASS", "🟢 OK", "🔴 FAILED", "⚠️ WARN", "⏳ in progress"]) {
    assert.equal(classifyStatus(text).conflict, undefined, text);
  }
});

test("WAIVED is flagged for a waiver in config instead of being read as a pass", () => {
  assert.deepEqual(classifyStatus("WAIVED"), { outcome: null, waiverWord: true });
  assert.deepEqual(classifyStatus("waived (until 2025-06-01)"), { outcome: null, waiverWord: true });
});
