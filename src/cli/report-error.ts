import { processSecrets } from "../adapters/process-secrets.js";
import { ConfigError, ExitCode, ShipreadyError } from "../errors.js";
import { escapeTerminal } from "../shared/escape-terminal.js";

/**
 * The one catch at the edge: prints what went wrong and how to fix it, and returns the exit code. The
 * secrets the process has met are hidden, whatever the error quotes (a URL it was given, a stack).
 */
export function reportError(error: unknown, debug: boolean): number {
  const print = (lines: string[]) => process.stderr.write(processSecrets.redact(`${lines.join("\n")}\n`));
  if (error instanceof ShipreadyError) {
    const lines = [`shipready: ${escapeTerminal(error.message)}`];
    if (error instanceof ConfigError) lines.push(...error.problems.map((p) => `  ${escapeTerminal(p)}`));
    if (error.fix) lines.push(`  Fix: ${error.fix}`);
    if (debug && error.stack) lines.push(error.stack);
    print(lines);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [
    `shipready: internal error: ${escapeTerminal(message)}`,
    "  This is a bug in shipready. Please report it with the command you ran and the output of the same command with --debug.",
  ];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  print(lines);
  return ExitCode.Internal;
}
