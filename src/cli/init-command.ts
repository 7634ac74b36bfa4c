import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { nodeFiles } from "../adapters/node-files.js";
import { renderGitHubWorkflow } from "../delivery/core/render-github-workflow.js";
import { renderDeployWorkflow, renderRollbackWorkflow } from "../deploy/core/render-deploy-workflows.js";
import { renderStarterChecklist, renderStarterConfig } from "../readiness/core/render-starter-files.js";
import { ExitCode, UsageError } from "../errors.js";
import type { GlobalOptions } from "./main.js";

export interface InitCommandOptions extends GlobalOptions {
  checklist: string;
  force?: boolean;
  github?: boolean;
  kit?: boolean;
}

/** What `init --github` writes: the readiness workflow, and the deploy and rollback workflows. */
const WORKFLOWS = [
  { path: ".github/workflows/shipready.yml", render: renderGitHubWorkflow },
  { path: ".github/workflows/deploy.yml", render: renderDeployWorkflow },
  { path: ".github/workflows/rollback.yml", render: renderRollbackWorkflow },
];

/**
 * `shipready init`: a starter shipready.yml and checklist; with --github the workflows instead (the
 * Action's, and the deploy and rollback ones). Never overwrites without --force.
 */
export async function runInitCommand(opts: InitCommandOptions): Promise<number> {
  const cwd = process.cwd();
  if (opts.github && opts.kit) {
    throw new UsageError(
      "--github and --kit write different files",
      "Run `shipready init --github` and `shipready init --kit` one after the other.",
    );
  }
  if (opts.github) return writeWorkflow(cwd, Boolean(opts.force));
  if (opts.kit) return writeRepositoryKit(cwd, Boolean(opts.force));
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

/**
 * Writes the workflows that are not there yet and keeps the ones that are (--force replaces them), so
 * that a repository set up before the deploy workflows existed gets them without losing its own.
 * Nothing to write at all is a usage error, as it is for the starter files.
 */
async function writeWorkflow(cwd: string, force: boolean): Promise<number> {
  const kept: string[] = [];
  const written: string[] = [];
  for (const workflow of WORKFLOWS) {
    if (!force && (await nodeFiles.exists(resolve(cwd, workflow.path)))) kept.push(workflow.path);
  }
  if (kept.length === WORKFLOWS.length) {
    throw new UsageError(
      `not overwriting ${kept.map((path) => resolve(cwd, path)).join(", ")}`,
      "Keep your workflows, or run `shipready init --github --force` to replace them.",
    );
  }
  for (const workflow of WORKFLOWS) {
    if (kept.includes(workflow.path)) continue;
    const path = resolve(cwd, workflow.path);
    await mkdir(dirname(path), { recursive: true });
    await nodeFiles.writeAtomic(path, workflow.render());
    written.push(workflow.path);
  }
  const lines = [`Created ${listOf(written)}.`];
  if (kept.length > 0) {
    lines.push(
      `Kept ${listOf(kept)}, which already existed (\`shipready init --github --force\` replaces them).`,
    );
  }
  if (written.includes(WORKFLOWS[0]!.path)) {
    lines.push(
      "Next: commit them; the readiness workflow runs on pushes to main and develop, daily at 09:00 UTC, on pull requests and on demand (Actions, Release readiness, Run workflow).",
    );
  } else {
    lines.push("Next: commit them.");
  }
  if (written.some((path) => path !== WORKFLOWS[0]!.path)) {
    lines.push(
      "Deploy runs on each published release and on demand (Actions, Deploy, Run workflow); Rollback on demand. Both need the release strategy in shipready.yml (steps: for what deploy and each rollback step run).",
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return ExitCode.Ok;
}

/** `init --kit`: the repository kit's missing files; those there already are kept, even with --force. */
async function writeRepositoryKit(cwd: string, force: boolean): Promise<number> {
  const { writeKit } = await import("../kit/write-kit.js");
  const { gitAuthorHistory } = await import("../adapters/git/git-author-history.js");
  const report = await writeKit(cwd, { files: nodeFiles, history: gitAuthorHistory });
  const lines: string[] = [];
  if (report.written.length > 0) lines.push(`Created ${listOf(report.written)}.`);
  for (const { path, existing } of report.kept) {
    lines.push(
      existing === path ? `Kept ${path}, which already existed.` : `Kept ${existing} (in place of ${path}).`,
    );
  }
  if (report.kept.length > 0 && force)
    lines.push("--kit never overwrites, even with --force: remove a file to have it written again.");
  if (report.written.length === 0) lines.push("Nothing to write: the repository has every file of the kit.");
  if (report.written.includes(".github/CODEOWNERS")) {
    lines.push(
      report.unknownHandles > 0
        ? `CODEOWNERS is a suggestion from the recent history: fill in the GitHub handles of ${report.unknownHandles} author${report.unknownHandles === 1 ? "" : "s"} named in its comments, and edit the owners before committing.`
        : "CODEOWNERS is a suggestion from the recent history: edit the owners before committing.",
    );
  }
  if (report.written.includes(".github/workflows/dependabot-auto-merge.yml")) {
    lines.push(
      "Dependabot auto-merge waits for the checks the branch requires: require them (Settings > Rules), and allow auto-merge (Settings > General).",
    );
  }
  if (report.written.length > 0)
    lines.push("Next: review them and commit; `repo-kit` evidence checks they stay valid.");
  process.stdout.write(`${lines.join("\n")}\n`);
  return ExitCode.Ok;
}

function listOf(paths: readonly string[]): string {
  return paths.length <= 1 ? (paths[0] ?? "") : `${paths.slice(0, -1).join(", ")} and ${paths.at(-1)}`;
}
