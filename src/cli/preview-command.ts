import { appendFile, readFile } from "node:fs/promises";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { UsageError, ExitCode } from "../errors.js";
import { previewRelease } from "../release/preview-release.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";
import { gitHubAccessOf } from "./github-flags.js";

export interface PreviewCommandOptions extends GlobalOptions {
  checklist?: string;
  pre?: string;
  comment?: boolean;
  pr?: string;
  json?: boolean;
  now?: string;
  token?: string;
  repo?: string;
  apiUrl?: string;
}

/**
 * `preview`: what merging this branch would release, printed, added to the job summary inside
 * GitHub Actions, and with --comment kept as one comment on the pull request.
 */
export async function runPreviewCommand(opts: PreviewCommandOptions, signal?: AbortSignal): Promise<number> {
  const env = process.env;
  const target = opts.comment ? await pullRequestOf(opts, env) : undefined;
  const { findLastReleaseTag, readCommits } = await import("../adapters/git/git-history.js");
  const preview = await previewRelease(
    {
      cwd: process.cwd(),
      ...(opts.config !== undefined && { config: opts.config }),
      ...(opts.checklist !== undefined && { checklist: opts.checklist }),
      ...(opts.pre !== undefined && { pre: opts.pre }),
      ...(signal && { signal }),
      ...(target && { comment: target }),
    },
    {
      ...createDefaultPorts({
        clock: chooseClock(opts.now, env),
        github: gitHubAccessOf(opts),
      }),
      history: { readCommits, findLastReleaseTag },
    },
  );
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ ...preview.input, markdown: preview.markdown, comment: preview.comment ?? null }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(preview.markdown);
  }
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${preview.markdown}\n`);
  const c = preview.comment;
  if (c && "skipped" in c) process.stderr.write(`shipready: ${escapeTerminal(c.skipped)}\n`);
  else if (c)
    process.stderr.write(
      `shipready: ${c.action === "unchanged" ? "the comment is up to date" : `${c.action} the comment`}: ${c.url}\n`,
    );
  return ExitCode.Ok;
}

/** The pull request to comment on: --pr, else the one the workflow's event is about. */
async function pullRequestOf(
  opts: PreviewCommandOptions,
  env: NodeJS.ProcessEnv,
): Promise<{ pr: number; fromFork: boolean }> {
  const event = env.GITHUB_EVENT_PATH ? await readEvent(env.GITHUB_EVENT_PATH) : null;
  const fromFork = Boolean(
    event?.pull_request?.head?.repo?.fork === true ||
    (event?.pull_request?.head?.repo?.full_name &&
      event.pull_request.base?.repo?.full_name &&
      event.pull_request.head.repo.full_name !== event.pull_request.base.repo.full_name),
  );
  const pr =
    parseNumberOption("--pr", opts.pr, 1, Number.MAX_SAFE_INTEGER, true) ??
    event?.pull_request?.number ??
    null;
  if (pr === null || !Number.isInteger(pr)) {
    throw new UsageError(
      "--comment needs a pull request, and none is known",
      "Pass --pr <number>, or run on a pull_request event in GitHub Actions.",
    );
  }
  return { pr, fromFork };
}

interface PullRequestEvent {
  pull_request?: {
    number?: number;
    head?: { repo?: { fork?: boolean; full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

async function readEvent(path: string): Promise<PullRequestEvent | null> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as PullRequestEvent;
  } catch (error) {
    throw new UsageError(
      `GITHUB_EVENT_PATH names ${path}, which cannot be read as the event's JSON (${(error as Error).message})`,
      "Run inside GitHub Actions, or pass --pr <number> and unset GITHUB_EVENT_PATH.",
    );
  }
}
