import { dirname } from "node:path";
import type { ShipreadyConfig } from "../config/types.js";
import type { Git } from "../ports.js";
import { historyNameOf } from "./checklist-history.js";
import { historyRecordOf } from "./core/history-record.js";
import type { ReadinessPorts } from "./ports.js";
import type { HistoryRecord, Readiness, ReadinessRun } from "./types.js";

/** The record step: appends this run to the checklist's history. */
export async function recordRun(
  input: { readiness: Readiness; checklistPath: string; config: ShipreadyConfig; at: string },
  ports: Pick<ReadinessPorts, "git" | "openHistory">,
): Promise<NonNullable<ReadinessRun["history"]>> {
  const { config } = input;
  const record = await historyRecord(input, ports.git);
  const store = await ports.openHistory(config.history);
  try {
    const { added } = await store.append([record]);
    return { added, file: config.history.file, record };
  } finally {
    store.close();
  }
}

async function historyRecord(
  input: { readiness: Readiness; checklistPath: string; config: ShipreadyConfig; at: string },
  git: Git,
): Promise<HistoryRecord> {
  return historyRecordOf(input.readiness, {
    at: input.at,
    checklist: await historyNameOf(input.checklistPath, input.config.root, git),
    commit: await git.headCommit(dirname(input.checklistPath)),
  });
}
