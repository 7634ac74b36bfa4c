import { renderHookScript } from "./core/render-hook-script.js";
import { inspectHooks, type HooksFound } from "./inspect-hooks.js";
import type { HookFolder } from "./ports.js";
import type { HookName, HookReport } from "./types.js";

/** What install did with one hook: wrote it, rewrote its own older script, found it in place, or left it to a person. */
export type InstallAction = "written" | "rewritten" | "in-place" | "left";

export interface HooksInstalled extends HooksFound {
  actions: Array<{ report: HookReport; action: InstallAction }>;
}

/**
 * Writes shipready's hooks where git runs them (core.hooksPath honoured). A hook file shipready did
 * not write is never touched, and with a hook manager in use nothing is written: each such hook is
 * left, with the line to add in its report.
 */
export async function installHooks(
  cwd: string,
  folder: HookFolder,
  hooks?: readonly HookName[],
): Promise<HooksInstalled> {
  const found = await inspectHooks(cwd, folder, hooks);
  const actions: HooksInstalled["actions"] = [];
  for (const report of found.hooks) {
    if (report.state === "current" || report.state === "delegated") {
      actions.push({ report, action: "in-place" });
    } else if (report.state === "missing" || report.state === "outdated") {
      await folder.writeExecutable(report.path, renderHookScript(report.hook));
      const { fix: _fix, ...rest } = report;
      actions.push({
        report: { ...rest, state: "current" },
        action: report.state === "missing" ? "written" : "rewritten",
      });
    } else {
      actions.push({ report, action: "left" });
    }
  }
  return { ...found, hooks: actions.map((a) => a.report), actions };
}
