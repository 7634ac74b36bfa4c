import { dirname } from "node:path";
import type { ShipreadyConfig } from "../config/types.js";
import type { Git } from "../ports.js";
import { historyNameOf } from "./checklist-history.js";
import type { ReadinessPorts } from "./ports.js";
import { fingerprintRun } from "./core/fingerprint-run.js";
import { historyRecordOf } from "./core/history-record.js";
import type { CiSnapshot, HistoryRecord, Readiness } from "./types.js";

interface RecordInput {
  readiness: Readiness;
  snapshot: CiSnapshot | null;
  /** The figures and finding fingerprints the evidence read, by figure key. */
  recorded?: { figures: Record<string, Record<string, number>>; findings: Record<string, string[]> };
  checklistPath: string;
  config: ShipreadyConfig;
  at: string;
  /** changed: only when the run found something the checklist's last record did not; always: every run. */
  when: "changed" | "always";
}

/**
 * The record step, planned: this run's history record, or `unchanged` when it found exactly what the
 * checklist's last record found (a scheduled update that changes nothing must not commit noise).
 * The record is written with the checklist, by landUpdate.
 */
export async function planRecord(
  input: RecordInput,
  ports: Pick<ReadinessPorts, "git" | "openHistory">,
): Promise<{ record: HistoryRecord; unchanged: boolean }> {
  const record = await historyRecord(input, ports.git);
  if (input.when === "always") return { record, unchanged: false };
  const store = await ports.openHistory(input.config.history);
  try {
    const last = (await store.list()).findLast((r) => r.checklist === record.checklist);
    return { record, unchanged: last?.fingerprint === record.fingerprint };
  } finally {
    store.close();
  }
}

async function historyRecord(input: RecordInput, git: Git): Promise<HistoryRecord> {
  const run = {
    at: input.at,
    checklist: await historyNameOf(input.checklistPath, input.config.root, git),
    commit: await git.headCommit(dirname(input.checklistPath)),
  };
  const figures = input.recorded?.figures ?? {};
  const findings = input.recorded?.findings ?? {};
  return {
    ...historyRecordOf(input.readiness, run),
    fingerprint: fingerprintRun(input.readiness, input.snapshot, figures),
    ...(Object.keys(figures).length > 0 && { figures }),
    ...(Object.keys(findings).length > 0 && { findings }),
  };
}
