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

const summarize = (w: CiWorkflow[]) =>
  summarizeCi({
    repo: "o/r",
    branch: "main",
    actionsUrl: "https://github.com/o/r/actions",
    observedAt: "2026-11-22T09:00:00Z",
    workflows: w,
  });

/** A workflow whose runs, newest first, end as given. */
function flow(name: string, conclusions: (string | null)[]): CiWorkflow {
  return {
    name,
    url: `https://github.com/o/r/actions/workflows/${name}.yml`,
    runs: conclusions.map((c, i) => run(c, 100 + i)),
  };
}

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
  assert.equal(s.workflows[0]!.durationMs, 312_000);
});

test("the health follows each workflow's latest finished run: a running or cancelled run does not decide it", () => {
  const s = summarize(workflows);
  // CI's latest run passed; Nightly's newest is running and the one before was cancelled, so its last success counts.
  assert.deepEqual(
    s.workflows.map((w) => w.latest?.url ?? null),
    ["https://github.com/o/r/actions/runs/3", "https://github.com/o/r/actions/runs/4", null],
  );
  assert.equal(s.health, "HEALTHY");
  assert.deepEqual([s.workflowsFailing, s.workflowsFinished], [0, 2]);
});

test("five workflows whose latest run failed are FAILING, however green one busy workflow keeps the pooled rate", () => {
  const busy = flow("busy", Array(160).fill("success"));
  const failing = ["a", "b", "c", "d", "e"].map((name) => flow(name, ["failure"]));
  const s = summarize([busy, ...failing]);
  assert.equal(s.successRate, 97);
  assert.equal(s.health, "FAILING");
  assert.deepEqual([s.workflowsFailing, s.workflowsFinished], [5, 6]);
});

test("some latest runs failed, but fewer than half of the workflows: DEGRADED; half or more: FAILING; none finished: UNKNOWN", () => {
  const green = (name: string) => flow(name, ["success", "failure"]);
  const red = (name: string) => flow(name, ["timed_out", "success", "success"]);
  assert.equal(summarize([green("a"), green("b"), red("c")]).health, "DEGRADED");
  assert.equal(summarize([green("a"), red("c")]).health, "FAILING");
  assert.equal(summarize([red("c")]).health, "FAILING");
  assert.equal(summarize([green("a")]).health, "HEALTHY");
  assert.equal(summarize([workflows[2]!, flow("running", [null, "cancelled"])]).health, "UNKNOWN");
});

test("the snapshot keeps the user's heading, links runs, and escapes workflow names", () => {
  const text = renderCiSnapshot({ snapshot: summarize(workflows), heading: "## CI", eol: "\n" });
  const lines = text.split("\n");
  assert.equal(lines[0], "## CI");
  assert.match(
    text,
    /\*\*CI Health Status:\*\* 🟢 HEALTHY \(latest run passed in all 2 workflows; success rate 75% over 4 runs on `main`\)/,
  );
  const failing = renderCiSnapshot({
    snapshot: summarize([
      flow("busy", Array(160).fill("success")),
      flow("a", ["failure"]),
      flow("b", ["failure"]),
    ]),
    heading: null,
    eol: "\n",
  });
  assert.match(
    failing,
    /\*\*CI Health Status:\*\* 🔴 FAILING \(latest run failed in 2 of 3 workflows; success rate 98\.8% over 162 runs on `main`\)/,
  );
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
