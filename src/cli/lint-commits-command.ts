import { resolve } from "node:path";
import { gitCli } from "../adapters/git/git-cli.js";
import { nodeFiles } from "../adapters/node-files.js";
import { ExitCode, UsageError } from "../errors.js";
import { lintCommits } from "../release/lint-commits.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import type { GlobalOptions } from "./main.js";

export interface LintCommitsOptions extends GlobalOptions {
  from?: string;
  to?: string;
  message?: string;
  messageFile?: string;
  json?: boolean;
}

/** The message git gives a commit-msg hook, as git keeps it: without # comments and what follows the scissors line. */
async function readMessageFile(file: string): Promise<string> {
  const { cleanCommitMessage } = await import("../release/core/clean-commit-message.js");
  return cleanCommitMessage(await nodeFiles.readText(resolve(process.cwd(), file)));
}

/** lint-commits: one line per offending commit with what to change; exit 1 when any. */
export async function runLintCommitsCommand(opts: LintCommitsOptions): Promise<number> {
  if (opts.message !== undefined && opts.messageFile !== undefined) {
    throw new UsageError(
      "--message and --message-file are both given, and lint-commits checks one message",
      "Give --message for a text, or --message-file for a file (a commit-msg hook's $1).",
    );
  }
  // Loaded here: only the commands that read history load it.
  const { findLastReleaseTag, readCommits } = await import("../adapters/git/git-history.js");
  const result = await lintCommits(
    {
      cwd: process.cwd(),
      ...(opts.config !== undefined && { config: opts.config }),
      ...(opts.from !== undefined && { from: opts.from }),
      ...(opts.to !== undefined && { to: opts.to }),
      ...(opts.message !== undefined && { message: opts.message }),
      ...(opts.messageFile !== undefined && { message: await readMessageFile(opts.messageFile) }),
    },
    { files: nodeFiles, git: gitCli, history: { readCommits, findLastReleaseTag } },
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const commit of result.offending) {
      const where = commit.sha ? `${commit.sha.slice(0, 7)} ` : "";
      process.stdout.write(`✖ ${where}${JSON.stringify(escapeTerminal(commit.header))}\n`);
      for (const problem of commit.problems) process.stdout.write(`    ${escapeTerminal(problem)}\n`);
    }
    const range = result.range
      ? ` in ${result.range.from ? `${result.range.from}..` : ""}${result.range.to}`
      : "";
    const skipped =
      result.skipped > 0 ? ` (${result.skipped} merge or revert commits written by git not checked)` : "";
    process.stdout.write(
      result.offending.length === 0
        ? `${result.checked} ${result.checked === 1 ? "message follows" : "messages follow"} the Conventional Commits convention${range}${skipped}.\n`
        : `${result.offending.length} of ${result.checked} ${result.checked === 1 ? "message does" : "messages do"} not follow the Conventional Commits convention${range}${skipped}.\n`,
    );
  }
  return result.offending.length === 0 ? ExitCode.Ok : ExitCode.NotReady;
}
