import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  replaceStrategyStatus,
  STRATEGY_STATUS_END,
  STRATEGY_STATUS_START,
} from "./replace-strategy-status.js";

const RUNS = { numRuns: 200 };

function textOf(result: ReturnType<typeof replaceStrategyStatus>): string {
  assert.ok("text" in result, "problem" in result ? result.problem : "");
  return result.text;
}

test("the section goes between the markers; everything else stays byte for byte", () => {
  const doc = `# Plan\n\n## Release Status\n${STRATEGY_STATUS_START}\nold ✅ claims\n${STRATEGY_STATUS_END}\n\n## Next\n`;
  assert.equal(
    textOf(replaceStrategyStatus(doc, "### Release Strategy\n- ⬜ Release Stage: never run\n")),
    `# Plan\n\n## Release Status\n${STRATEGY_STATUS_START}\n### Release Strategy\n- ⬜ Release Stage: never run\n${STRATEGY_STATUS_END}\n\n## Next\n`,
  );
});

test("a BOM, CRLF line endings and a last line without a break survive; the section takes the document's line ending", () => {
  const doc = `\uFEFFa  \r\n${STRATEGY_STATUS_START}\r\n${STRATEGY_STATUS_END}`;
  assert.equal(
    textOf(replaceStrategyStatus(doc, "x\ny")),
    `\uFEFFa  \r\n${STRATEGY_STATUS_START}\r\nx\r\ny\r\n${STRATEGY_STATUS_END}`,
  );
});

test("markers in a code fence or inline do not count; missing, doubled or swapped markers are problems", () => {
  const fenced = `\`\`\`\n${STRATEGY_STATUS_START}\n${STRATEGY_STATUS_END}\n\`\`\`\nsee \`${STRATEGY_STATUS_START}\`\n`;
  assert.match(
    (replaceStrategyStatus(fenced, "x") as { problem: string }).problem,
    /^has no <!-- STRATEGY_STATUS_START -->/,
  );
  const doubled = `${STRATEGY_STATUS_START}\n\n${STRATEGY_STATUS_START}\n\n${STRATEGY_STATUS_END}\n`;
  assert.deepEqual(replaceStrategyStatus(doubled, "x"), {
    problem:
      "the STRATEGY_STATUS markers appear more than once (lines 1, 3, 5); keep exactly one <!-- STRATEGY_STATUS_START --> and one <!-- STRATEGY_STATUS_END -->",
    line: 3,
  });
  const swapped = `${STRATEGY_STATUS_END}\n\n${STRATEGY_STATUS_START}\n`;
  assert.deepEqual(replaceStrategyStatus(swapped, "x"), {
    problem:
      "<!-- STRATEGY_STATUS_END --> at line 1 comes before <!-- STRATEGY_STATUS_START --> at line 3; swap them",
    line: 1,
  });
});

test("property: bytes outside the markers are kept, and writing the same section again changes nothing", () => {
  const line = fc.string({ unit: fc.constantFrom("a", " ", "#", "-", "é", "✅", "`", "<", ">") });
  // An unclosed code fence between the markers would hide the end marker: that is a problem reported, not a rewrite.
  const inner = fc.string({ unit: fc.constantFrom("a", " ", "#", "-", "é", "✅", "<", ">") });
  fc.assert(
    fc.property(
      fc.array(line, { maxLength: 5 }),
      fc.array(inner, { maxLength: 5 }),
      fc.array(line, { maxLength: 5 }),
      fc.constantFrom("\n", "\r\n"),
      fc.string({ unit: fc.constantFrom("a", " ", "\n", "-", "#", "✅", "⬜") }),
      (before, inside, after, eol, section) => {
        // Blank lines around the markers, so no text around them joins their HTML block.
        const head = before.map((l) => `x${l}`).join(eol);
        const tail = after.map((l) => `y${l}`).join(eol);
        const doc = `${head}${eol}${eol}${STRATEGY_STATUS_START}${eol}${inside.join(eol)}${eol}${STRATEGY_STATUS_END}${eol}${eol}${tail}`;
        const once = textOf(replaceStrategyStatus(doc, section));
        const twice = textOf(replaceStrategyStatus(once, section));
        const startAt = once.indexOf(STRATEGY_STATUS_START);
        const endAt = once.lastIndexOf(STRATEGY_STATUS_END);
        return (
          twice === once &&
          once.slice(0, startAt) === doc.slice(0, doc.indexOf(STRATEGY_STATUS_START)) &&
          once.slice(endAt) === doc.slice(doc.lastIndexOf(STRATEGY_STATUS_END))
        );
      },
    ),
    RUNS,
  );
});
