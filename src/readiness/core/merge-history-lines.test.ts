import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { mergeHistoryLines } from "./merge-history-lines.js";

const A = '{"v":1,"at":"2026-12-01T09:00:00Z"}';
const B = '{"v":1,"at":"2026-12-02T09:00:00Z"}';
const C = '{"v":1,"at":"2026-12-03T09:00:00Z"}';

test("both sides' new lines are kept: theirs as they are, then this run's", () => {
  const base = `${A}\n`;
  assert.equal(
    mergeHistoryLines({ base, mine: `${A}\n${C}\n`, theirs: `${A}\n${B}\n` }),
    `${A}\n${B}\n${C}\n`,
  );
});

test("a record both sides appended is written once", () => {
  const base = `${A}\n`;
  assert.equal(mergeHistoryLines({ base, mine: `${A}\n${B}\n`, theirs: `${A}\n${B}\n` }), `${A}\n${B}\n`);
  assert.equal(
    mergeHistoryLines({ base, mine: `${A}\n${B}\n${C}\n`, theirs: `${A}\n${C}\n${B}\n` }),
    `${A}\n${C}\n${B}\n`,
  );
});

test("a file created on both sides, a CRLF file and a missing last newline merge cleanly", () => {
  assert.equal(mergeHistoryLines({ base: "", mine: `${A}\n`, theirs: `${B}\n` }), `${B}\n${A}\n`);
  assert.equal(
    mergeHistoryLines({ base: `${A}\r\n`, mine: `${A}\r\n${C}\r\n`, theirs: `${A}\r\n${B}\r\n` }),
    `${A}\r\n${B}\r\n${C}\r\n`,
  );
  assert.equal(
    mergeHistoryLines({ base: A, mine: `${A}\n${C}\n`, theirs: `${A}\n${B}` }),
    `${A}\n${B}\n${C}\n`,
  );
});

test("a line this run did not add is never brought back, and nothing is doubled", () => {
  const line = fc.constantFrom<string>(A, B, C, "x", "y");
  fc.assert(
    fc.property(fc.array(line), fc.array(line), fc.array(line), (base, mineAdded, theirsAdded) => {
      const text = (lines: string[]) => lines.map((l) => `${l}\n`).join("");
      const theirs = text([...base, ...theirsAdded]);
      const merged = mergeHistoryLines({ base: text(base), mine: text([...base, ...mineAdded]), theirs });
      assert.ok(merged.startsWith(theirs), "theirs is kept as it is");
      const tail = merged.slice(theirs.length).split("\n").filter(Boolean);
      assert.equal(new Set(tail).size, tail.length, "no added line twice");
      for (const added of tail) {
        assert.ok(mineAdded.includes(added) && !base.includes(added) && !theirsAdded.includes(added));
      }
      for (const added of mineAdded) assert.ok(merged.split("\n").includes(added), "every new line is there");
    }),
  );
});
