import { relative, resolve, sep } from "node:path";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { renderBadge } from "../delivery/core/render-badge.js";
import { formatPercent } from "../shared/format-percent.js";
import { ExitCode, UsageError } from "../errors.js";
import { escapeTerminal } from "../shared/escape-terminal.js";
import { runReadiness } from "../readiness/run-readiness.js";
import { saveBadge } from "../delivery/save-badge.js";
import { chooseClock } from "./choose-clock.js";
import { parseNumberOption } from "./parse-number-option.js";
import type { ReadinessCommandOptions } from "./run-readiness-command.js";
import { gitHubAccessOf } from "./github-flags.js";

export interface BadgeCommandOptions extends ReadinessCommandOptions {
  /** The file to write, or "-" for stdout; default badge.file from shipready.yml. */
  out?: string;
  /** The left-hand text; default badge.label from shipready.yml. */
  label?: string;
}

/** `shipready badge`: score the checklist and write its SVG badge. */
export async function runBadgeCommand(
  checklist: string | undefined,
  opts: BadgeCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const toStdout = opts.out === "-";
  if (toStdout && opts.json) {
    throw new UsageError("--json and --out - both print to stdout", "Drop one of them.");
  }
  if (opts.out !== undefined && opts.out.trim() === "") {
    throw new UsageError(
      "--out is empty",
      "Name the file to write, such as --out docs/badge.svg, or - for stdout.",
    );
  }
  if (opts.label !== undefined && opts.label.trim() === "") {
    throw new UsageError("--label is empty", "Give the badge's left-hand text, such as --label readiness.");
  }
  const threshold = parseNumberOption("--threshold", opts.threshold, 0, 100);
  const cwd = process.cwd();
  const ports = createDefaultPorts({
    clock: chooseClock(undefined, process.env),
    github: gitHubAccessOf(opts),
  });
  const result = await runReadiness(
    {
      cwd,
      mode: "score",
      ...(checklist !== undefined ? { checklist } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      evidence: opts.evidence !== false,
      ...(signal ? { signal } : {}),
    },
    ports,
  );
  const { readiness } = result;
  const { badge, bands } = result.config;
  const svg = renderBadge({
    label: opts.label ?? badge.label,
    score: readiness.score,
    band: readiness.band,
    bands,
  });
  if (toStdout) {
    process.stdout.write(svg);
    return ExitCode.Ok;
  }

  const file = opts.out !== undefined ? resolve(cwd, opts.out) : badge.file;
  const saved = await saveBadge(file, svg, ports.files);
  // Markdown paths use forward slashes whatever the system writes.
  const shown = (relative(cwd, file) || file).split(sep).join("/");
  const markdown = `![Release readiness](${shown})`;
  if (opts.json) {
    const output = {
      file: shown,
      written: saved.written,
      changed: saved.changed,
      markdown,
      score: readiness.score,
      band: readiness.band.name,
      ready: readiness.ready,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return ExitCode.Ok;
  }
  const what = `${formatPercent(readiness.score)}, ${readiness.band.name}`;
  process.stdout.write(
    [
      saved.written ? `Wrote ${shown} (${what}).` : `${shown} is up to date (${what}).`,
      "Show it in the README with:",
      `  ${markdown}`,
      "",
    ]
      .map(escapeTerminal)
      .join("\n"),
  );
  return ExitCode.Ok;
}
