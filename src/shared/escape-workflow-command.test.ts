import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  escapeCommandData,
  escapeCommandProperty,
  renderWorkflowCommand,
} from "./escape-workflow-command.js";

test("data escapes %, CR and LF; a property also : and ,", () => {
  assert.equal(escapeCommandData("50% a\r\nb::c,d"), "50%25 a%0D%0Ab::c,d");
  assert.equal(escapeCommandProperty("50% a\r\nb::c,d"), "50%25 a%0D%0Ab%3A%3Ac%2Cd");
  assert.equal(escapeCommandData("%0A"), "%250A", "an escape sequence in the text stays text");
});

test("a command is one line whose properties end at the first :: whatever the text", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (title, message) => {
      const line = renderWorkflowCommand("error", { file: "a.md", line: 3, title }, message);
      assert.ok(line.endsWith("\n"));
      assert.ok(!line.slice(0, -1).includes("\n") && !line.includes("\r"));
      const propsEnd = line.indexOf("::", 2);
      assert.equal(line.slice(2, propsEnd).split(",").length, 3);
    }),
  );
  assert.equal(renderWorkflowCommand("notice", {}, "hi"), "::notice::hi\n");
  assert.equal(
    renderWorkflowCommand("warning", { line: undefined, file: "x" }, "m"),
    "::warning file=x::m\n",
  );
});
