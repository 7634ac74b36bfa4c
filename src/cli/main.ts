import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { processSecrets } from "../adapters/process-secrets.js";
import { ExitCode, UsageError } from "../errors.js";
import { heldWorkSettled } from "./hold-exit.js";
import { reportError } from "./report-error.js";

/** Options every command shares. */
export interface GlobalOptions {
  config?: string;
  debug?: boolean;
  color?: boolean;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The seed updater's `--check-only` (on its own or on update) means `check`. */
function translateSeedFlags(argv: string[]): string[] {
  if (!argv.includes("--check-only")) return argv;
  const rest = argv.filter((a) => a !== "--check-only");
  const command = rest.findIndex((a) => !a.startsWith("-"));
  if (command === -1) return ["check", ...rest];
  if (rest[command] === "update") return [...rest.slice(0, command), "check", ...rest.slice(command + 1)];
  return rest;
}

/**
 * `deploy --version 2` names the version deployed, but the program's own --version would print
 * shipready's: after `deploy`, --version is passed on as --version-to-deploy.
 */
function translateDeployVersion(argv: string[]): string[] {
  // The command is the first word that is not an option (nor the value of -c/--config).
  let at = 0;
  while (at < argv.length && (argv[at]!.startsWith("-") || ["-c", "--config"].includes(argv[at - 1] ?? "")))
    at++;
  if (argv[at] !== "deploy") return argv;
  return argv.map((arg, i) =>
    i <= at
      ? arg
      : arg === "--version"
        ? "--version-to-deploy"
        : arg.startsWith("--version=")
          ? `--version-to-deploy=${arg.slice("--version=".length)}`
          : arg,
  );
}

/** The values given to --token and --webhook (secrets both), as `--token VALUE` or `--token=VALUE`. */
function tokenArguments(argv: string[]): string[] {
  return argv.flatMap((arg, i) =>
    arg === "--token" || arg === "--webhook"
      ? [argv[i + 1] ?? ""]
      : arg.startsWith("--token=")
        ? [arg.slice("--token=".length)]
        : arg.startsWith("--webhook=")
          ? [arg.slice("--webhook=".length)]
          : [],
  );
}

/** The command named on the command line: its first word that is no option nor an option's value. */
/** A repeatable option's values: none, one or many. */
function listOf(value: unknown): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
}

/** The one repository a command measures or imports into; --repo given twice is a usage error. */
function oneRepo(value: unknown): string | undefined {
  const list = listOf(value);
  if (list.length > 1) {
    throw new UsageError(
      `--repo is given ${list.length} times (${list.join(", ")}), and this command works on one repository`,
      "Give --repo once; `shipready metrics sync` takes it repeated.",
    );
  }
  return list[0];
}

function commandOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-c" || arg === "--config") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** Runs the CLI and returns the exit code; never throws and never exits the process itself. */
export async function main(argv: string[]): Promise<number> {
  let debug = argv.includes("--debug");
  // Known from the start, so that even a usage error cannot show it.
  processSecrets.add(tokenArguments(argv));
  const interruption = new AbortController();
  const onSignal = (): void => {
    // A second Ctrl+C does not wait for anything.
    if (interruption.signal.aborted) process.exit(ExitCode.Interrupted);
    process.stderr.write("shipready: interrupted; files are either as they were or fully written\n");
    // Commands being collected run in process groups of their own, out of reach of the terminal's
    // Ctrl+C: aborting kills them. The exit follows at once; nothing is written after an abort.
    interruption.abort(new Error("interrupted"));
    // A command that must record how it stopped (a deploy) holds the exit until it has (hold-exit.ts).
    void heldWorkSettled(100).then(() => process.exit(ExitCode.Interrupted));
  };
  // Kept (not `once`) for the whole run: a module that also listens (signal-exit, under
  // proper-lockfile) re-raises the signal when it finds itself the only listener, killing the
  // process before the held work is done.
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // A write beyond the file size limit (ulimit -f) then fails with EFBIG, which is reported and
  // undone like a full disk, instead of killing the process half-way through a write.
  process.on("SIGXFSZ", () => undefined);

  let exitCode: number = ExitCode.Ok;
  const program = new Command("shipready").description(
    "Release readiness as code: score, update and gate a markdown release checklist.",
  );
  // `record deploy --version v1.4.2` names the version deployed: there the flag cannot print shipready's.
  if (commandOf(argv) !== "record") program.version(version(), "-V, --version", "print the version");
  program
    .option("-c, --config <file>", "shipready.yml to use (default: found by walking up from the checklist)")
    .option("--debug", "print stack traces on errors")
    .addOption(new Option("--no-color", "plain output without colours (also NO_COLOR=1)"))
    .showHelpAfterError("(run `shipready --help` for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  /** How to reach GitHub, for every command that may. */
  const gitHubOptions = (cmd: Command): Command =>
    cmd
      .option("--token <token>", "GitHub token (default: GITHUB_TOKEN, GH_TOKEN, then `gh auth token`)")
      .option(
        "--repo <owner/name>",
        "GitHub repository (default: shipready.yml, GITHUB_REPOSITORY, the git remote)",
      )
      .option(
        "--api-url <url>",
        "GitHub REST API URL, for GitHub Enterprise Server (default: GITHUB_API_URL)",
      );

  const readinessOptions = (cmd: Command): Command =>
    gitHubOptions(cmd)
      .argument(
        "[checklist]",
        "the markdown checklist (default: from shipready.yml, or the one *checklist*.md here)",
      )
      .option("--json", "print the result as one JSON object")
      .option("--threshold <n>", "score needed to be ready, 0-100 (default: config, else 90)")
      .option("--no-evidence", "score the written statuses; collect no evidence")
      .option("-v, --verbose", "show each piece of evidence and the GitHub requests made")
      .option("--explain", "list the places that show a status but were not read as gates, and why");

  readinessOptions(program.command("score"))
    .description("print the readiness of a checklist (read-only)")
    .action(async (checklist: string | undefined, opts, cmd: Command) => {
      const { runReadinessCommand } = await import("./run-readiness-command.js");
      exitCode = await runReadinessCommand(
        "score",
        checklist,
        { ...cmd.optsWithGlobals(), ...opts },
        interruption.signal,
      );
    });

  readinessOptions(program.command("check"))
    .description("exit 1 unless the checklist is ready: the CI gate (read-only; also --check-only)")
    .action(async (checklist: string | undefined, opts, cmd: Command) => {
      const { runReadinessCommand } = await import("./run-readiness-command.js");
      exitCode = await runReadinessCommand(
        "check",
        checklist,
        { ...cmd.optsWithGlobals(), ...opts },
        interruption.signal,
      );
    });

  readinessOptions(program.command("update"))
    .description(
      "collect evidence, rewrite bound gates, the score section and the CI snapshot, and record the run",
    )
    .option("--dry-run", "print a unified diff of what would change; write nothing")
    .option("--now <time>", "the time of the run, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .option("--no-history", "do not record this run in history")
    .option("--force", "rewrite the checklist even when its file is read-only")
    .option(
      "--record <when>",
      "changed: record the run only when it found something the last record did not (default); always: every run",
    )
    .option("--check", "after updating, exit 1 unless ready")
    .option(
      "--notify",
      "send the readiness to Slack or a webhook, as notify.policy allows (SLACK_WEBHOOK_URL)",
    )
    .option(
      "--commit",
      "commit the checklist and the history record when they changed (see commit: in shipready.yml)",
    )
    .option(
      "--branch <name>",
      "with --commit: the branch (default: the one checked out; needed on a detached HEAD)",
    )
    .option(
      "--push",
      "with --commit: push it, rebasing and retrying when the branch moved (commit.via: api: make it on GitHub)",
    )
    .action(async (checklist: string | undefined, opts, cmd: Command) => {
      const { runReadinessCommand } = await import("./run-readiness-command.js");
      exitCode = await runReadinessCommand(
        "update",
        checklist,
        { ...cmd.optsWithGlobals(), ...opts },
        interruption.signal,
      );
    });

  readinessOptions(program.command("badge"))
    .description("write an SVG badge of the score, coloured by band, for the README")
    .option(
      "--out <file>",
      "the SVG to write, or - for stdout (default: badge.file, else .shipready/badge.svg)",
    )
    .option("--label <text>", "the badge's left-hand text (default: badge.label, else readiness)")
    .action(async (checklist: string | undefined, opts, cmd: Command) => {
      const { runBadgeCommand } = await import("./badge-command.js");
      exitCode = await runBadgeCommand(checklist, { ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  gitHubOptions(program.command("report"))
    .description(
      "write the dashboard page, or the public status page, as one self-contained HTML file (read-only like score)",
    )
    .argument(
      "[checklist]",
      "the markdown checklist (default: from shipready.yml, or the one *checklist*.md here)",
    )
    .option("--html <file>", "the dashboard page to write, or - for stdout")
    .option(
      "--status-page [file]",
      "the public status page of the environments marked public: true (default status.html; - for stdout)",
    )
    .option("--threshold <n>", "score needed to be ready, 0-100 (default: config, else 90)")
    .option("--no-evidence", "score the written statuses; collect no evidence")
    .option("--now <time>", "the time of the run, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .action(async (checklist: string | undefined, opts, cmd: Command) => {
      const { runReportCommand } = await import("./report-command.js");
      exitCode = await runReportCommand(
        checklist,
        { ...cmd.optsWithGlobals(), ...opts },
        interruption.signal,
      );
    });

  const planOptions = (cmd: Command): Command =>
    cmd
      .option("--from <ref>", "start of the range, exclusive (default: the last release tag)")
      .option("--all", "the whole history, from the root commit")
      .option("--to <ref>", "end of the range (default: HEAD)")
      .option("--pre <id>", "make the next version a pre-release, such as rc (1.4.0-rc.0)")
      .option("--json", "print the plan as one JSON object: range, next version, counts, entries")
      .option("--now <time>", "the release date, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
      .option(
        "--package <path>",
        "in a release-please repository: only this package (its path or component)",
      );

  planOptions(program.command("changelog"))
    .description("print the changelog section of the commits since the last release (read-only)")
    .option(
      "--regenerate",
      "write the whole changelog file (release.changelog.file) from history: one section per version tag",
    )
    .option("--dry-run", "with --regenerate: print the file instead of writing it")
    .action(async (opts, cmd: Command) => {
      const { runReleasePlanCommand } = await import("./release-plan-command.js");
      exitCode = await runReleasePlanCommand("changelog", { ...cmd.optsWithGlobals(), ...opts });
    });

  planOptions(program.command("version"))
    .description("print the next version from the commits since the last release (read-only)")
    .action(async (opts, cmd: Command) => {
      const { runReleasePlanCommand } = await import("./release-plan-command.js");
      exitCode = await runReleasePlanCommand("version", { ...cmd.optsWithGlobals(), ...opts });
    });

  gitHubOptions(program.command("release"))
    .description(
      "cut the release: check readiness of this commit, bump versions, prepend CHANGELOG.md, commit, tag, push, GitHub Release",
    )
    .option(
      "--checklist <file>",
      "the checklist whose verdict gates the release (default: from shipready.yml)",
    )
    .option("--pre <id>", "release a pre-release, such as rc (1.4.0-rc.0)")
    .option(
      "--force <reason>",
      "release even when not ready; the reason is recorded in the tag and the notes",
    )
    .option("--dry-run", "list every step with what it would read and change; change nothing")
    .addOption(new Option("--no-push", "keep the release commit and tag local"))
    .addOption(new Option("--no-github-release", "do not create a GitHub Release"))
    .option("--json", "print the release report as one JSON object")
    .option("--now <time>", "the release date, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .action(async (opts, cmd: Command) => {
      const { runReleaseCommand } = await import("./release-command.js");
      exitCode = await runReleaseCommand({ ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  gitHubOptions(program.command("preview"))
    .description(
      "what merging this branch would release: next version, changelog entry, readiness change (read-only but for --comment)",
    )
    .option("--checklist <file>", "the checklist to score (default: from shipready.yml)")
    .option("--pre <id>", "preview a pre-release, such as rc")
    .option("--comment", "keep the preview as one comment on the pull request (created once, then edited)")
    .option("--pr <number>", "the pull request to comment on (default: the workflow event's)")
    .option("--json", "print the preview as one JSON object")
    .option(
      "--now <time>",
      "the date of the changelog entry, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)",
    )
    .action(async (opts, cmd: Command) => {
      const { runPreviewCommand } = await import("./preview-command.js");
      exitCode = await runPreviewCommand({ ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  gitHubOptions(program.command("serve"))
    .description(
      "serve a live dashboard of the checklist, its evidence and history on this machine (read-only)",
    )
    .argument(
      "[checklist]",
      "the markdown checklist (default: from shipready.yml, or the one *checklist*.md here)",
    )
    .option("--port <n>", "the port to listen on; 0 picks a free one (default: 4100)")
    .option(
      "--host <address>",
      "the address to listen on (default: 127.0.0.1; others reach it only when set)",
    )
    .option("--threshold <n>", "score needed to be ready, 0-100 (default: config, else 90)")
    .option("--no-evidence", "score the written statuses; collect no evidence, at start or on re-check")
    .option(
      "--org",
      "every repository in the metrics store side by side: readiness and DORA levels, each linking to its metrics page",
    )
    .action(async (checklist: string | undefined, opts, cmd: Command) => {
      const { runServeCommand } = await import("./serve-command.js");
      exitCode = await runServeCommand(checklist, { ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  program
    .command("lint-commits")
    .description("check that commit messages (or a pull request title) follow Conventional Commits")
    .option("--from <ref>", "start of the range, exclusive (default: the last release tag)")
    .option("--to <ref>", "end of the range (default: HEAD)")
    .option("--message <text>", "check this text, such as a pull request title, instead of commits")
    .option("--json", "print the result as one JSON object")
    .action(async (opts, cmd: Command) => {
      const { runLintCommitsCommand } = await import("./lint-commits-command.js");
      exitCode = await runLintCommitsCommand({ ...cmd.optsWithGlobals(), ...opts });
    });

  program
    .command("history")
    .description("show the readiness trend; import or export the seed updater's cache")
    .option("--json", "print the records and the trend as JSON")
    .option("--csv", "print the records as CSV")
    .option("--last <n>", "how many recent runs to show and average (default: config, else 10)")
    .option("--import <file>", "add the records of a .cache/readiness.json (the seed updater's format)")
    .option(
      "--export [file]",
      "write the records in the seed updater's format (default .cache/readiness.json)",
    )
    .option("--rebuild", "rebuild the local index from the history file")
    .action(async (opts, cmd: Command) => {
      const { runHistoryCommand } = await import("./history-command.js");
      exitCode = await runHistoryCommand({ ...cmd.optsWithGlobals(), ...opts });
    });

  const deployOptions = (cmd: Command): Command =>
    gitHubOptions(cmd)
      .option("--env <name>", "the environment (default: the strategy's only one, else production)")
      .option("--dry-run", "print each step and what it would run; run nothing, write nothing")
      .option("--json", "print the record (or the plan) as one JSON object");

  deployOptions(program.command("deploy"))
    .description(
      "run the release workflow for HEAD: validate, deploy, verify; roll back when verification fails",
    )
    .option(
      "--version <version>",
      "the version deployed (default: the version tag at HEAD, else git describe)",
    )
    .addOption(new Option("--version-to-deploy <version>").hideHelp())
    .option(
      "--resume",
      "go on with the last interrupted (or failed before verify) deploy from its first unfinished step",
    )
    .action(async (opts, cmd: Command) => {
      const { runDeployCommand } = await import("./deploy-command.js");
      exitCode = await runDeployCommand({ ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  deployOptions(program.command("rollback"))
    .description(
      "roll the environment back now (the manual trigger), to --to or the deploy before the live one",
    )
    .option("--to <version>", "the version (or git ref) to go back to")
    .option("--reason <text>", "why, kept on the record and the incident")
    .action(async (opts, cmd: Command) => {
      const { runRollbackCommand } = await import("./rollback-command.js");
      exitCode = await runRollbackCommand({ ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  program
    .command("promote")
    .description("let the deploy waiting in a canary pause go on (--full: past every remaining pause)")
    .option("--env <name>", "the environment (default: the strategy's only one, else production)")
    .option("--full", "skip every remaining pause, not only the current one")
    .option("--json", "print the promotion as one JSON object")
    .action(async (opts, cmd: Command) => {
      const { runPromoteCommand } = await import("./promote-command.js");
      exitCode = await runPromoteCommand({ ...cmd.optsWithGlobals(), ...opts });
    });

  const metrics = program
    .command("metrics")
    .description(
      "delivery performance (DORA): deployment frequency, lead time, change fail rate, recovery time, rework rate",
    )
    .option(
      "--since <span|time>",
      "start of the period: a span back from --until (90d, 12w) or a time (default 90d)",
    )
    .option("--until <time>", "end of the period, exclusive (default: now)")
    .option(
      "--env <name>",
      "the environment measured (default: the first of metrics.environments, production)",
    )
    .option(
      "--repo <owner/name>",
      "the repository's events (default: shipready.yml, the git remote)",
      // Kept as a list: `metrics sync` takes it repeated, and this command's options are parsed first.
      (value: string, list: string[] = []) => [...list, value],
    )
    .option(
      "--report <year>",
      "the DORA report whose bands rate the metrics: 2021, 2022, 2023, 2024 (default: the latest)",
    )
    .option("--weekly", "add a row per ISO week")
    .option("--explain", "list every deploy and incident behind the numbers, and why each was classified so")
    .option("--org", "every repository in the store side by side, with its readiness and levels")
    .option("--json", "print the metrics as one JSON object")
    .option("--csv", "print the metrics as CSV: one row per metric (and per week with --weekly)")
    .option("--now <time>", "the time of the run, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .action(async (opts, cmd: Command) => {
      const { runMetricsCommand } = await import("./metrics-command.js");
      exitCode = await runMetricsCommand({ ...cmd.optsWithGlobals(), ...opts, repo: oneRepo(opts.repo) });
    });
  metrics
    .command("import")
    .description(
      "add deploys, incidents and recoveries kept elsewhere: JSON, JSON lines or CSV (schema/events.schema.json)",
    )
    .argument("<file>", "the events file: .json, .jsonl or .csv")
    .option("--repo <owner/name>", "the repository events without a repo belong to (default: this one)")
    .action(async (file: string, opts, cmd: Command) => {
      const { runMetricsImportCommand } = await import("./metrics-command.js");
      const repo = oneRepo([...listOf(cmd.parent?.opts().repo), ...listOf(opts.repo)]);
      exitCode = await runMetricsImportCommand(file, { ...cmd.optsWithGlobals(), ...opts, repo });
    });

  metrics
    .command("sync")
    .description(
      "bring GitHub's deployments, deploy workflow runs, incident issues and tags into the store, reading only what changed",
    )
    .option(
      "--repo <owner/name>",
      "a repository to sync; repeat for several (default: this one)",
      (value: string, list: string[] = []) => [...list, value],
    )
    .option("--repos-file <file>", "a file listing repositories to sync, one owner/name a line (# comments)")
    .option("--token <token>", "GitHub token (default: GITHUB_TOKEN, GH_TOKEN, then `gh auth token`)")
    .option("--api-url <url>", "GitHub REST API URL, for GitHub Enterprise Server (default: GITHUB_API_URL)")
    .option("--json", "print the summary as one JSON object")
    .option("--now <time>", "the time of the run, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .action(async (opts, cmd: Command) => {
      const { runMetricsSyncCommand } = await import("./metrics-sync-command.js");
      // `metrics` reads --repo before its subcommands do: the list may be on either.
      const repo = [...listOf(cmd.parent?.opts().repo), ...listOf(opts.repo)];
      exitCode = await runMetricsSyncCommand({ ...cmd.optsWithGlobals(), ...opts, repo });
    });

  const db = program
    .command("db")
    .description(
      "the metrics store's schema: SQLite at metrics.store, or PostgreSQL when SHIPREADY_DATABASE_URL is set",
    );
  db.command("migrate")
    .description("bring the metrics store's schema up to this shipready's version (again: a no-op)")
    .option("--json", "print what was applied as one JSON object")
    .action(async (opts, cmd: Command) => {
      const { runDbMigrateCommand } = await import("./db-command.js");
      exitCode = await runDbMigrateCommand({ ...cmd.optsWithGlobals(), ...opts });
    });
  db.command("status")
    .description(
      "the metrics store in use, its schema version and pending migrations (exit 1 when it must be migrated first)",
    )
    .option("--json", "print the status as one JSON object")
    .action(async (opts, cmd: Command) => {
      const { runDbStatusCommand } = await import("./db-command.js");
      exitCode = await runDbStatusCommand({ ...cmd.optsWithGlobals(), ...opts });
    });

  metrics
    .command("digest")
    .description(
      "send the week's delivery performance to Slack (and notify.webhook): the five metrics, the change since the week before, 90-day levels, failed deploys",
    )
    .option("--since <span|time>", "the period the digest covers, back from now (default 7d)")
    .option("--env <name>", "the environment (default: the first of metrics.environments, production)")
    .option("--repo <owner/name>", "the repository's events (default: shipready.yml, the git remote)")
    .option("--report <year>", "the DORA report whose bands rate the metrics (default: the latest)")
    .option("--slack", "send to the Slack webhook only, not to notify.webhook")
    .option(
      "--webhook <url>",
      "the Slack incoming webhook to send to (default: SLACK_WEBHOOK_URL, notify.slack.webhook); a secret, never printed",
    )
    .option("--dry-run", "print the messages as JSON and send nothing")
    .option("--now <time>", "the end of the period, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .action(async (opts, cmd: Command) => {
      const { runMetricsDigestCommand } = await import("./metrics-digest-command.js");
      const repo = oneRepo([...listOf(cmd.parent?.opts().repo), ...listOf(opts.repo)]);
      exitCode = await runMetricsDigestCommand({ ...cmd.optsWithGlobals(), ...opts, repo });
    });

  program
    .command("record")
    .description("record a deploy, an incident or a recovery, as a CD system or an on-call tool sees it")
    .argument("<kind>", "deploy, incident or recovery")
    .option("--env <name>", "the environment (default: the first of metrics.environments, production)")
    .option("--id <id>", "the event's id in your tool: recording it again replaces it (incidents: required)")
    .option("--version <version>", "deploy: the version deployed; recovery: the version deployed to recover")
    .option("--commit <sha>", "deploy: the commit deployed; recovery: the commit deployed to recover")
    .option(
      "--status <status>",
      "deploy: success, failure, rolled-back, aborted, running (default success); recovery: success or failure",
    )
    .option("--started-at <time>", "deploy: when it started, ISO 8601")
    .option(
      "--finished-at <time>",
      "deploy: when it went live; recovery: when service was restored (default: now)",
    )
    .option(
      "--opened-at <time>",
      "incident: when it was opened (default: now, unless only --resolved-at is given)",
    )
    .option("--resolved-at <time>", "incident: when it was resolved")
    .option(
      "--cause <ref>",
      "incident or recovery: the deploy that failed: a version, a commit or deploy:<id>",
    )
    .option("--incident <id>", "recovery: the incident it resolves")
    .option("--rollback", "recovery: it rolled back (default: a fix was deployed)")
    .option("--rework", "deploy: unplanned work to fix a failure (a hotfix)")
    .option("--planned", "deploy: planned work, whatever its commits say")
    .option(
      "--fixes <ref>",
      "deploy: the failure it fixes (a version, commit or incident id); makes it rework",
    )
    .option("--reason <text>", "why it failed, was rolled back or was needed")
    .option("--title <text>", "incident: what happened")
    .option("--url <url>", "where to see it")
    .option("--repo <owner/name>", "the repository (default: shipready.yml, the git remote)")
    .option("--json", "print the event recorded as JSON")
    .option("--now <time>", "the time of the run, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)")
    .action(async (kind: string, opts, cmd: Command) => {
      const { runRecordCommand } = await import("./record-command.js");
      exitCode = await runRecordCommand(kind, { ...cmd.optsWithGlobals(), ...opts });
    });

  program
    .command("strategy")
    .description(
      "show the release strategy of shipready.yml as understood: stages, workflows and what each step runs, triggers, metrics",
    )
    .option("--json", "print the strategy and what each name resolves to as one JSON object")
    .option(
      "--prometheus-rules [file]",
      "write Prometheus alerting rules from monitoring.alerts to the file (default: print them)",
    )
    .option(
      "--update <document>",
      "rewrite the release status between <!-- STRATEGY_STATUS_START --> and _END from the deploy records",
    )
    .action(async (opts, cmd: Command) => {
      const { runStrategyCommand } = await import("./strategy-command.js");
      exitCode = await runStrategyCommand({ ...cmd.optsWithGlobals(), ...opts });
    });

  program
    .command("verify")
    .description(
      "verify a deploy: sample the strategy's validation metrics over their windows (exit 0 verified, 1 failed or inconclusive)",
    )
    .option("--env <name>", "the environment deployed to (default: the strategy's only one, else production)")
    .option("--window <duration>", "verify every metric over this window instead of its own: 300, 5m, 90s")
    .option(
      "--watch <duration>",
      "keep judging the monitoring metrics for this long (24h), stopping at the first failed window",
    )
    .option(
      "--no-rollback",
      "with --watch: report a failed window without firing monitoring_failure's rollback",
    )
    .option("--json", "print the result as one JSON object")
    .action(async (opts, cmd: Command) => {
      const { runVerifyCommand } = await import("./verify-command.js");
      exitCode = await runVerifyCommand({ ...cmd.optsWithGlobals(), ...opts }, interruption.signal);
    });

  program
    .command("init")
    .description("write a starter shipready.yml and checklist into this folder")
    .option("--checklist <file>", "name of the checklist to create", "RELEASE_CHECKLIST.md")
    .option("--force", "overwrite files that exist")
    .option(
      "--github",
      "write the GitHub workflows instead: shipready.yml (the Action), deploy.yml and rollback.yml; existing ones are kept",
    )
    .option(
      "--kit",
      "write the repository kit instead: issue forms, pull request template, CODEOWNERS (suggested from history), labeler, stale and Dependabot auto-merge workflows; never overwrites",
    )
    .action(async (opts, cmd: Command) => {
      const { runInitCommand } = await import("./init-command.js");
      exitCode = await runInitCommand({ ...cmd.optsWithGlobals(), ...opts });
    });

  try {
    await program.parseAsync(translateDeployVersion(translateSeedFlags(argv)), { from: "user" });
    debug = Boolean(program.opts<GlobalOptions>().debug);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version print through commander and exit 0; anything else is a usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return reportError(error, debug);
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
  return exitCode;
}
