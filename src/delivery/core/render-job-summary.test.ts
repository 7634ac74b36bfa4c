import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_BANDS } from "../../config/defaults.js";
import { findChangedGates } from "../../readiness/core/find-changed-gates.js";
import { parseChecklist } from "../../readiness/core/parse-checklist.js";
import { scoreReadiness } from "../../readiness/core/score-readiness.js";
import type { AssessedGate } from "../../readiness/types.js";
import { renderJobSummary } from "./render-job-summary.js";
import { READINESS_COMMENT_MARKER, renderReadinessComment } from "./render-readiness-comment.js";

const CHECKLIST = `# R

## Core

| Gate | Status |
|---|---|
| Build <!-- shipready:readiness --> \\| x | 🟡 PENDING |
| Audit | 🟡 PENDING |
`;

function readiness() {
  const parsed = parseChecklist(CHECKLIST);
  const gates: AssessedGate[] = parsed.gates.map((g, i) => ({
    name: g.name,
    category: "Core",
    line: g.line,
    outcome: i === 0 ? "pass" : "fail",
    required: true,
    provenance: { kind: "command", source: "npm test", observedAt: null, message: "exit 1: see <b>log</b>" },
    evidence: [],
  }));
  return {
    parsed,
    readiness: scoreReadiness(gates, {
      categories: [{ name: "Core", weight: 100, required: true }],
      bands: [...DEFAULT_BANDS],
      threshold: 90,
      inconclusive: "zero",
    }),
  };
}

test("the summary shows categories, the verdict, blockers with what to do, the changed gates and the trend", () => {
  const { parsed, readiness: r } = readiness();
  const changed = findChangedGates(parsed, r);
  assert.deepEqual(
    changed.map((c) => [c.line, c.before, c.after]),
    [
      [7, "pending", "pass"],
      [8, "pending", "fail"],
    ],
  );
  const md = renderJobSummary({
    checklist: "RELEASE.md",
    readiness: r,
    mode: "update",
    changed,
    trend: {
      trend: {
        current: 50,
        previous: 60,
        change: -10,
        average: 55,
        window: 2,
        direction: "down",
        arrow: "↓",
      },
      previousAt: "2026-11-30T09:00:00.000Z",
    },
    notes: ["Updated RELEASE.md."],
  });
  assert.match(md, /^## 🔴 Release readiness: 50%, Not Ready\n/);
  assert.match(md, /❌ \*\*Not ready\*\*: 50% is below the threshold of 90%; 1 required gate blocks/);
  assert.match(md, /\*\*Trend:\*\* ↓ -10 points since the last recorded run \(60% on 2026-11-30\)/);
  assert.match(md, /\| Core \(required\) \| 50% \| 1\/2 \| 100 \|/);
  assert.match(
    md,
    /\| Audit \| Core \| 8 \| 🔴 fail \| failing \(command: exit 1: see \\<b\\>log\\<\/b\\>\)/,
  );
  assert.match(md, /### Changed in this run \(2\)/);
  assert.ok(!md.includes("<!--"), "a gate name cannot plant the comment's marker or HTML");
  assert.ok(
    md
      .split("\n")
      .filter((l) => l.startsWith("| Build"))
      .every((l) => l.split(/(?<!\\)\|/).length === 6),
  );
});

test("the comment holds the marker once, the verdict, the blockers and the changes", () => {
  const { parsed, readiness: r } = readiness();
  const body = renderReadinessComment({
    checklist: "RELEASE.md",
    readiness: r,
    changed: findChangedGates(parsed, r),
    commit: "abcdef1234567890",
    runUrl: "https://github.com/o/r/actions/runs/1",
  });
  assert.ok(body.startsWith(`${READINESS_COMMENT_MARKER}\n### 🔴 Release readiness at abcdef1: 50%`));
  assert.equal(body.split(READINESS_COMMENT_MARKER).length, 2);
  assert.match(body, /- Audit \(Core\): failing/);
  assert.match(body, /: 🟡 pending → 🟢 pass/);
});

test("when not ready the summary lists the fewest gates to pass, by owner, with the points each adds", () => {
  const { parsed, readiness: r } = readiness();
  const owned = {
    ...r,
    toReady: {
      missing: 40,
      reachable: true,
      gates: [
        { name: "Audit | <b>", category: "Core", line: 8, owner: "@sec|team", required: true, adds: 50 },
      ],
    },
  };
  const md = renderJobSummary({
    checklist: "RELEASE.md",
    readiness: owned,
    mode: "score",
    changed: findChangedGates(parsed, r),
    trend: null,
    notes: [],
  });
  assert.match(md, /### To reach 90%: 40 points missing\n\nPass 1 gate, by owner:\n/);
  assert.match(md, /\| @sec\\\|team \| Audit \\\| \\<b\\> \| Core \| 8 \| \+50, required \|/);
  const plain = renderJobSummary({
    checklist: "RELEASE.md",
    readiness: r,
    mode: "score",
    changed: [],
    trend: null,
    notes: [],
  });
  // The plan from scoring: the failing audit is required and brings the score to 100%.
  assert.match(
    plain,
    /### To reach 90%: 40 points missing\n\nPass 1 gate:\n\n\| Gate \| Category \| Line \| Adds \|/,
  );
  assert.match(plain, /\| Audit \| Core \| 8 \| \+50, required \|/);
});
