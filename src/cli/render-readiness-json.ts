import type { CommitOutcome } from "../delivery/commit-readiness.js";
import type { RunResult } from "../delivery/types.js";
import { describeSkipRule } from "../readiness/core/describe-skip-rule.js";

/**
 * The JSON contract of `score --json` and friends. Keys may be added, never renamed:
 * { score, band, ready, threshold, coverage, categories[{ name, weight, passed, total, score,
 * gates[{ name, outcome, required, source, line }] }], blockers[{ gate, category, reason }],
 * warnings[{ message, line }], toReady: { missing, reachable, gates[{ name, category, line, owner?, required,
 * adds }] } | null }. A gate bound to evidence adds collected[{ outcome, provenance, details }];
 * a run that asked GitHub adds github{ requests, notModified }, and one that rewrote the CI snapshot adds ciSnapshot;
 * an update with badge.update on adds badge{ file, written, changed }. skipped[{ line, text, rule, reason }] lists
 * the places that show a status but were not read as gates.
 */
export function renderReadinessJson(result: RunResult, diff?: string, commit?: CommitOutcome): string {
  const r = result.readiness;
  const output = {
    score: r.score,
    band: r.band.name,
    ready: r.ready,
    threshold: r.threshold,
    coverage: r.coverage,
    categories: r.categories.map((c) => ({
      name: c.name,
      weight: c.weight,
      required: c.required,
      passed: c.passed,
      total: c.total,
      score: c.score,
      counts: c.counts,
      gates: c.gates.map((g) => ({
        name: g.name,
        outcome: g.outcome,
        required: g.required,
        source: g.provenance.source,
        line: g.line,
        evidence: g.provenance,
        ...(g.evidence ? { collected: g.evidence } : {}),
        ...(g.waiver ? { waiver: g.waiver, underlyingOutcome: g.underlyingOutcome } : {}),
        ...(g.owner !== undefined ? { owner: g.owner } : {}),
      })),
    })),
    blockers: r.blockers.map((b) => ({
      gate: b.gate,
      category: b.category,
      reason: b.reason,
      outcome: b.outcome,
      line: b.line,
    })),
    warnings: result.warnings.map((w) => ({
      message: w.message,
      line: w.line ?? null,
      code: w.code,
      file: w.file ?? result.checklist.label,
    })),
    unscored: result.unscored,
    skipped: result.skipped.map((place) => ({ ...place, reason: describeSkipRule(place.rule) })),
    toReady: r.toReady,
    checklist: result.checklist.label,
    config: result.config.file,
    categorySource: result.config.categories,
    observedAt: result.now,
    ...(result.update
      ? {
          update: {
            changed: result.update.changed,
            written: result.update.written,
            ...(diff !== undefined ? { diff } : {}),
          },
        }
      : {}),
    ...(result.history ? { history: { added: result.history.added } } : {}),
    ...(result.github ? { github: result.github } : {}),
    ...(result.ciSnapshot ? { ciSnapshot: result.ciSnapshot } : {}),
    ...(result.notify ? { notify: result.notify } : {}),
    ...(commit ? { commit: commitJson(commit) } : {}),
    ...(result.badge
      ? { badge: { file: result.badge.label, written: result.badge.written, changed: result.badge.changed } }
      : {}),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

/** An update --commit adds commit{ sha, files, branch, via, pushed, attempts, verified? }, or commit{ skipped }. */
function commitJson(commit: CommitOutcome) {
  if ("skipped" in commit) return { skipped: commit.skipped };
  const { notes: _notes, ...made } = commit;
  return made;
}
