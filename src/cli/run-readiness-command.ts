import { relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { CommitOutcome } from "../delivery/commit-readiness.js";
import { ExitCode, UsageError } from "../errors.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { renderReadinessJson } from "./render-readiness-json.js";
import { renderEvidenceText } from "../evidence/core/render-evidence-text.js";
import { renderReadinessText } from "./render-readiness-text.js";
import { runThenDeliver } from "../delivery/run-then-deliver.js";
import type { RunResult } from "../delivery/types.js";
import { renderSkippedText } from "../readiness/core/render-skipped-text.js";
import { showEvidenceProgress } from "./show-evidence-progress.js";
import { showNotifyReport } from "./show-notify-report.js";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { chooseClock } from "./choose-clock.js";
import { terminalColors } from "./terminal-colors.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";
import { gitHubAccessOf } from "./github-flags.js";

export interface ReadinessCommandOptions extends GlobalOptions {
  json?: boolean;
  threshold?: string;
  dryRun?: boolean;
  now?: string;
  history?: boolean;
  check?: boolean;
  evidence?: boolean;
  verbose?: boolean;
  explain?: boolean;
  record?: string;
  force?: boolean;
  token?: string;
  repo?: string;
  apiUrl?: string;
  notify?: boolean;
  commit?: boolean;
  branch?: string;
  push?: boolean;
}

/** score, check and update: run, print, and turn the verdict into the exit code. */
export async function runReadinessCommand(
  mode: "score" | "check" | "update",
  checklist: string | undefined,
  opts: ReadinessCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const threshold = parseNumberOption("--threshold", opts.threshold, 0, 100);
  const committing = mode === "update" ? await prepareCommit(checklist, opts) : null;
  const progress = showEvidenceProgress(opts);
  const result = await runThenDeliver(
    {
      cwd: process.cwd(),
      mode,
      ...(checklist !== undefined ? { checklist } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      dryRun: Boolean(opts.dryRun),
      history: opts.history !== false,
      record: recordWhen(opts.record),
      force: Boolean(opts.force),
      evidence: opts.evidence !== false,
      notify: Boolean(opts.notify),
      onEvidence: progress.onEvidence,
      ...(signal ? { signal } : {}),
    },
    createDefaultPorts({
      clock: chooseClock(opts.now, process.env),
      github: gitHubAccessOf(opts),
    }),
  ).finally(() => progress.stop());
  const committed = committing ? await committing(result) : undefined;
  const colors = terminalColors(opts);

  if (opts.json) {
    process.stdout.write(renderReadinessJson(result, opts.dryRun ? diffOf(result) : undefined, committed));
  } else if (result.update && opts.dryRun) {
    process.stdout.write(diffOf(result) || "");
    process.stderr.write(
      result.update.changed
        ? "(dry run: nothing written)\n"
        : `${result.checklist.label} is up to date (dry run)\n`,
    );
    if (result.badge?.changed) process.stderr.write(`(dry run: ${result.badge.label} would change)\n`);
  } else {
    process.stdout.write(renderReadinessText(result, colors));
    if (opts.verbose) process.stdout.write(renderEvidenceText(result));
    if (opts.explain) process.stdout.write(renderSkippedText(result.skipped, result.checklist.label));
    if (result.update) process.stdout.write(`\n${describeUpdate(result)}\n`);
    if (committed) process.stdout.write(`${describeCommit(committed)}\n`);
  }
  if (committed && "notes" in committed) {
    for (const note of committed.notes) process.stderr.write(`shipready: ${escapeTerminal(note)}\n`);
  }

  if (result.notify) showNotifyReport(result.notify, Boolean(opts.json));

  const gate = mode === "check" || (mode === "update" && opts.check);
  return gate && !result.readiness.ready ? ExitCode.NotReady : ExitCode.Ok;
}

function recordWhen(value: string | undefined): "changed" | "always" {
  if (value === undefined || value === "changed" || value === "always") return value ?? "changed";
  throw new UsageError(
    `--record ${value} is not a choice`,
    "Write --record changed (record a run that found something new, the default) or --record always.",
  );
}

function diffOf(result: RunResult): string {
  if (!result.update?.changed) return "";
  const label = result.checklist.label;
  return createTwoFilesPatch(`a/${label}`, `b/${label}`, result.update.before, result.update.after, "", "", {
    context: 3,
  });
}

function describeUpdate(result: RunResult): string {
  const u = result.update!;
  const lines = [
    u.written
      ? `Updated ${result.checklist.label}${u.insertedScoreBlock ? " (added the score section below the title)" : ""}.`
      : `${result.checklist.label} is up to date.`,
  ];
  if (result.history) {
    lines.push(
      result.history.added > 0
        ? `Recorded the run in ${relative(process.cwd(), result.history.file)}.`
        : result.history.unchanged
          ? `Not recorded: the run found what the last record in ${relative(process.cwd(), result.history.file)} found (--record always records every run).`
          : `History already has this run (${relative(process.cwd(), result.history.file)}).`,
    );
  }
  if (result.badge) {
    lines.push(
      result.badge.written ? `Updated ${result.badge.label}.` : `${result.badge.label} is up to date.`,
    );
  }
  return lines.join("\n");
}

/**
 * With --commit, checks before the update writes anything that it can be committed, and returns what
 * commits the update's files once it has run; null without --commit.
 */
async function prepareCommit(
  checklist: string | undefined,
  opts: ReadinessCommandOptions,
): Promise<((result: RunResult) => Promise<CommitOutcome>) | null> {
  if (!opts.commit) {
    const alone = opts.push ? "--push" : opts.branch !== undefined ? "--branch" : null;
    if (alone) {
      throw new UsageError(`${alone} works with --commit only.`, `Add --commit, or leave out ${alone}.`);
    }
    return null;
  }
  if (opts.dryRun) {
    throw new UsageError(
      "--commit and --dry-run contradict each other: a dry run writes nothing to commit.",
      "Leave out one of them.",
    );
  }
  const [{ planCommit, commitReadiness }, { gitReleaseCli }] = await Promise.all([
    import("../delivery/commit-readiness.js"),
    import("../adapters/git/git-release-cli.js"),
  ]);
  const base = createDefaultPorts({
    github: gitHubAccessOf(opts),
  });
  const ports = { ...base, releaseGit: gitReleaseCli };
  const plan = await planCommit(
    {
      cwd: process.cwd(),
      ...(checklist !== undefined ? { checklist } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(opts.branch !== undefined ? { branch: opts.branch } : {}),
      push: Boolean(opts.push),
    },
    ports,
  );
  return (result) => commitReadiness(plan, result, ports);
}

function describeCommit(outcome: CommitOutcome): string {
  if ("skipped" in outcome)
    return `Nothing to commit: ${outcome.skipped.replace(/^nothing to commit: /, "")}.`;
  const lines = [
    `Committed ${outcome.files.join(", ")} as ${outcome.sha.slice(0, 12)} on ${outcome.branch}${outcome.via === "api" ? ` through GitHub's API${outcome.verified ? " (signed by GitHub)" : ""}` : ""}.`,
  ];
  if (outcome.pushed && outcome.via === "git") {
    const retried = outcome.attempts - 1;
    lines.push(
      `Pushed to ${outcome.branch}${retried > 0 ? ` after rebasing ${retried} time${retried === 1 ? "" : "s"} onto new commits there` : ""}.`,
    );
  } else if (outcome.pushed && outcome.attempts > 1) {
    lines.push(`The branch moved meanwhile: made again on its new head (${outcome.attempts} tries).`);
  }
  return lines.join("\n");
}
