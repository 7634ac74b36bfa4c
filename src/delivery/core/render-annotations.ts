import type { Blocker } from "../../readiness/types.js";
import type { Finding } from "../../types.js";
import { renderWorkflowCommand } from "../../shared/escape-workflow-command.js";

export interface AnnotationsInput {
  /** The checklist's path relative to the repository's top, so that GitHub can show the line. */
  checklist: string;
  blockers: readonly Blocker[];
  warnings: readonly Finding[];
}

/**
 * GitHub annotations: an error at each blocker's line of the checklist, a warning for each finding.
 * Gate names and messages come from the checklist and from evidence, so everything is escaped as
 * workflow-command data or properties: no text can end the command and start another.
 */
export function renderAnnotations(input: AnnotationsInput): string {
  const out: string[] = [];
  for (const b of input.blockers) {
    out.push(
      renderWorkflowCommand(
        "error",
        { file: input.checklist, line: b.line, title: `Release blocker: ${b.gate}` },
        `${b.gate} (${b.category}) is ${b.outcome}: ${b.reason}`,
      ),
    );
  }
  for (const w of input.warnings) {
    // A finding about another file (shipready.yml) names it relative to the folder of the run.
    const file = w.file ?? input.checklist;
    out.push(
      renderWorkflowCommand("warning", { file, line: w.line, title: `shipready: ${w.code}` }, w.message),
    );
  }
  return out.join("");
}
