import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import type { Finding } from "../types.js";
import type { ReadinessPorts } from "./ports.js";
import type { HistoryRecord, HistorySettings } from "./types.js";

/** What a run leaves beside history while it writes a checklist and its record: enough to finish or undo it. */
interface Journal {
  v: 1;
  checklist: string;
  /** sha256 of the checklist's new text: found there, the checklist was written. */
  after: string;
  record: HistoryRecord;
}

type LandPorts = Pick<ReadinessPorts, "files" | "openHistory">;

/**
 * Writes the checklist's new text and its history record together or not at all. With both to
 * write: a journal first, then the record, then the checklist (an atomic rename), then the journal
 * is removed. A failure undoes the record; a crash leaves the journal, from which the next run
 * finishes or undoes the run (recoverUpdate). Returns what was written.
 */
export async function landUpdate(
  input: {
    checklistPath: string;
    after: string | null;
    record: HistoryRecord | null;
    history: HistorySettings;
  },
  ports: LandPorts,
): Promise<{ written: boolean; added: number }> {
  const { checklistPath, after, record } = input;
  if (record === null) {
    if (after !== null) await ports.files.writeAtomic(checklistPath, after);
    return { written: after !== null, added: 0 };
  }
  if (after === null) return { written: false, added: await appendRecord(record, input.history, ports) };
  const journal = journalPath(checklistPath, input.history);
  const entry: Journal = { v: 1, checklist: checklistPath, after: sha256(after), record };
  await ports.files.writeAtomic(journal, `${JSON.stringify(entry)}\n`);
  let added: number;
  try {
    added = await appendRecord(record, input.history, ports);
    await ports.files.writeAtomic(checklistPath, after);
  } catch (error) {
    // Whether or not the append finished, this run's record must not stay without its checklist.
    await withStore(input.history, ports, (store) => store.remove(record));
    await ports.files.remove(journal);
    throw error;
  }
  await ports.files.remove(journal);
  return { written: true, added };
}

/**
 * Finishes or undoes a run that was killed while landing (its journal is still there): when the
 * checklist holds that run's text, its record is made sure of; otherwise the record is removed.
 * Returns a finding saying what was repaired, or null when there was nothing to repair.
 */
export async function recoverUpdate(
  checklistPath: string,
  history: HistorySettings,
  ports: LandPorts,
): Promise<Finding | null> {
  const journal = journalPath(checklistPath, history);
  // A run killed in the middle of writing the journal or the checklist leaves its temp file beside it.
  await ports.files.removeLeftTemporaries(journal);
  await ports.files.removeLeftTemporaries(checklistPath);
  if (!(await ports.files.exists(journal))) return null;
  let entry: Journal;
  try {
    entry = JSON.parse(await ports.files.readText(journal)) as Journal;
  } catch {
    await ports.files.remove(journal);
    return {
      code: "journal-unreadable",
      message: `removed ${journal}, an unreadable record of an interrupted run`,
    };
  }
  const text = await ports.files.readText(checklistPath);
  const landed = sha256(text) === entry.after;
  await withStore(history, ports, async (store) => {
    if (landed) await store.append([entry.record]);
    else await store.remove(entry.record);
  });
  await ports.files.remove(journal);
  return {
    code: "interrupted-run-repaired",
    message: landed
      ? `a run of ${entry.record.at} was interrupted after writing the checklist; its history record is now in ${history.file}`
      : `a run of ${entry.record.at} was interrupted before writing the checklist; the history record it had added was removed`,
  };
}

async function appendRecord(
  record: HistoryRecord,
  history: HistorySettings,
  ports: LandPorts,
): Promise<number> {
  return withStore(history, ports, async (store) => (await store.append([record])).added);
}

async function withStore<T>(
  history: HistorySettings,
  ports: LandPorts,
  work: (store: Awaited<ReturnType<LandPorts["openHistory"]>>) => Promise<T>,
): Promise<T> {
  const store = await ports.openHistory(history);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/** One journal per checklist, beside the history file (in the folder shipready keeps its state in). */
function journalPath(checklistPath: string, history: HistorySettings): string {
  const key = sha256(checklistPath).slice(0, 16);
  return join(dirname(history.file), "journal", `${basename(checklistPath)}.${key}.json`);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
