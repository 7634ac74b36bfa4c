import type { ReadinessRun } from "../../readiness/types.js";
import { escapeTerminal } from "../../shared/escape-terminal.js";

/** --verbose: each gate's evidence (outcome, source, when, what to do) and the GitHub requests made. */
export function renderEvidenceText(result: ReadinessRun): string {
  const out: string[] = [];
  for (const category of result.readiness.categories) {
    for (const gate of category.gates) {
      if (!gate.evidence) continue;
      out.push(`  ${escapeTerminal(gate.name)} (${escapeTerminal(category.name)}): ${gate.outcome}`);
      for (const e of gate.evidence) {
        const when = e.provenance.observedAt ? ` at ${e.provenance.observedAt}` : "";
        out.push(`    ${e.provenance.kind}: ${e.outcome} · ${escapeTerminal(e.provenance.source)}${when}`);
        if (e.provenance.message) out.push(`      ${escapeTerminal(e.provenance.message)}`);
        for (const line of e.details ?? []) out.push(`      | ${escapeTerminal(line)}`);
      }
    }
  }
  const lines = out.length > 0 ? ["", "Evidence:", ...out] : ["", "Evidence: no gate is bound to evidence."];
  if (result.github) {
    const { requests, notModified } = result.github;
    const share = requests === 0 ? 0 : Math.round((notModified / requests) * 1000) / 10;
    lines.push(`GitHub: ${requests} requests, ${notModified} answered 304 Not Modified (${share}%).`);
  }
  return `${lines.join("\n")}\n`;
}
