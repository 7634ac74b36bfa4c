import { appendFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { gitCli } from "../adapters/git/git-cli.js";
import { chooseClock } from "../cli/choose-clock.js";
import type { CommitOutcome } from "../delivery/commit-readiness.js";
import { loadConfig } from "../config/load-config.js";
import { findChangedGates } from "../readiness/core/find-changed-gates.js";
import { formatPercent } from "../shared/format-percent.js";
import { parseChecklist } from "../readiness/core/parse-checklist.js";
import { ExitCode, ShipreadyError } from "../errors.js";
import { renderWorkflowCommand } from "../shared/escape-workflow-command.js";
import { secretsOfEnvironment } from "../shared/find-secrets.js";
import { createSecretKeeper, type SecretKeeper } from "../shared/secret-keeper.js";
import { renderAnnotations } from "../delivery/core/render-annotations.js";
import { renderJobSummary } from "../delivery/core/render-job-summary.js";
import { renderMetricsJobSummary } from "../delivery/core/render-metrics-job-summary.js";
import { READINESS_COMMENT_MARKER, renderReadinessComment } from "../delivery/core/render-readiness-comment.js";
import { keepPullRequestComment } from "../delivery/keep-pull-request-comment.js";
import { runThenDeliver } from "../delivery/run-then-deliver.js";
import type { RunPorts } from "../delivery/ports.js";
import type { RunResult } from "../delivery/types.js";
import { readActionInputs, type ActionInputs } from "./read-action-inputs.js";
import { readPullRequest } from "./read-pull-request.js";
import { readTrend } from "./read-trend.js";
import { readWeekMetrics } from "./read-week-metrics.js";
import { writeActionOutputs } from "./write-action-outputs.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The GitHub Action: reads the inputs, runs the readiness like `shipready update|check|score`, and
 * reports where GitHub shows it: the job summary, annotations at the checklist's lines, the step's
 * outputs, and on a pull request one comment kept up to date. Returns the exit code; everything the
 * runner reads goes through `write` (stdout), and every secret met is hidden in all of it: the log,
 * the summary, the outputs and the comment.
 */
export async function runAction(env: Env, write: (text: string) => void): Promise<number> {
  const secrets = createSecretKeeper(secretsOfEnvironment(env));
  const out = (text: string): void => write(secrets.redact(text));
  try {
    const inputs = readActionInputs(env);
    const given = [inputs.githubToken, inputs.slackWebhook].filter((s): s is string => s !== undefined);
    secrets.add(given);
    // The runner hides a masked value wherever the log would show it from here on.
    for (const secret of given) write(renderWorkflowCommand("add-mask", {}, secret));
    return await runWithInputs(inputs, env, out, secrets);
  } catch (error) {
    const known = error instanceof ShipreadyError;
    let message = known
      ? error.message
      : `shipready failed unexpectedly: ${(error as Error)?.message ?? String(error)}`;
    const problems =
      error instanceof ShipreadyError && "problems" in error ? (error.problems as string[]) : [];
    if (problems.length > 0) message += `\n${problems.map((p) => `  ${p}`).join("\n")}`;
    if (known && error.fix) message += `\n${error.fix}`;
    if (!known && env.RUNNER_DEBUG === "1" && error instanceof Error && error.stack)
      message += `\n${error.stack}`;
    out(renderWorkflowCommand("error", { title: "shipready" }, secrets.redact(message)));
    return known ? error.exitCode : ExitCode.Internal;
  }
}

async function runWithInputs(
  inputs: ActionInputs,
  env: Env,
  write: (text: string) => void,
  secrets: SecretKeeper,
): Promise<number> {
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  const noticed = new Set<string>();
  const notice = (message: string): void => {
    if (noticed.has(message)) return;
    noticed.add(message);
    write(renderWorkflowCommand("notice", { title: "shipready" }, message));
  };
  const ports = actionPorts(inputs, env, notice, secrets);
  const common = {
    cwd,
    ...(inputs.checklist !== undefined ? { checklist: inputs.checklist } : {}),
    ...(inputs.config !== undefined ? { config: inputs.config } : {}),
  };
  // Whether the update can be committed is checked before it writes anything.
  const committing = inputs.commit ? await prepareCommit(inputs, common, ports) : null;
  const pullRequest = inputs.comment ? await readPullRequest(env) : null;

  const result = await runThenDeliver(
    {
      ...common,
      mode: inputs.mode,
      ...(inputs.threshold !== undefined ? { threshold: inputs.threshold } : {}),
      notify: inputs.notify,
      ...(env.GITHUB_SHA && /^[0-9a-f]{40}$/.test(env.GITHUB_SHA) ? { commit: env.GITHUB_SHA } : {}),
    },
    ports,
  );
  const committed = committing ? await committing(result) : null;

  const top = (await ports.git.topLevel(dirname(result.checklist.path))) ?? cwd;
  const checklist = relative(top, result.checklist.path).split("\\").join("/");
  const { config } = await loadConfig({ ...common, near: dirname(result.checklist.path) }, ports);
  const before = parseChecklist(result.update?.before ?? (await ports.files.readText(result.checklist.path)), {
    statuses: config.statuses,
    matrix: config.matrix,
  });
  const changed = findChangedGates(before, result.readiness);
  const trend = await readTrend(result, config, ports);
  const r = result.readiness;

  write(
    logLine(
      `shipready: ${checklist}: ${formatPercent(r.score)} ${r.band.name}, ${r.ready ? "ready" : "not ready"} (threshold ${formatPercent(r.threshold)}), ${r.blockers.length} blocker${r.blockers.length === 1 ? "" : "s"}`,
    ),
  );
  write(renderAnnotations({ checklist, blockers: r.blockers, warnings: result.warnings }));
  for (const note of committed && "notes" in committed ? committed.notes : []) notice(note);

  const summary = renderJobSummary({
    checklist,
    readiness: r,
    mode: inputs.mode,
    changed,
    trend,
    notes: [...describeUpdate(result, checklist), ...(committed ? [describeCommit(committed)] : [])],
  });
  const week = await readWeekMetrics(
    config,
    config.github.repo ?? env.GITHUB_REPOSITORY ?? null,
    env,
    ports.clock,
    notice,
  );
  const metrics = week ? `\n${renderMetricsJobSummary(week)}` : "";
  if (env.GITHUB_STEP_SUMMARY)
    await appendFile(env.GITHUB_STEP_SUMMARY, secrets.redact(`${summary}${metrics}`), "utf8");

  if (pullRequest) {
    const body = secrets.redact(
      renderReadinessComment({
        checklist,
        readiness: r,
        changed,
        commit: env.GITHUB_SHA ?? null,
        runUrl: runUrlOf(env),
      }),
    );
    const kept = await keepPullRequestComment(
      {
        pr: pullRequest.number,
        fromFork: pullRequest.fromFork,
        marker: READINESS_COMMENT_MARKER,
        body,
        what: "readiness",
        why: "comment: true posts to the pull request",
      },
      { settings: config.github, dir: top },
      ports,
    );
    if ("skipped" in kept) notice(kept.skipped);
    else
      write(
        logLine(
          `shipready: ${kept.action === "unchanged" ? "the comment is up to date" : `${kept.action} the comment`}: ${kept.url}`,
        ),
      );
  }

  if (env.GITHUB_OUTPUT) {
    const outputs: Record<string, string> = {
      score: String(r.score),
      band: r.band.name,
      ready: String(r.ready),
      blockers: String(r.blockers.length),
      "blocker-list": JSON.stringify(
        r.blockers.map((b) => ({
          gate: b.gate,
          category: b.category,
          line: b.line,
          outcome: b.outcome,
          reason: b.reason,
        })),
      ),
      ...(committed && "sha" in committed ? { commit: committed.sha } : {}),
    };
    for (const [name, value] of Object.entries(outputs)) outputs[name] = secrets.redact(value);
    await writeActionOutputs(env.GITHUB_OUTPUT, outputs);
  }
  const gate = inputs.mode === "check" || inputs.failOnNotReady;
  return gate && !r.ready ? ExitCode.NotReady : ExitCode.Ok;
}

/**
 * The adapters of a local run, with the token and webhook from the inputs, and SQLite's absence (the
 * bundle runs without node_modules) told as one notice each rather than failing.
 */
function actionPorts(
  inputs: ActionInputs,
  env: Env,
  notice: (message: string) => void,
  secrets: SecretKeeper,
): RunPorts {
  // The environment as the run sees it: the inputs as the variables shipready reads. A command given
  // by evidence gets only the safe base and what its env: names (commandEnvironment), as on the
  // command line: env: [GITHUB_TOKEN] is how one is given the Action's token.
  const portsEnv: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith("INPUT_")),
  );
  if (inputs.githubToken !== undefined) portsEnv.GITHUB_TOKEN = inputs.githubToken;
  if (inputs.slackWebhook !== undefined) portsEnv.SLACK_WEBHOOK_URL = inputs.slackWebhook;
  const github = inputs.githubToken !== undefined ? { token: inputs.githubToken } : {};
  const base = createDefaultPorts({ clock: chooseClock(undefined, env), env: portsEnv, github, secrets });
  return {
    ...base,
    openHistory: async (settings) => {
      const { openHistoryStore } = await import("../adapters/open-history-store.js");
      return openHistoryStore(settings, { onWarning: notice, onNotice: notice });
    },
    openGitHub: async (settings, dir, why) => {
      const { openGitHub } = await import("../adapters/github/open-github.js");
      return openGitHub(settings, dir, { ...github, env: portsEnv, onNotice: notice, secrets }, gitCli, why);
    },
  };
}

