import type { Span } from "../../types.js";
import type { CiSnapshot } from "../types.js";
import type { EvaluatedChecklist } from "./evaluate-checklist.js";
import { renderCiSnapshot } from "./render-ci-snapshot.js";
import { fitCell, renderCheckbox, renderLastRunCell, renderStatusCell } from "./render-gate-cells.js";
import { renderScoreSection } from "./render-score-section.js";
import { rewriteOwnedRanges, type OwnedEdit } from "./rewrite-owned-ranges.js";

/**
 * The rewrite step: the checklist's text with what shipready owns brought up to date (the score
 * section, the status and last-run cells of gates bound to evidence, the CI snapshot) and every
 * other byte as it was.
 */
export function rewriteChecklist(
  evaluated: EvaluatedChecklist,
  input: { now: string; snapshot: CiSnapshot | null },
): string {
  const { parsed, source } = evaluated;
  const edits: OwnedEdit[] = [
    {
      target: { marker: "READINESS_SCORE" },
      text: renderScoreSection({ readiness: evaluated.readiness, now: input.now, eol: parsed.eol }),
    },
  ];
  const body = parsed.bom ? source.slice(1) : source;
  const cell = (span: Span, text: string): OwnedEdit => ({
    target: { span },
    text: fitCell(body.slice(span.start, span.end), text),
  });
  for (const [index, evidence] of evaluated.evidenced) {
    const gate = parsed.gates[index]!;
    if (gate.statusCell) {
      const status =
        gate.form === "task-item" ? renderCheckbox(evidence.outcome) : renderStatusCell(evidence.outcome);
      edits.push(cell(gate.statusCell, status));
    }
    if (gate.lastRunCell) edits.push(cell(gate.lastRunCell, renderLastRunCell(evidence.provenance)));
  }
  const snapshotBlock = parsed.markers.find((m) => m.name === "CI_SNAPSHOT");
  if (input.snapshot && snapshotBlock) {
    edits.push({
      target: { marker: "CI_SNAPSHOT" },
      text: renderCiSnapshot({
        snapshot: input.snapshot,
        heading: leadingHeading(body.slice(snapshotBlock.content.start, snapshotBlock.content.end)),
        eol: parsed.eol,
      }),
    });
  }
  return rewriteOwnedRanges(source, parsed, edits);
}

/** The heading a marker block starts with, kept as the user wrote it; null when it starts otherwise. */
function leadingHeading(content: string): string | null {
  const firstLine = content.replace(/^(\r?\n)+/, "").split(/\r?\n/, 1)[0] ?? "";
  return /^#{1,6}\s/.test(firstLine) ? firstLine : null;
}
