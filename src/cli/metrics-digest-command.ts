import { existsSync } from "node:fs";
import { relative } from "node:path";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { gitChangeHistory } from "../adapters/git/git-change-history.js";
import { processSecrets } from "../adapters/process-secrets.js";
import { RECORD_SOMETHING } from "../dashboard/load-metrics-view.js";
import {
  renderMetricsDigestBlocks,
  renderMetricsDigestPayload,
} from "../delivery/core/render-metrics-digest-blocks.js";
import { resolveNotifyTargets, type ResolvedNotifyTarget } from "../delivery/resolve-notify-targets.js";
import { ExitCode, InputError, UsageError } from "../errors.js";
import { BAND_REPORTS, pickBandReport } from "../metrics/band-reports.js";
import { matchEnvironment } from "../metrics/core/match-environment.js";
import { parsePeriod } from "../metrics/core/parse-period.js";
import { summarizeWeek } from "../metrics/core/summarize-week.js";
import { measureWeek } from "../metrics/measure-week.js";
import { syncDeployRecords } from "../metrics/sync-deploy-records.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import type { GlobalOptions } from "./main.js";
import { resolveMetricsSetup } from "./open-metrics-context.js";

export interface MetricsDigestOptions extends GlobalOptions {
  since?: string;
  env?: string;
  repo?: string;
  report?: string;
  /** Only the Slack webhook, not notify.webhook. */
  slack?: boolean;
  /** A Slack incoming webhook's URL, instead of SLACK_WEBHOOK_URL and shipready.yml's. */
  webhook?: string;
  dryRun?: boolean;
  now?: string;
}

const NO_TARGET_FIX =
  "Set SLACK_WEBHOOK_URL to a Slack incoming webhook's URL (a secret in CI), set notify.slack.webhook or notify.webhook.url in shipready.yml, or pass --webhook; --dry-run prints the message without sending it.";

/**
 * `shipready metrics digest`: the week's delivery performance sent to Slack (and the generic
 * webhook): the five metrics, how each moved since the week before, their levels over 90 days,
 * and the failed deploys. Meant for a scheduled workflow; --dry-run prints the messages instead.
 * Webhook URLs are secrets: messages name a target by its label, never by its URL.
 */
export async function runMetricsDigestCommand(opts: MetricsDigestOptions): Promise<number> {
  const bands = pickBandReport(opts.report ?? null);
  if (!bands) {
    throw new UsageError(
      `there are no bands of a DORA report "${opts.report}"`,
      `Pick one of ${BAND_REPORTS.map((r) => r.year).join(", ")} (--report 2024), or leave --report out for the latest.`,
    );
  }
  const setup = await resolveMetricsSetup(opts);
  const { config, ports } = setup;
  const targets = chooseTargets(opts, config.notify, config.file ? relative(setup.cwd, config.file) : null);
  const period = parsePeriod(opts.since ?? "7d", undefined, ports.clock.now().getTime());
  if (!period.ok) throw new UsageError(`${period.flag}: ${period.problem}`, period.fix);

  const recordsFile = config.strategy?.recordsFile ?? config.metrics.deployRecords;
  const withRecords = existsSync(recordsFile);
  if (!withRecords && !setup.storeExists()) {
    throw new InputError(
      `no deploys of ${setup.repo} are recorded: ${setup.storeLabel} does not exist`,
      RECORD_SOMETHING,
    );
  }
  const store = await setup.openStore();
  let summary;
  try {
    if (withRecords) {
      const problems: string[] = [];
      const records = deployRecordsFile(recordsFile, { onWarning: (m) => problems.push(m) });
      await syncDeployRecords(store, async () => ({ records: await records.list(), problems }), setup.repo);
    }
    const reports = await measureWeek(store, gitChangeHistory(config.root), {
      repo: setup.repo,
      environment: matchEnvironment(
        opts.env ?? config.metrics.defaultEnvironment,
        config.metrics.environments,
      ),
      since: period.since,
      until: period.until,
      minSample: config.metrics.minSample,
      bands:
        opts.report === undefined && config.metrics.report !== null
          ? (pickBandReport(config.metrics.report) ?? bands)
          : bands,
    });
    summary = summarizeWeek(reports);
  } finally {
    await store.close();
  }
  const show = (text: string) => processSecrets.redact(escapeTerminal(text));
  const what = `the delivery digest of ${summary.repo} in ${summary.environment} (${summary.since.slice(0, 10)} to ${summary.until.slice(0, 10)})`;
  if (opts.dryRun) {
    const messages = (
      targets.length > 0 ? targets : [{ kind: "slack" as const, label: "Slack (no webhook configured)" }]
    ).map((target) => ({
      target: target.label,
      payload:
        target.kind === "slack" ? renderMetricsDigestBlocks(summary) : renderMetricsDigestPayload(summary),
    }));
    process.stdout.write(processSecrets.redact(`${JSON.stringify({ dryRun: true, messages }, null, 2)}\n`));
    process.stderr.write(show(`shipready: --dry-run: ${what} was not sent.\n`));
    return ExitCode.Ok;
  }
  if (!ports.notifier) throw new Error("no notifier");
  const failures: string[] = [];
  for (const target of targets) {
    const payload =
      target.kind === "slack" ? renderMetricsDigestBlocks(summary) : renderMetricsDigestPayload(summary);
    const delivery = await ports.notifier.post(target, payload);
    if (delivery.ok) process.stdout.write(show(`Sent ${what} to ${target.label}.\n`));
    else failures.push(delivery.message);
  }
  for (const failure of failures) process.stderr.write(show(`shipready: ${what} was not sent: ${failure}\n`));
  return failures.length > 0 ? ExitCode.NotReady : ExitCode.Ok;
}

/** --webhook, else the configured targets (Slack only with --slack); at least one, or a usage error. */
function chooseTargets(
  opts: MetricsDigestOptions,
  settings: Parameters<typeof resolveNotifyTargets>[0],
  configLabel: string | null,
): ResolvedNotifyTarget[] {
  if (opts.webhook !== undefined) {
    const url = opts.webhook.trim();
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new UsageError(
        "--webhook does not hold an http or https URL",
        "Give the incoming webhook's full URL, such as Slack's https://hooks.slack.com/services/...; better, set SLACK_WEBHOOK_URL, which no process list shows.",
      );
    }
    return [{ kind: "slack", url, headers: {}, label: "the Slack webhook given with --webhook" }];
  }
  const all = resolveNotifyTargets(settings, process.env, configLabel, {
    name: "metrics digest",
    optional: true,
  });
  const targets = opts.slack ? all.filter((t) => t.kind === "slack") : all;
  if (targets.length === 0 && !opts.dryRun) {
    throw new UsageError(
      opts.slack
        ? "metrics digest --slack: no Slack webhook is configured: SLACK_WEBHOOK_URL is not set and shipready.yml has no notify.slack"
        : "metrics digest: no webhook is configured: SLACK_WEBHOOK_URL is not set and shipready.yml has no notify.slack or notify.webhook",
      NO_TARGET_FIX,
    );
  }
  return targets;
}