async function prepareCommit(
  inputs: ActionInputs,
  common: { cwd: string; checklist?: string; config?: string },
  ports: RunPorts,
): Promise<(result: RunResult) => Promise<CommitOutcome>> {
  const [{ planCommit, commitReadiness }, { gitReleaseCli }] = await Promise.all([
    import("../delivery/commit-readiness.js"),
    import("../adapters/git/git-release-cli.js"),
  ]);
  const commitPorts = { ...ports, releaseGit: gitReleaseCli };
  const plan = await planCommit(
    { ...common, ...(inputs.branch !== undefined ? { branch: inputs.branch } : {}), push: inputs.push },
    commitPorts,
  );
  return (result) => commitReadiness(plan, result, commitPorts);
}

function describeUpdate(result: RunResult, checklist: string): string[] {
  if (!result.update) return [];
  return [result.update.written ? `Updated ${checklist}.` : `${checklist} was up to date.`];
}

function describeCommit(outcome: CommitOutcome): string {
  if ("skipped" in outcome)
    return `Nothing committed: ${outcome.skipped.replace(/^nothing to commit: /, "")}.`;
  const pushed = outcome.pushed ? ` and pushed` : "";
  return `Committed ${outcome.files.join(", ")} as ${outcome.sha.slice(0, 12)} on ${outcome.branch}${pushed}.`;
}

/** The workflow run's page, when the runner's variables give a plain https link. */
function runUrlOf(env: Env): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  if (!server || !repo || !id || !/^\d+$/.test(id) || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return null;
  if (!/^https?:\/\/[\w.:-]+$/.test(server.replace(/\/+$/, ""))) return null;
  return `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${id}`;
}

/** One line of plain log text: no line break or control character in it can start a workflow command. */
function logLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `${text.replace(/[\u0000-\u001f\u007f]+/g, " ")}\n`;
}
