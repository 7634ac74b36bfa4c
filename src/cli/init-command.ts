import { resolve } from "node:path";
import { nodeFiles } from "../adapters/node-files.js";
import { renderStarterChecklist, renderStarterConfig } from "../core/render-starter-files.js";
import { ExitCode, UsageError } from "../errors.js";
import type { GlobalOptions } from "./main.js";

export interface InitCommandOptions extends GlobalOptions {
  checklist: string;
  force?: boolean;
}

/** `shipready init`: a starter shipready.yml and checklist, never overwriting without --force. */
export async function runInitCommand(opts: InitCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const files = [
    { path: resolve(cwd, opts.config ?? "shipready.yml"), text: renderStarterConfig(opts.checklist) },
    { path: resolve(cwd, opts.checklist), text: renderStarterChecklist() },
  ];
  const existing: string[] = [];
  for (const f of files) if (await nodeFiles.exists(f.path)) existing.push(f.path);
  if (existing.length > 0 && !opts.force) {
    throw new UsageError(
      `not overwriting ${existing.join(" and ")}`,
      "Keep your files, or run `shipready init --force` to replace them (choose another name with --checklist).",
    );
  }
  for (const f of files) await nodeFiles.writeAtomic(f.path, f.text);
  process.stdout.write(
    `Created ${opts.config ?? "shipready.yml"} and ${opts.checklist}.\nNext: set each gate's status, then run \`shipready update\` to compute the score.\n`,
  );
  return ExitCode.Ok;
}
