import { createDefaultPorts } from "../adapters/default-ports.js";
import { gitReleaseCli } from "../adapters/git/git-release-cli.js";
import { cutRelease } from "../release/cut-release.js";
import { ExitCode, UsageError } from "../errors.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { renderReleaseHeading, renderReleaseOutcome, renderReleaseStep } from "./render-release-text.js";
import { chooseClock } from "./choose-clock.js";
import type { GlobalOptions } from "./main.js";
import { gitHubAccessOf } from "./github-flags.js";

export interface ReleaseCommandOptions extends GlobalOptions {
  checklist?: string;
  pre?: string;
  force?: string | boolean;
  dryRun?: boolean;
  push?: boolean;
  githubRelease?: boolean;
  package?: string;
  json?: boolean;
  now?: string;
  token?: string;
  repo?: string;
  apiUrl?: string;
}

/** `release`: cut the release step by step, printing each step as it ends. */
export async function runReleaseCommand(opts: ReleaseCommandOptions, signal?: AbortSignal): Promise<number> {
  if (opts.force === true || (typeof opts.force === "string" && opts.force.trim() === "")) {
    throw new UsageError(
      "--force needs a reason, which the tag and the release notes record.",
      'Write it as --force "hotfix for the login outage, approved by @lead".',
    );
  }
  const [{ findLastReleaseTag, readCommits }, { gitPackageHistory }] = await Promise.all([
    import("../adapters/git/git-history.js"),
    import("../adapters/git/git-package-history.js"),
  ]);
  const ports = {
    ...createDefaultPorts({
      clock: chooseClock(opts.now, process.env),
      github: gitHubAccessOf(opts),
    }),
    history: { readCommits, findLastReleaseTag },
    releaseGit: gitReleaseCli,
    packageHistory: gitPackageHistory,
  };
  const report = await cutRelease(
    {
      cwd: process.cwd(),
      ...(opts.config !== undefined && { config: opts.config }),
      ...(opts.checklist !== undefined && { checklist: opts.checklist }),
      ...(opts.pre !== undefined && { pre: opts.pre }),
      ...(typeof opts.force === "string" && { force: opts.force.trim() }),
      dryRun: Boolean(opts.dryRun),
      ...(opts.push === false && { push: false }),
      ...(opts.githubRelease === false && { githubRelease: false }),
      ...(opts.package !== undefined && { package: opts.package }),
      ...(signal && { signal }),
    },
    ports,
    opts.json
      ? {}
      : {
          onPlan: (planned) => process.stdout.write(renderReleaseHeading(planned)),
          onStep: (step) => process.stdout.write(renderReleaseStep(step, Boolean(opts.dryRun))),
        },
  );
  for (const warning of report.warnings)
    process.stderr.write(`shipready: ${escapeTerminal(warning.message)}\n`);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(renderReleaseOutcome(report));
  }
  return report.refused ? ExitCode.NotReady : ExitCode.Ok;
}
