import { gitCli } from "../adapters/git-cli.js";
import { nodeFiles } from "../adapters/node-files.js";
import { ExitCode } from "../errors.js";
import { planRelease, type ReleasePlan } from "../plan-release.js";
import { escapeTerminal } from "../reporters/escape-terminal.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";

export interface ReleasePlanOptions extends GlobalOptions {
  from?: string;
  all?: boolean;
  to?: string;
  pre?: string;
  json?: boolean;
  now?: string;
}

/** `changelog` prints the section the range adds; `version` prints the version it makes. */
export async function runReleasePlanCommand(
  command: "changelog" | "version",
  opts: ReleasePlanOptions,
): Promise<number> {
  // Loaded here: only these commands read history.
  const { findLastReleaseTag, readCommits } = await import("../adapters/git-history.js");
  const plan = await planRelease(
    {
      cwd: process.cwd(),
      ...(opts.config !== undefined && { config: opts.config }),
      ...(opts.from !== undefined && { from: opts.from }),
      ...(opts.all && { from: null }),
      ...(opts.to !== undefined && { to: opts.to }),
      ...(opts.pre !== undefined && { pre: opts.pre }),
      // Only --json prints the entries; without it holding them would only cost memory.
      keepEntries: opts.json === true,
    },
    {
      files: nodeFiles,
      git: gitCli,
      clock: chooseClock(opts.now, process.env),
      history: { readCommits, findLastReleaseTag },
    },
  );
  for (const warning of plan.warnings)
    process.stderr.write(`shipready: ${escapeTerminal(warning.message)}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonOf(plan), null, 2)}\n`);
    return ExitCode.Ok;
  }
  if (command === "changelog") {
    process.stdout.write(plan.markdown);
  } else if (plan.next.version !== null) {
    process.stdout.write(`${plan.next.version}\n`);
  }
  process.stderr.write(`${summary(plan)}\n`);
  return ExitCode.Ok;
}

function summary(plan: ReleasePlan): string {
  const c = plan.counts;
  const since = plan.range.from ? `since ${plan.range.from}` : "in the whole history";
  const release =
    plan.next.version !== null
      ? `a ${plan.next.bump} release: ${plan.range.fromVersion ?? "first release"} -> ${plan.next.version}`
      : plan.next.bump === "none"
        ? "nothing that needs a release"
        : `a ${plan.next.bump} bump, but no next version: the range does not start at a release tag`;
  const merges = c.merges > 0 ? `, ${c.merges} merge commit${c.merges === 1 ? "" : "s"} left out` : "";
  return `${c.commits} commits ${since} (${c.conventional} conventional, ${c.others} not${merges}, ${c.breaking} breaking): ${release}`;
}

function jsonOf(plan: ReleasePlan): object {
  return {
    range: plan.range,
    next: plan.next,
    counts: plan.counts,
    changelog: plan.markdown,
    entries: plan.entries,
    others: plan.others,
    warnings: plan.warnings.map((w) => ({ message: w.message, code: w.code })),
  };
}
