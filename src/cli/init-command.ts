import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { nodeFiles } from "../adapters/node-files.js";
import { renderGitHubWorkflow } from "../delivery/core/render-github-workflow.js";
import { renderStarterChecklist, renderStarterConfig } from "../readiness/core/render-starter-files.js";
import { ExitCode, UsageError } from "../errors.js";
import type { GlobalOptions } from "./main.js";

export interface InitCommandOptions extends GlobalOptions {
  checklist: string;
  force?: boolean;
  github?: boolean;
}

const WORKFLOW = ".github/workflows/shipready.yml";

/**
 * `shipready init`: a starter shipready.yml and checklist; with --github the workflow that runs the
 * Action instead. Never overwrites without --force.
 */
export async function runInitCommand(opts: InitCommandOptions): Promise<number> {
  const cwd = process.cwd();
  if (opts.github) return writeWorkflow(cwd, Boolean(opts.force));
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

async function writeWorkflow(cwd: string, force: boolean): Promise<number> {
  const path = resolve(cwd, WORKFLOW);
  if (!force && (await nodeFiles.exists(path))) {
    throw new UsageError(
      `not overwriting ${path}`,
      "Keep your workflow, or run `shipready init --github --force` to replace it.",
    );
  }
  await mkdir(dirname(path), { recursive: true });
  await nodeFiles.writeAtomic(path, renderGitHubWorkflow());
  process.stdout.write(
    `Created ${WORKFLOW}.\nNext: commit it; it runs on pushes to main and develop, daily at 09:00 UTC, on pull requests and on demand (Actions, Release readiness, Run workflow).\n`,
  );
  return ExitCode.Ok;
}
