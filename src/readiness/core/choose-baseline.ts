import type { Baseline } from "../../evidence/types.js";
import type { HistoryRecord } from "../types.js";

/** A release as git knows it: its tag, the commit it marks, and when it was made (ISO). */
export interface ReleaseMark {
  tag: string;
  commit: string;
  at: string;
}

/**
 * The record that stands for the last release: the latest record of the release tag's commit, else
 * the last record made at or before the release. `records` are one checklist's, oldest first. With
 * no release, or no record from it, `missing` says why, in words that tell the first release (or the
 * next) sets the baseline: a ratchet never passes silently for want of one.
 */
export function chooseBaseline(records: readonly HistoryRecord[], release: ReleaseMark | null): Baseline {
  if (release === null) return none(null, "no release tag yet: the first release sets it");
  const atRelease = records.findLast((record) => record.commit === release.commit);
  const releasedAt = Date.parse(release.at);
  const chosen =
    atRelease ??
    records.findLast((record) => !Number.isNaN(releasedAt) && Date.parse(record.at) <= releasedAt);
  const mark = { tag: release.tag, commit: release.commit };
  if (chosen === undefined) {
    return none(mark, `no run was recorded at ${release.tag} or before it: the next release sets it`);
  }
  return {
    release: mark,
    record: { at: chosen.at, commit: chosen.commit },
    missing: null,
    figures: chosen.figures ?? {},
    findings: chosen.findings ?? {},
  };
}

function none(release: Baseline["release"], missing: string): Baseline {
  return { release, record: null, missing, figures: {}, findings: {} };
}

/**
 * What the baseline holds for one piece of evidence: its figures, or why there are none (the release's
 * record was made before that evidence was recorded).
 */
export function baselineFiguresOf(
  baseline: Baseline,
  key: string,
): { figures: Record<string, number> } | { missing: string } {
  if (baseline.missing !== null) return { missing: baseline.missing };
  const figures = baseline.figures[key];
  if (figures === undefined) {
    return {
      missing: `the run recorded for ${baseline.release?.tag ?? "the last release"} has no figures for this evidence: the next release sets them`,
    };
  }
  return { figures };
}
