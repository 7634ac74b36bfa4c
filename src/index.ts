/** shipready's public API: what the CLI, the Action and the dashboard call, for your own tools too. */
import { createDefaultPorts } from "./adapters/default-ports.js";
import type { ConfigInput } from "./config/config-schema.js";
import { runReadiness as run, type RunOptions, type RunPorts, type RunResult } from "./readiness/run-readiness.js";

export type { RunOptions, RunPorts, RunResult } from "./readiness/run-readiness.js";
export type { ConfigInput } from "./config/config-schema.js";
export type * from "./types.js";
export {
  ExitCode,
  ShipreadyError,
  ConfigError,
  InputError,
  UsageError,
  EvidenceError,
  InternalError,
} from "./errors.js";

/**
 * Scores a checklist (mode "score" or "check") or keeps it true (mode "update"). Ports default to
 * the local disk, git and the system clock; pass your own to run elsewhere or at a fixed time.
 */
export function runReadiness(
  options: RunOptions,
  ports: RunPorts = createDefaultPorts(),
): Promise<RunResult> {
  return run(options, ports);
}

/** Types a shipready.yml written as an object (for tools that generate the file). */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
