import { dirname, relative, sep } from "node:path";
import type { Files, Git } from "../ports.js";
import type { HistoryStore } from "./ports.js";
import type { HistoryRecord, HistorySettings } from "./types.js";

/**
 * The checklist's name in history records: its path relative to the repository's top folder (else
 * the config's root), with `/` whatever the platform, so one history file serves every clone.
 */
export async function historyNameOf(
  checklistPath: string,
  root: string,
  git: Pick<Git, "topLevel">,
): Promise<string> {
  const top = await git.topLevel(dirname(checklistPath));
  return relative(top ?? root, checklistPath)
    .split(sep)
    .join("/");
}

/**
 * The runs recorded for one checklist, oldest first (one history file may hold several checklists'
 * runs). Reads only: with no history file yet, nothing is created and the answer is empty. Whether
 * history is `enabled` is the caller's decision: runs recorded before it was turned off still count.
 */
export async function listChecklistHistory(
  checklistPath: string,
  settings: HistorySettings,
  root: string,
  ports: {
    git: Pick<Git, "topLevel">;
    files: Pick<Files, "exists">;
    openHistory(settings: HistorySettings): Promise<HistoryStore>;
  },
): Promise<HistoryRecord[]> {
  if (!(await ports.files.exists(settings.file))) return [];
  const name = await historyNameOf(checklistPath, root, ports.git);
  const store = await ports.openHistory(settings);
  try {
    return (await store.list()).filter((record) => record.checklist === name);
  } finally {
    store.close();
  }
}
