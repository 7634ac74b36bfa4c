import { relative } from "node:path";
import { systemTimer } from "../adapters/clocks.js";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { processSecrets } from "../adapters/process-secrets.js";
import { createMetricReader } from "../adapters/create-metric-reader.js";
import { loadConfig } from "../config/load-config.js";
import { secretsOfConfig } from "../config/config-secrets.js";
import { metricSecretNames } from "../deploy/core/metric-secret-names.js";
import { planSamples } from "../deploy/core/plan-samples.js";
import type { MetricReader, VerifyResult } from "../deploy/ports.js";
import type { DeployStrategy, MetricSpec, StageSpec } from "../deploy/types.js";
import { verifyDeploy } from "../deploy/verify-deploy.js";
import { watchDeploy } from "../deploy/watch-deploy.js";
import { ConfigError, ExitCode, UsageError } from "../errors.js";
import { describeDuration } from "../evidence/describe-duration.js";
import { secretsOfEnvironment } from "../shared/find-secrets.js";
import type { GlobalOptions } from "./main.js";
import { parseDurationOption } from "./parse-duration-option.js";
import { renderVerifyText } from "./render-verify-text.js";
import { showVerifyProgress } from "./show-verify-progress.js";
import { terminalColors } from "./terminal-colors.js";

export interface VerifyCommandOptions extends GlobalOptions {
  env?: string;
  window?: string;
  watch?: string;
  /** --no-rollback: a failed watch does not fire monitoring_failure. */
  rollback?: boolean;
  json?: boolean;
}

/**
 * `shipready verify`: judges the strategy's validation metrics over their windows now (after a
 * deploy), or with --watch its monitoring metrics for that long. Every source is checked first (a
 * query Prometheus rejects stops here, exit 2, before any sample). A failed verification does not
 * roll back (the deploy runs it and rolls back on its verdict); a failed watch fires monitoring_failure,
 * whose rollback runs as `shipready rollback` (unless --no-rollback). Exit 0 verified, 1 failed or inconclusive, 2 bad
 * configuration or source, 130 interrupted.
 */
export async function runVerifyCommand(opts: VerifyCommandOptions, signal: AbortSignal): Promise<number> {
  const windowMs = parseDurationOption("--window", opts.window);
  const watchMs = parseDurationOption("--watch", opts.watch);
  if (windowMs !== undefined && watchMs !== undefined) {
    throw new UsageError(
      "--window and --watch do not go together",
      "Use --window to verify after a deploy, --watch to keep watching.",
    );
  }
  const cwd = process.cwd();
  const ports = createDefaultPorts();
  const secrets = ports.secrets ?? processSecrets;
  const { config } = await loadConfig(
    { cwd, near: cwd, ...(opts.config ? { config: opts.config } : {}) },
    ports,
  );
  const label = config.file ? relative(cwd, config.file) || config.file : "shipready.yml";
  const strategy = config.strategy;
  if (strategy === null) {
    throw new ConfigError(
      config.file
        ? `${label} defines no release strategy to verify`
        : "no shipready.yml was found here or in a folder above: there is no release strategy to verify",
      [],
      'Add validation: metrics and a source for each under sources: (see the README, "Verify a deploy").',
    );
  }
  const environment = chooseEnvironment(strategy, opts.env);
  const block = watchMs === undefined ? "validation" : "monitoring";
  const metrics = strategy.metrics.filter((m) => m.block === block);
  if (metrics.length === 0) {
    throw new ConfigError(
      `${label} has no ${block} metrics to ${watchMs === undefined ? "verify" : "watch"}`,
      [],
      `Add ${block}: metrics with a source for each under sources:.`,
    );
  }
  secrets.add(secretsOfConfig(config, ports.env));
  secrets.add(secretsOfEnvironment(ports.env, metricSecretNames(metrics)));

  const reader = createMetricReader({
    http: ports.http,
    shell: ports.shell,
    env: ports.env,
    cwd: config.root,
    vars: environment?.vars ?? {},
    redact: secrets.redact,
  });
  await checkSources(metrics, reader, label, signal);

  const colors = terminalColors(opts);
  const expected = metrics.map((m) => ({
    name: m.name,
    judgement: m.judgement,
    expected:
      watchMs === undefined
        ? planSamples(windowMs ?? m.windowMs, m.intervalMs, m.initialDelayMs).count
        : planSamples(watchMs, m.intervalMs, m.initialDelayMs).count,
  }));
  const redactingOut = { write: (text: string) => process.stdout.write(secrets.redact(text)) };
  const onSample = showVerifyProgress(expected, { json: opts.json ?? false, out: redactingOut, colors });
  const inconclusive = stagePolicy(strategy.stages);
  const deployedAt = systemTimer.now();
  const envName = environment?.name ?? strategy.defaultEnvironment;
  if (!opts.json) {
    const span =
      watchMs === undefined
        ? windowMs === undefined
          ? "each metric over its window"
          : `over ${describeDuration(windowMs)}`
        : `watching for ${describeDuration(watchMs)}`;
    redactingOut.write(
      `Verifying ${metrics.length} ${block} metric${metrics.length === 1 ? "" : "s"} of ${envName}, ${span}\n`,
    );
  }

  const result: VerifyResult =
    watchMs === undefined
      ? await verifyDeploy(
          {
            metrics,
            deployedAt,
            ...(windowMs !== undefined && { windowMs }),
            inconclusive,
            signal,
            onSample,
          },
          { reader, timer: systemTimer },
        )
      : await watchDeploy(
          { metrics, deployedAt, watchMs, inconclusive, signal, onSample },
          { reader, timer: systemTimer },
        );

  if (opts.json) {
    const json = {
      environment: envName,
      startedAt: deployedAt.toISOString(),
      endedAt: systemTimer.now().toISOString(),
      ...result,
    };
    process.stdout.write(secrets.redact(`${JSON.stringify(json, null, 2)}\n`));
  } else {
    const critical = new Set(metrics.filter((m) => m.critical).map((m) => m.name));
    const title = `\n${watchMs === undefined ? "Verification" : "Watch"} of ${envName} (${label})`;
    redactingOut.write(
      renderVerifyText(result, { title, critical, columns: process.stdout.columns || 120 }, colors),
    );
  }
  if (
    watchMs !== undefined &&
    opts.rollback !== false &&
    firesMonitoringFailure(strategy, result, inconclusive)
  ) {
    // The watch failed: monitoring_failure fires, and its action rolls back as `shipready rollback` does.
    if (!opts.json) redactingOut.write(`\nmonitoring_failure fired: rolling back ${envName}\n`);
    const { runRollbackCommand } = await import("./rollback-command.js");
    await runRollbackCommand(
      {
        ...opts,
        ...(opts.env !== undefined && { env: opts.env }),
        reason: result.reason,
        trigger: "monitoring_failure",
      },
      signal,
    );
  }
  return result.verdict === "pass" ? ExitCode.Ok : ExitCode.NotReady;
}

