import assert from "node:assert/strict";
import { mock, test } from "node:test";
import pc from "picocolors";
import type { EvidenceProgress } from "../evidence/collect-evidence.js";
import type { EvidenceSpec } from "../evidence/types.js";
import { showEvidenceProgress } from "./show-evidence-progress.js";

const plain = pc.createColors(false);

function terminal(columns = 80) {
  const writes: string[] = [];
  return { writes, out: { isTTY: true, columns, write: (text: string) => writes.push(text) } };
}

function spec(n: number): EvidenceSpec {
  return { kind: "command", run: `check ${n}`, timeoutMs: 1000 } as EvidenceSpec;
}

const start = (n: number): EvidenceProgress => ({ type: "start", key: `k${n}`, spec: spec(n) });
const done = (n: number): EvidenceProgress => ({
  type: "done",
  key: `k${n}`,
  spec: spec(n),
  result: {
    outcome: "pass",
    provenance: { kind: "command", source: `check ${n}`, observedAt: null, message: "" },
  },
});

test("10,000 pieces of evidence redraw the line a handful of times, then it is cleared", () => {
  mock.timers.enable({ apis: ["setInterval", "setImmediate"] });
  try {
    const { writes, out } = terminal();
    const progress = showEvidenceProgress({}, { out, env: {}, colors: plain });
    for (let n = 0; n < 10_000; n++) progress.onEvidence(start(n));
    mock.timers.tick(0);
    assert.deepEqual(writes, ["\r⠋ collecting evidence 0/10000 · check 0 (command)\x1b[K"]);
    for (let n = 0; n < 5_000; n++) progress.onEvidence(done(n));
    mock.timers.tick(80);
    assert.equal(writes.at(-1), "\r⠙ collecting evidence 5000/10000 · check 5000 (command)\x1b[K");
    for (let n = 5_000; n < 10_000; n++) progress.onEvidence(done(n));
    mock.timers.tick(80);
    assert.equal(writes.at(-1), "\r⠹ collecting evidence 10000/10000\x1b[K");
    assert.equal(writes.length, 3, "one draw per tick, however many events came");
    progress.stop();
    assert.equal(writes.at(-1), "\r\x1b[K");
    mock.timers.tick(1000);
    progress.onEvidence(start(1));
    mock.timers.tick(1000);
    assert.equal(writes.length, 4, "nothing is drawn after stop");
  } finally {
    mock.timers.reset();
  }
});

test("nothing is written off a terminal, with --json, on a dumb terminal, or when nothing was collected", () => {
  mock.timers.enable({ apis: ["setInterval", "setImmediate"] });
  try {
    const cases = [
      { opts: {}, out: { ...terminal().out, isTTY: false }, env: {} },
      { opts: { json: true }, out: terminal().out, env: {} },
      { opts: {}, out: terminal().out, env: { TERM: "dumb" } },
    ];
    for (const { opts, out, env } of cases) {
      const writes: string[] = [];
      const progress = showEvidenceProgress(opts, {
        out: { ...out, write: (t) => writes.push(t) },
        env,
        colors: plain,
      });
      progress.onEvidence(start(1));
      mock.timers.tick(500);
      progress.stop();
      assert.deepEqual(writes, [], JSON.stringify({ opts, env }));
    }
    const { writes, out } = terminal();
    showEvidenceProgress({}, { out, env: {}, colors: plain }).stop();
    assert.deepEqual(writes, [], "no line drawn, so none is cleared");
  } finally {
    mock.timers.reset();
  }
});

test("the line follows the terminal's width as it is resized", () => {
  mock.timers.enable({ apis: ["setInterval", "setImmediate"] });
  try {
    const { writes, out } = terminal(30);
    const progress = showEvidenceProgress({}, { out, env: {}, colors: plain });
    progress.onEvidence(start(1));
    mock.timers.tick(0);
    assert.equal(writes.at(-1), "\r⠋ collecting evidence 0/1\x1b[K");
    out.columns = 200;
    mock.timers.tick(80);
    assert.equal(writes.at(-1), "\r⠙ collecting evidence 0/1 · check 1 (command)\x1b[K");
    progress.stop();
  } finally {
    mock.timers.reset();
  }
});
