import assert from "node:assert/strict";
import { test } from "node:test";
import pc from "picocolors";
import { DEFAULT_BANDS } from "../config/defaults.js";
import type { RunResult } from "../delivery/types.js";
import type { PathToReady } from "../readiness/types.js";
import { renderReadinessText } from "./render-readiness-text.js";

const plain = pc.createColors(false);

function result(toReady: PathToReady | null): RunResult {
  return {
    checklist: { path: "/r/RELEASE.md", label: "RELEASE.md" },
    config: {
      file: null,
      root: "/r",
      categories: "headings",
      bands: [...DEFAULT_BANDS],
      badge: { file: "/r/badge.svg", label: "readiness", update: false },
      history: { enabled: false, file: "/r/h.jsonl", index: "/r/h.db", window: 10 },
    },
    readiness: {
      score: 77.9,
      band: DEFAULT_BANDS.find((b) => b.name === "In Progress")!,
      ready: toReady === null,
      threshold: 90,
      coverage: 100,
      categories: [],
      blockers: [],
      toReady,
    },
    warnings: [],
    unscored: [],
    skipped: [],
    now: "2026-11-22T09:00:00.000Z",
  };
}

const gate = (name: string, adds: number, owner?: string, required = false) => ({
  name,
  category: "Core",
  line: 3,
  required,
  adds,
  ...(owner ? { owner } : {}),
});

test("not ready: the points missing and the gates to pass on one line, with what each adds", () => {
  const text = renderReadinessText(
    result({
      missing: 12.0833,
      reachable: true,
      gates: [gate("Security Audit", 6.25, undefined, true), gate("Load Testing", 2.5)],
    }),
    plain,
  );
  assert.match(
    text,
    /^To reach 90%: 12\.1 points missing — pass Security Audit \(\+6\.3, required\), Load Testing \(\+2\.5\)$/m,
  );
  assert.ok(!renderReadinessText(result(null), plain).includes("To reach"));
});

test("with owners, one line per owner; gates without one last; names cannot drive the terminal", () => {
  const text = renderReadinessText(
    result({
      missing: 12.0833,
      reachable: true,
      gates: [
        gate("Load Testing", 2.5),
        gate("Security Audit", 6.25, "@security-team", true),
        gate("Rollback\u001b[2J", 2.5, "@devops-team"),
        gate("Deploy", 2.5, "@devops-team"),
      ],
    }),
    plain,
  );
  assert.ok(
    text.includes(
      [
        "To reach 90%: 12.1 points missing — pass 4 gates:",
        "  @security-team: Security Audit (+6.3, required)",
        "  @devops-team: Rollback\\x1b[2J (+2.5), Deploy (+2.5)",
        "  no owner: Load Testing (+2.5)",
      ].join("\n"),
    ),
    text,
  );
});

test("a threshold out of reach says so; more gates than are listed are counted", () => {
  const gates = Array.from({ length: 12 }, (_, i) => gate(`Gate ${i}`, 1));
  const text = renderReadinessText(result({ missing: 30, reachable: false, gates }), plain);
  assert.match(
    text,
    /^90% cannot be reached: 30 points missing, more than every gate left adds — pass Gate 0 \(\+1\),.* Gate 9 \(\+1\), and 2 more \(\+2\)$/m,
  );
});
