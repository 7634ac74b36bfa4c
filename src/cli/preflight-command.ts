import { performance } from "node:perf_hooks";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { ExitCode } from "../errors.js";
import { runPreflight } from "../readiness/run-preflight.js";
import type { GlobalOptions } from "./main.js";
import { renderPreflightText } from "./render-preflight-text.js";
import { showEvidenceProgress } from "./show-evidence-progress.js";
import { terminalColors } from "./terminal-colors.js";

export interface PreflightCommandOptions extends GlobalOptions {
  json?: boolean;
}

/** preflight: the gates judged on local evidence; exit 0 when nothing local blocks, 1 when something does. */
export async function runPreflightCommand(
  checklist: string | undefined,
  opts: PreflightCommandOptions,
  signal?: AbortSignal,
): Promise<number> {
  const started = performance.now();
  const progress = showEvidenceProgress(opts);
  const result = await runPreflight(
    {
      cwd: process.cwd(),
      ...(checklist !== undefined ? { checklist } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      onEvidence: progress.onEvidence,
      ...(signal ? { signal } : {}),
    },
    createDefaultPorts(),
  ).finally(() => progress.stop());
  const elapsedMs = performance.now() - started;
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ checklist: result.run.checklist.label, elapsedMs: Math.round(elapsedMs), ...result.verdict }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(renderPreflightText(result, elapsedMs, terminalColors(opts)));
  }
  return result.verdict.ok ? ExitCode.Ok : ExitCode.NotReady;
}
