import assert from "node:assert/strict";
import { test } from "node:test";
import pc from "picocolors";
import stringWidth from "string-width";
import { renderEvidenceProgress, type EvidenceProgressState } from "./render-evidence-progress.js";

const plain = pc.createColors(false);
const coloured = pc.createColors(true);
const state = (over: Partial<EvidenceProgressState> = {}): EvidenceProgressState => ({
  done: 3,
  total: 12,
  waitingFor: "Unit tests (github-actions)",
  frame: 0,
  ...over,
});

test("shows the spinner, the counts and what is waited for", () => {
  assert.equal(
    renderEvidenceProgress(state(), { width: 80, colors: plain }),
    "⠋ collecting evidence 3/12 · Unit tests (github-actions)",
  );
  assert.equal(renderEvidenceProgress(state({ frame: 1 }), { width: 80, colors: plain })[0], "⠙");
  assert.equal(renderEvidenceProgress(state({ frame: 23 }), { width: 80, colors: plain })[0], "⠸");
  assert.equal(
    renderEvidenceProgress(state({ done: 12, waitingFor: null }), { width: 80, colors: plain }),
    "⠋ collecting evidence 12/12",
  );
});

test("never reaches the last column: the label gives way first, cut on whole characters", () => {
  for (let width = 1; width <= 70; width++) {
    const line = renderEvidenceProgress(
      state({ waitingFor: "tests für 日本語 und emoji 🧪🧪🧪 (command)" }),
      {
        width,
        colors: plain,
      },
    );
    assert.ok(stringWidth(line) <= width - 1, `width ${width}: ${JSON.stringify(line)}`);
    assert.ok(!line.includes("\uFFFD"));
  }
  assert.equal(
    renderEvidenceProgress(state(), { width: 40, colors: plain }),
    "⠋ collecting evidence 3/12 · Unit test…",
  );
  // Too narrow for the words: the counts stay.
  assert.equal(renderEvidenceProgress(state(), { width: 12, colors: plain }), "⠋ 3/12");
  assert.equal(renderEvidenceProgress(state(), { width: 28, colors: plain }), "⠋ collecting evidence 3/12");
});

test("a wide character is not split at the cut", () => {
  const line = renderEvidenceProgress(state({ waitingFor: "日本語日本語日本語" }), {
    width: 36,
    colors: plain,
  });
  assert.equal(line, "⠋ collecting evidence 3/12 · 日本…");
  assert.equal(stringWidth(line), 34);
});

test("control characters in a label are shown, not obeyed", () => {
  const line = renderEvidenceProgress(state({ waitingFor: "evil\u001b]0;owned\u0007\r\n\tname (command)" }), {
    width: 120,
    colors: plain,
  });
  assert.equal(line, "⠋ collecting evidence 3/12 · evil\\x1b]0;owned\\x07\\x0d\\x0a name (command)");
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  assert.doesNotMatch(line, /[\u0000-\u001f]/);
});

test("colours only when asked, and the width counts only what is visible", () => {
  const line = renderEvidenceProgress(state(), { width: 40, colors: coloured });
  assert.ok(line.startsWith("\u001b[36m⠋\u001b[39m"), JSON.stringify(line));
  assert.equal(stringWidth(line), stringWidth("⠋ collecting evidence 3/12 · Unit test…"));
  // eslint-disable-next-line no-control-regex -- looking for escape codes is the point
  assert.doesNotMatch(renderEvidenceProgress(state(), { width: 40, colors: plain }), /\u001b/);
});
