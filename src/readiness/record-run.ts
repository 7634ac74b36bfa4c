import { dirname } from "node:path";
import type { ShipreadyConfig } from "../config/types.js";
import type { Git } from "../ports.js";
import { historyNameOf } from "./checklist-history.js";
import type { ReadinessPorts } from "./ports.js";
import { fingerprintRun } from "./core/fingerprint-run.js";
import type { CiSnapshot, HistoryRecord, Readiness, ReadinessRun } from "./types.js";

interface RecordInput {
  readiness: Readiness;
  snapshot: CiSnapshot | null;
  checklistPath: string;
  config: ShipreadyConfig;
  at: string;
  /** changed: only when the run found something the checklist's last record did not; always: every run. */
  when: "changed" | "always";
}

/**
 * The record step: appends this run to the checklist's history, unless it found exactly what the
 * checklist's last record found (a scheduled update that changes nothing must not commit noise).
 */
export async function recordRun(
  input: RecordInput,
  ports: Pick<ReadinessPorts, "git" | "openHistory">,
): Promise<NonNullable<ReadinessRun["history"]>> {
  const { config } = input;
  const record = await historyRecord(input, ports.git);
  const store = await ports.openHistory(config.history);
  try {
    if (input.when === "changed") {
      const last = (await store.list()).findLast((r) => r.checklist === record.checklist);
      if (last?.fingerprint === record.fingerprint) {
        return { added: 0, file: config.history.file, record, unchanged: true };
      }
    }
    const { added } = await store.append([record]);
    return { added, file: config.history.file, record };
  } finally {
    store.close();
  }
}

async function historyRecord(input: RecordInput, git: Git): Promise<HistoryRecord> {
  const { readiness } = input;
  return {
    v: 1,
    at: input.at,
    checklist: await historyNameOf(input.checklistPath, input.config.root, git),
    commit: await git.headCommit(dirname(input.checklistPath)),
    score: readiness.score,
    band: readiness.band.name,
    ready: readiness.ready,
    threshold: readiness.threshold,
    coverage: readiness.coverage,
    blockers: readiness.blockers.length,
    categories: readiness.categories.map((c) => ({
      name: c.name,
      score: c.score,
      passed: c.passed,
      total: c.total,
    })),
    origin: "update",
    fingerprint: fingerprintRun(readiness, input.snapshot),
  };
}
