import assert from "node:assert/strict";
import { test } from "node:test";
import type { CiRun, CiWorkflow } from "../types.js";
import { classifyStatus } from "./classify-status.js";
import { formatDuration, renderCiSnapshot } from "./render-ci-snapshot.js";
import { renderLastRunCell, renderStatusCell } from "./render-gate-cells.js";
import { summarizeCi } from "./summarize-ci.js";
import { OUTCOMES } from "../../types.js";

function run(conclusion: string | null, n: number): CiRun {
  return {
    conclusion,
    status: conclusion === null ? "in_progress" : "completed",
    url: `https://github.com/o/r/actions/runs/${n}`,
    startedAt: "2026-11-20T10:00:00Z",
    updatedAt: "2026-11-20T10:05:12Z",
  };
}

const workflows: CiWorkflow[] = [
  {
    name: "CI",
    url: "https://github.com/o/r/actions/workflows/ci.yml",
    runs: [run("success", 3), run("failure", 2), run("success", 1)],
  },
  {
    name: "Nightly | deploy",
    url: "https://github.com/o/r/actions/workflows/n.yml",
    runs: [run(null, 6), run("cancelled", 5), run("success", 4)],
  },
  { name: "Idle", url: "https://github.com/o/r/actions/workflows/idle.yml", runs: [] },
];

const summarize = (w: CiWorkflow[], healthy = 90, degraded = 70) =>
  summarizeCi({
    repo: "o/r",
    branch: "main",
    actionsUrl: "https://github.com/o/r/actions",
    observedAt: "2026-11-22T09:00:00Z",
    workflows: w,
    settings: { healthy, degraded },
  });

test("pass rates count finished runs only; cancelled and running runs count neither way", () => {
  const s = summarize(workflows);
  assert.deepEqual(
    s.workflows.map((w) => [w.name, w.passed, w.counted, w.passRate]),
    [
      ["CI", 2, 3, 66.7],
      ["Nightly | deploy", 1, 1, 100],
      ["Idle", 0, 0, null],
    ],
  );
  assert.equal(s.successRate, 75);
  assert.equal(s.health, "DEGRADED");
  assert.equal(s.workflows[0]!.durationMs, 312_000);
});

test("health follows the success rate thresholds, and no finished run is UNKNOWN", () => {
  assert.equal(summarize(workflows, 75, 50).health, "HEALTHY");
  assert.equal(summarize(workflows, 90, 80).health, "FAILING");
  assert.equal(summarize([workflows[2]!]).health, "UNKNOWN");
});

test("the snapshot keeps the user's heading, links runs, and escapes workflow names", () => {
  const text = renderCiSnapshot({ snapshot: summarize(workflows), heading: "## CI", eol: "\n" });
  const lines = text.split("\n");
  assert.equal(lines[0], "## CI");
  assert.match(text, /\*\*CI Health Status:\*\* 🟡 DEGRADED \(success rate 75% over 4 runs on `main`\)/);
  assert.match(
    text,
    /\| \[CI\]\(https:\/\/github.com\/o\/r\/actions\/workflows\/ci.yml\) \| 🟢 PASS \| 5m 12s \| \[2026-11-20 10:00 UTC\]\(https:\/\/github.com\/o\/r\/actions\/runs\/3\) \| 66\.7% \(2\/3\) \|/,
  );
  // A pipe in a name would split the table's cells; it is escaped.
  assert.match(text, /\[Nightly \\\| deploy\]/);
  assert.match(text, /\| 🟡 RUNNING \|/);
  assert.match(text, /\| ⚪ NO RUNS \| — \| — \| — \|/);
  const crlf = renderCiSnapshot({ snapshot: summarize(workflows), heading: null, eol: "\r\n" });
  assert.ok(crlf.startsWith("## 📡 Last CI Snapshot\r\n"));
  assert.ok(!crlf.replaceAll("\r\n", "").includes("\n"));
});

test("durations read as people say them", () => {
  assert.equal(formatDuration(42_000), "42s");
  assert.equal(formatDuration(312_000), "5m 12s");
  assert.equal(formatDuration(3_780_000), "1h 03m");
});

test("every status shipready writes reads back as the same outcome", () => {
  for (const outcome of OUTCOMES) {
    if (outcome === "waived") continue;
    const reading = classifyStatus(renderStatusCell(outcome));
    assert.equal(reading.outcome, outcome, renderStatusCell(outcome));
    assert.equal(reading.unknown, undefined);
  }
});

test("the last-run cell links to web evidence and cannot break out of the link or the cell", () => {
  assert.equal(
    renderLastRunCell({
      kind: "github-actions",
      source: "https://x.test/runs/1",
      observedAt: "2026-11-20T10:05:12Z",
    }),
    "[2026-11-20 10:05 UTC](https://x.test/runs/1)",
  );
  assert.equal(
    renderLastRunCell({ kind: "command", source: "npm test", observedAt: "2026-11-20T10:05:12Z" }),
    "2026-11-20 10:05 UTC",
  );
  assert.equal(renderLastRunCell({ kind: "x", source: "y", observedAt: null }), "—");
  const hostile = renderLastRunCell({
    kind: "http",
    source: "https://x.test/a|b) c",
    observedAt: "2026-11-20T10:05:12Z",
  });
  assert.equal(hostile, "[2026-11-20 10:05 UTC](https://x.test/a%7Cb%29%20c)");
});
