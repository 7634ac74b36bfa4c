import { relative, resolve } from "node:path";
import { deployRecordsFile } from "../adapters/deploy-records-file.js";
import { gitCli } from "../adapters/git/git-cli.js";
import { nodeFiles } from "../adapters/node-files.js";
import { processSecrets } from "../adapters/process-secrets.js";
import { secretsOfConfig } from "../config/config-secrets.js";
import { loadConfig } from "../config/load-config.js";
import { describeStrategy } from "../deploy/core/describe-strategy.js";
import { renderStrategyText } from "../deploy/core/render-strategy-text.js";
import { exportAlertRules } from "../deploy/export-alert-rules.js";
import { ExitCode, InputError, UsageError } from "../errors.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import type { GlobalOptions } from "./main.js";

export interface StrategyCommandOptions extends GlobalOptions {
  json?: boolean;
  /** The rule file to write; true: print it. */
  prometheusRules?: string | boolean;
  update?: string;
}

/**
 * `shipready strategy`: the release strategy as understood (every step, check, trigger and metric
 * resolved to what it runs); `--prometheus-rules` writes alerting rules from its alerts; `--update`
 * rewrites a document's release status section from the deploy records. An invalid strategy is a
 * ConfigError (exit 2) before anything is written.
 */
export async function runStrategyCommand(opts: StrategyCommandOptions): Promise<number> {
  if (opts.prometheusRules !== undefined && opts.update !== undefined) {
    throw new UsageError(
      "--prometheus-rules and --update do different things",
      "Run shipready strategy once with each.",
    );
  }
  const cwd = process.cwd();
  const { config, warnings } = await loadConfig(
    { cwd, near: cwd, ...(opts.config !== undefined && { config: opts.config }) },
    { files: nodeFiles, git: gitCli },
  );
  processSecrets.add(secretsOfConfig(config, process.env));
  const show = (text: string) => processSecrets.redact(escapeTerminal(text));
  for (const warning of warnings) {
    process.stderr.write(show(`shipready: ${warning.file}:${warning.line ?? 1}: ${warning.message}\n`));
  }
  const source = config.file === null ? "shipready.yml" : relative(cwd, config.file) || config.file;
  const strategy = config.strategy;
  if (strategy === null) {
    throw new InputError(
      config.file === null
        ? "no shipready.yml here or above, so there is no release strategy to show"
        : `${source} writes no release strategy`,
      "Write the release strategy into shipready.yml (strategy:, rollback:, validation:, monitoring:, automation:, and steps: for what each step runs); see the README's Release strategy section.",
    );
  }
  // Relative to where the user stands, unless that means climbing out of it.
  const showPath = (path: string) => {
    const shown = relative(cwd, path);
    return shown === "" ? "." : shown.startsWith("..") ? path : shown;
  };

  if (opts.prometheusRules !== undefined) {
    const file = typeof opts.prometheusRules === "string" ? resolve(cwd, opts.prometheusRules) : undefined;
    const { text, plan } = await exportAlertRules(
      { strategy, source, ...(file !== undefined && { file }) },
      { files: nodeFiles },
    );
    const skipped = plan.skipped.map((s) => `skipped ${s.alert}: ${s.reason}`);
    if (opts.json) {
      const json = {
        file: file === undefined ? null : showPath(file),
        rules: plan.rules,
        skipped: plan.skipped,
      };
      process.stdout.write(show(`${JSON.stringify(json, null, 2)}\n`));
    } else if (file === undefined) {
      process.stdout.write(show(text));
      for (const line of skipped) process.stderr.write(show(`shipready: ${line}\n`));
    } else {
      const count = `${plan.rules.length} alerting rule${plan.rules.length === 1 ? "" : "s"}`;
      process.stdout.write(
        show([`Wrote ${count} to ${showPath(file)}.`, ...skipped.map((l) => `  ${l}`)].join("\n") + "\n"),
      );
    }
    return ExitCode.Ok;
  }

  if (opts.update !== undefined) {
    const document = resolve(cwd, opts.update);
    const recordsLabel = relative(config.root, strategy.recordsFile) || strategy.recordsFile;
    const records = deployRecordsFile(strategy.recordsFile, {
      label: showPath(strategy.recordsFile),
      onWarning: (message) => process.stderr.write(show(`shipready: ${message}\n`)),
    });
    // Loaded here: only --update reads markdown.
    const { updateStrategyStatus } = await import("../deploy/update-strategy-status.js");
    const result = await updateStrategyStatus(
      { document, label: showPath(document), strategy, recordsLabel },
      { files: nodeFiles, records },
    );
    if (opts.json) {
      const json = { document: showPath(document), changed: result.changed, records: result.records };
      process.stdout.write(show(`${JSON.stringify(json, null, 2)}\n`));
    } else {
      const from = `${result.records} deploy record${result.records === 1 ? "" : "s"}`;
      process.stdout.write(
        show(
          result.changed
            ? `Updated the release status in ${showPath(document)} from ${from}.\n`
            : `${showPath(document)} already shows the release status of ${from}; nothing written.\n`,
        ),
      );
    }
    return ExitCode.Ok;
  }

  const view = describeStrategy(strategy, showPath);
  if (opts.json) {
    process.stdout.write(show(`${JSON.stringify({ config: source, strategy, resolved: view }, null, 2)}\n`));
  } else {
    process.stdout.write(show(renderStrategyText(strategy, view, source, showPath)));
  }
  return ExitCode.Ok;
}
