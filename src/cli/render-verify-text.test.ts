import assert from "node:assert/strict";
import { test } from "node:test";
import pc from "picocolors";
import type { VerifyResult } from "../deploy/ports.js";
import { renderSampleLine, renderVerifyText } from "./render-verify-text.js";
import { showVerifyProgress } from "./show-verify-progress.js";

const c = pc.createColors(false);
const judgement = { max: 0.01, share: 1 };

test("one line per sample: time, metric, count, value and what it means", () => {
  const at = new Date(2026, 0, 1, 12, 0, 5).toISOString();
  const position = { taken: 3, expected: 30, nameWidth: 11 };
  assert.equal(
    renderSampleLine({ name: "error_ratio", judgement }, { at, value: 0.0012 }, position, c),
    "12:00:05  error_ratio     3/30    0.0012  ok",
  );
  assert.equal(
    renderSampleLine({ name: "error_ratio", judgement }, { at, value: 0.083 }, position, c),
    "12:00:05  error_ratio     3/30     0.083  over max 0.01",
  );
  assert.equal(
    renderSampleLine(
      { name: "health", judgement: { min: 1, share: 1 } },
      { at, value: 0, note: "answered 500" },
      position,
      c,
    ),
    "12:00:05  health          3/30         0  under min 1 (answered 500)",
  );
  const noData = renderSampleLine(
    { name: "error_ratio", judgement },
    { at, value: null, note: "unreachable\u001b[2J" },
    position,
    c,
  );
  assert.equal(noData, "12:00:05  error_ratio     3/30         -  no data (unreachable\\x1b[2J)");
});

test("the progress printer counts each metric's samples, and prints nothing with --json", () => {
  const lines: string[] = [];
  const out = { write: (text: string) => lines.push(text) };
  const onSample = showVerifyProgress([{ name: "a", judgement, expected: 2 }], { out, colors: c });
  onSample("a", { at: new Date().toISOString(), value: 0 });
  onSample("a", { at: new Date().toISOString(), value: 0 });
  onSample("unknown", { at: new Date().toISOString(), value: 0 });
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /^\S+ {2}a\s+2\/2\s+0 {2}ok\n$/);
  const quiet: string[] = [];
  showVerifyProgress([{ name: "a", judgement, expected: 2 }], {
    json: true,
    out: { write: (t: string) => quiet.push(t) },
    colors: c,
  })("a", {
    at: new Date().toISOString(),
    value: 0,
  });
  assert.equal(quiet.length, 0);
});

test("the result: a table of metrics, then the verdict and why", () => {
  const result: VerifyResult = {
    verdict: "fail",
    reason: "error_ratio: 0.083 > max 0.01 in 1 of 3 samples",
    metrics: [
      {
        name: "error_ratio",
        verdict: "fail",
        reason: "0.083 > max 0.01 in 1 of 3 samples",
        judgement,
        samples: [
          { at: "2026-01-01T12:00:01Z", value: 0 },
          { at: "2026-01-01T12:00:02Z", value: null },
          { at: "2026-01-01T12:00:03Z", value: 0.083 },
        ],
        failedFast: true,
      },
      { name: "latency", verdict: "pass", reason: "3 of 3 samples within max 0.5", judgement, samples: [] },
    ],
  };
  const text = renderVerifyText(
    result,
    { title: "Verification of production", critical: new Set(["error_ratio"]), columns: 120 },
    c,
  );
  assert.match(text, /^Verification of production\n/);
  assert.match(text, /│ error_ratio\s+│ fail \(early\) │ 2\/3\s+│ 0\.083 > max 0\.01 in 1 of 3 samples/);
  assert.match(text, /│ latency \(advisory\)/);
  assert.match(text, /\nFAILED: error_ratio: 0\.083 > max 0\.01 in 1 of 3 samples\n$/);
});
