import { loadConfig } from "../config/load-config.js";
import { lintCommitMessage } from "./core/lint-commit-message.js";
import { UsageError } from "../errors.js";
import type { Files, Git } from "../ports.js";
import type { GitHistory } from "./ports.js";

export interface LintOptions {
  cwd: string;
  config?: string;
  /** Start of the range (exclusive); the last release tag when absent. */
  from?: string;
  to?: string;
  /** Check this text (a pull request title) instead of commits. */
  message?: string;
}

export interface LintedCommit {
  /** null for a --message check. */
  sha: string | null;
  header: string;
  problems: string[];
}

export interface LintResult {
  range: { from: string | null; to: string } | null;
  checked: number;
  skipped: number;
  offending: LintedCommit[];
}

/** Checks the commits of a range (or one message) against the Conventional Commits grammar and the allowed types. */
export async function lintCommits(
  options: LintOptions,
  ports: { files: Files; git: Git; history: GitHistory },
): Promise<LintResult> {
  const top = await ports.git.topLevel(options.cwd);
  const { config } = await loadConfig(
    { cwd: options.cwd, near: options.cwd, ...(options.config ? { config: options.config } : {}) },
    ports,
  );
  const types = config.release.commitTypes;
  if (options.message !== undefined) {
    const lint = lintCommitMessage(options.message, types);
    const header = options.message.split("\n", 1)[0] ?? "";
    return {
      range: null,
      checked: lint.skipped ? 0 : 1,
      skipped: lint.skipped ? 1 : 0,
      offending: lint.problems.length > 0 ? [{ sha: null, header, problems: lint.problems }] : [],
    };
  }
  if (top === null) {
    throw new UsageError(
      `${options.cwd} is not inside a git repository`,
      'Run lint-commits in the repository, or check one message with --message "feat: ...".',
    );
  }
  const to = options.to ?? "HEAD";
  const from =
    options.from ??
    (await ports.history.findLastReleaseTag(top, to, config.release.tagPattern)).tag?.name ??
    null;
  let checked = 0;
  let skipped = 0;
  const offending: LintedCommit[] = [];
  await ports.history.readCommits(top, { from, to }, (commit) => {
    // A merge commit is git's message, not the author's.
    if (commit.parents.length > 1) {
      skipped++;
      return;
    }
    const lint = lintCommitMessage(commit.message, types);
    if (lint.skipped) {
      skipped++;
      return;
    }
    checked++;
    if (lint.problems.length > 0) {
      offending.push({
        sha: commit.sha,
        header: commit.message.split("\n", 1)[0]!.replace(/\r$/, ""),
        problems: lint.problems,
      });
    }
  });
  return { range: { from, to }, checked, skipped, offending };
}
