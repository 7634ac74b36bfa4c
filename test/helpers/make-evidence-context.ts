import { fixedClock } from "../../src/adapters/clocks.js";
import { nodeFiles } from "../../src/adapters/node-files.js";
import type { EvidenceContext } from "../../src/evidence/evidence-context.js";

/** The time the clock of a test's EvidenceContext shows. */
export const EVIDENCE_NOW = new Date("2025-03-15T12:00:00.000Z");

/**
 * An EvidenceContext for collector tests: the real files under `root`, a clock stopped at
 * EVIDENCE_NOW, a signal never aborted, no GitHub, an empty environment and no secrets. The shell
 * and http fail loudly, so a collector that should not reach them is caught; `parts` replaces any of
 * these.
 */
export function makeEvidenceContext(root: string, parts: Partial<EvidenceContext> = {}): EvidenceContext {
  return {
    root,
    files: nodeFiles,
    clock: fixedClock(EVIDENCE_NOW),
    shell: { run: () => Promise.reject(new Error("this collector was not expected to run a command")) },
    http: { get: () => Promise.reject(new Error("this collector was not expected to make a request")) },
    github: null,
    headSha: null,
    signal: new AbortController().signal,
    env: {},
    redact: (text) => text,
    baseline: () =>
      Promise.resolve({
        release: null,
        record: null,
        missing: "no release tag yet: the first release sets it",
        figures: {},
        findings: {},
      }),
    ...parts,
  };
}