/** A failed watch (or an inconclusive one where the stage says so) fires monitoring_failure when its action is rollback. */
function firesMonitoringFailure(
  strategy: DeployStrategy,
  result: VerifyResult,
  inconclusive: StageSpec["inconclusive"],
): boolean {
  if (result.verdict === "pass") return false;
  if (result.verdict === "inconclusive" && inconclusive !== "rollback") return false;
  const trigger = strategy.triggers.find((t) => t.name === "monitoring_failure");
  return (trigger?.action ?? "rollback") === "rollback";
}

function chooseEnvironment(strategy: DeployStrategy, name: string | undefined) {
  if (strategy.environments.length === 0) {
    if (name !== undefined && name !== strategy.defaultEnvironment) {
      throw new UsageError(
        `--env ${name}: shipready.yml names no environments`,
        `Leave --env out, or add environments: { ${name}: {} } to shipready.yml.`,
      );
    }
    return null;
  }
  const wanted = name ?? strategy.defaultEnvironment;
  const found = strategy.environments.find((e) => e.name === wanted);
  if (!found) {
    throw new UsageError(
      `--env ${wanted} is not an environment of shipready.yml`,
      `Use one of: ${strategy.environments.map((e) => e.name).join(", ")}.`,
    );
  }
  return found;
}

/** What an inconclusive verification does: the post_release stage's policy, else the last validating stage's. */
function stagePolicy(stages: readonly StageSpec[]): StageSpec["inconclusive"] {
  const stage =
    stages.find((s) => s.name === "post_release") ?? [...stages].reverse().find((s) => s.validation);
  return stage?.inconclusive ?? "rollback";
}

/** Asks every source whether it can be read at all; any that cannot stops the run, naming each metric and its line. */
async function checkSources(
  metrics: MetricSpec[],
  reader: MetricReader,
  label: string,
  signal: AbortSignal,
): Promise<void> {
  const problems = (
    await Promise.all(
      metrics.map(async (m) => {
        const problem = await reader.check(m.source, { signal });
        return problem === null
          ? null
          : `${label}${m.line !== undefined ? `:${m.line}` : ""}: ${m.name}: ${problem}`;
      }),
    )
  ).filter((p): p is string => p !== null);
  if (problems.length > 0) {
    throw new ConfigError(
      `${problems.length} metric source${problems.length === 1 ? "" : "s"} cannot be read; nothing was verified:`,
      problems,
      "Fix the query or the source in shipready.yml (or start it), then run again.",
    );
  }
}
