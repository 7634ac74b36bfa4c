import { relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import { ExitCode } from "../errors.js";
import { renderReadinessJson } from "../reporters/render-readiness-json.js";
import { renderEvidenceText } from "../reporters/render-evidence-text.js";
import { renderReadinessText } from "../reporters/render-readiness-text.js";
import { runReadiness, type RunResult } from "../run.js";
import { showNotifyReport } from "./show-notify-report.js";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { chooseClock } from "./choose-clock.js";
import { terminalColors } from "./terminal-colors.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";

export interface ReadinessCommandOptions extends GlobalOptions {
  json?: boolean;
  threshold?: string;
  dryRun?: boolean;
  now?: string;
  history?: boolean;
  check?: boolean;
  evidence?: boolean;
  verbose?: boolean;
  token?: string;
  repo?: string;
  apiUrl?: string;
  notify?: boolean;
}

/** score, check and update: run, print, and turn the verdict into the exit code. */
export async function runReadinessCommand(
  mode: "score" | "check" | "update",
  checklist: string | undefined,
  opts: ReadinessCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const threshold = parseNumberOption("--threshold", opts.threshold, 0, 100);
  const result = await runReadiness(
    {
      cwd: process.cwd(),
      mode,
      ...(checklist !== undefined ? { checklist } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      dryRun: Boolean(opts.dryRun),
      history: opts.history !== false,
      evidence: opts.evidence !== false,
      notify: Boolean(opts.notify),
      ...(signal ? { signal } : {}),
    },
    createDefaultPorts({
      clock: chooseClock(opts.now, process.env),
      github: {
        ...(opts.token !== undefined && { token: opts.token }),
        ...(opts.repo !== undefined && { repo: opts.repo }),
        ...(opts.apiUrl !== undefined && { apiUrl: opts.apiUrl }),
      },
    }),
  );
  const colors = terminalColors(opts);

  if (opts.json) {
    process.stdout.write(renderReadinessJson(result, opts.dryRun ? diffOf(result) : undefined));
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
    if (result.update) process.stdout.write(`\n${describeUpdate(result)}\n`);
  }

  if (result.notify) showNotifyReport(result.notify, Boolean(opts.json));

  const gate = mode === "check" || (mode === "update" && opts.check);
  return gate && !result.readiness.ready ? ExitCode.NotReady : ExitCode.Ok;
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
