import type { SkippedPlace } from "../types.js";

const REASONS: Record<SkippedPlace["rule"], string> = {
  "event-table": "a table of events (a time and a level column), not of gates",
  "no-status-column":
    "a table with statuses in some cells but no column of them: head one Status, or fill it in every row",
  "prose-status":
    "a line of prose that shows a status but names no gate: start the line with the status (✅ Build passes) or make it a list item",
  unnamed: "a status with no name to score it by: write the gate's name",
};

/** Why a place that shows a status was not read as a gate, and what would make it one. */
export function describeSkipRule(rule: SkippedPlace["rule"]): string {
  return REASONS[rule];
}

/** The shapes shipready reads as gates, for a document that has none. */
export const GATE_SHAPES = [
  "a table with a status column (| Gate | Status |, or a column of PASS / FAIL / ✅ / ❌ under any header)",
  "task-list items (- [ ] name, - [x] name)",
  "bullets or lines led by a status (- ✅ name, ☑ name, :heavy_check_mark: name)",
  "status lines (**Status:** ✅ Complete, or **Name:** PASS)",
  "go / no-go decisions (- [x] GO, - [ ] NO-GO)",
];
