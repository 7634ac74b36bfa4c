import { relative } from "node:path";
import { gitHookFolder } from "../adapters/git/git-hook-folder.js";
import { ExitCode } from "../errors.js";
import { skipHint } from "../hooks/core/render-hook-script.js";
import type { HooksFound } from "../hooks/inspect-hooks.js";
import { installHooks, type InstallAction } from "../hooks/install-hooks.js";
import { inspectHooks } from "../hooks/inspect-hooks.js";
import { uninstallHooks } from "../hooks/uninstall-hooks.js";
import { hookIsInPlace, type HookReport } from "../hooks/types.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import type { GlobalOptions } from "./main.js";

export interface HooksCommandOptions extends GlobalOptions {
  json?: boolean;
}

/**
 * hooks install | status | uninstall. install and uninstall exit 0 once they have done what they
 * safely can (a hook left to a person is printed with the line to add); status exits 0 when every
 * hook runs shipready as it should, 1 when any does not.
 */
export async function runHooksCommand(
  action: "install" | "status" | "uninstall",
  opts: HooksCommandOptions,
): Promise<number> {
  const cwd = process.cwd();
  if (action === "install") {
    const done = await installHooks(cwd, gitHookFolder);
    if (opts.json) return printJson({ ...describePlace(done, cwd), hooks: done.actions.map(flatten) });
    printPlace(done, cwd);
    for (const { report, action: what } of done.actions) printReport(report, cwd, INSTALL_WORDS[what]);
    printSkip(done.hooks);
    return ExitCode.Ok;
  }
  if (action === "uninstall") {
    const done = await uninstallHooks(cwd, gitHookFolder);
    if (opts.json) return printJson({ ...describePlace(done, cwd), removed: done.removed });
    for (const path of done.removed) process.stdout.write(`removed ${escapeTerminal(relative(cwd, path))}\n`);
    if (done.removed.length === 0)
      process.stdout.write("no hook written by shipready was found; nothing removed\n");
    return ExitCode.Ok;
  }
  const found = await inspectHooks(cwd, gitHookFolder);
  const ok = found.hooks.every((h) => hookIsInPlace(h.state));
  if (opts.json) {
    printJson({ ...describePlace(found, cwd), ok, hooks: found.hooks });
  } else {
    printPlace(found, cwd);
    for (const report of found.hooks) printReport(report, cwd, null);
  }
  return ok ? ExitCode.Ok : ExitCode.NotReady;
}

const INSTALL_WORDS: Record<InstallAction, string> = {
  written: "installed",
  rewritten: "updated",
  "in-place": "already in place",
  left: "not written",
};

function flatten({ report, action }: { report: HookReport; action: InstallAction }) {
  return { ...report, action };
}

function describePlace(found: HooksFound, cwd: string) {
  return {
    hooksDir: relative(cwd, found.place.dir) || ".",
    hooksPath: found.place.hooksPath,
    managers: found.managers,
  };
}

function printJson(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return ExitCode.Ok;
}

function printPlace(found: HooksFound, cwd: string): void {
  const dir = escapeTerminal(relative(cwd, found.place.dir) || ".");
  const via = found.place.hooksPath ? ` (core.hooksPath = ${escapeTerminal(found.place.hooksPath)})` : "";
  process.stdout.write(`hooks folder: ${dir}${via}\n`);
  for (const m of found.managers) {
    process.stdout.write(
      `hook manager: ${m.manager} (${escapeTerminal(m.config)}); shipready leaves its files alone\n`,
    );
  }
}

function printReport(report: HookReport, cwd: string, done: string | null): void {
  const ok = done ? done !== "not written" : hookIsInPlace(report.state);
  const mark = ok ? "✔" : "✖";
  const by = report.manager ? ` via ${report.manager}` : "";
  const what = done ?? report.state.replace(/-/g, " ");
  process.stdout.write(
    `${mark} ${report.hook}: ${what}${by} · ${escapeTerminal(relative(cwd, report.path))}\n`,
  );
  if (report.fix) {
    for (const line of report.fix.split("\n")) process.stdout.write(`    ${escapeTerminal(line)}\n`);
  }
}

function printSkip(reports: readonly HookReport[]): void {
  const skips = reports.map((r) => `${r.hook}: ${skipHint(r.hook)}`).join("; ");
  process.stdout.write(`To skip a hook once: ${skips}\n`);
}
