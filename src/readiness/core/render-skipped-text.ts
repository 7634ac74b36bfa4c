import { escapeTerminal } from "../../shared/escape-terminal.js";
import type { SkippedPlace } from "../types.js";
import { describeSkipRule } from "./describe-skip-rule.js";

/** `--explain`: each place that shows a status but is not a gate, with its line and the rule that decided. */
export function renderSkippedText(skipped: readonly SkippedPlace[], label: string): string {
  if (skipped.length === 0) return "\nEvery status in the checklist was read as a gate.\n";
  const lines = skipped.map(
    (place) =>
      `  ${escapeTerminal(label)}:${place.line}: ${describeSkipRule(place.rule)} [${place.rule}]\n      ${escapeTerminal(place.text)}`,
  );
  return `\nNot read as gates (${skipped.length}):\n${lines.join("\n")}\n`;
}
