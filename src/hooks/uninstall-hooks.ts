import { classifyHookFile } from "./core/classify-hook-file.js";
import type { HookFolder } from "./ports.js";
import { inspectHooks, type HooksFound } from "./inspect-hooks.js";

export interface HooksUninstalled extends HooksFound {
  /** The hook files removed: only those shipready wrote. */
  removed: string[];
}

/** Removes the hook files shipready wrote; every other file, and managers' configs, are left as they are. */
export async function uninstallHooks(cwd: string, folder: HookFolder): Promise<HooksUninstalled> {
  const found = await inspectHooks(cwd, folder);
  const removed: string[] = [];
  for (const report of found.hooks) {
    const file = await folder.read(report.path);
    if (file && classifyHookFile(report.hook, file.text).by === "shipready") {
      await folder.remove(report.path);
      removed.push(report.path);
    }
  }
  return { ...found, removed };
}
