/** shipready's public API: what the CLI, the Action and the dashboard call, for your own tools too. */
import { createDefaultPorts } from "./adapters/default-ports.js";
import type { ConfigInput } from "./config/config-schema.js";
import { runThenDeliver } from "./delivery/run-then-deliver.js";
import type { RunPorts } from "./delivery/ports.js";
import type { RunOptions, RunResult } from "./delivery/types.js";

export type { RunPorts } from "./delivery/ports.js";
export type { RunOptions, RunResult } from "./delivery/types.js";
export type { ConfigInput } from "./config/config-schema.js";
// The domain vocabulary, each type from the capability that owns it.
export type { Outcome, OUTCOMES, Span, Provenance, Finding, GitHubSettings } from "./types.js";
export type {
  ChecklistGate,
  MarkerName,
  MarkerBlock,
  ProseLine,
  ParsedChecklist,
  AssessedGate,
  Waiver,
  Band,
  CategorySpec,
  InconclusivePolicy,
  ScoringRules,
  CategoryScore,
  Blocker,
  PathGate,
  PathToReady,
  Readiness,
  HistoryRecord,
  Trend,
  HistorySettings,
  CiSnapshotSettings,
  CiRun,
  CiWorkflow,
  CiHealth,
  CiSnapshot,
} from "./readiness/types.js";
export type {
  AlertSeverity,
  GitHubActionsSpec,
  GitHubChecksSpec,
  GitHubSecuritySpec,
  JunitSpec,
  CoverageFormat,
  CoverageSpec,
  CommandSpec,
  HttpSpec,
  VersionSource,
  FileSpec,
  EvidenceSpec,
  EvidenceKind,
  EvidenceResult,
} from "./evidence/types.js";
export type { ReleaseSettings, VersionFile } from "./release/types.js";
export type {
  BadgeSettings,
  CommitSettings,
  NotifyPolicy,
  NotifySettings,
  ReadinessNotification,
  FailingWorkflow,
} from "./delivery/types.js";
export type { CategoryRule, GateRule, ConfiguredWaiver, ShipreadyConfig } from "./config/types.js";
export type {
  DeployEvent,
  IncidentEvent,
  RecoveryEvent,
  MetricsSettings,
  MetricsReport,
  BandReport,
} from "./metrics/types.js";
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
  return runThenDeliver(options, ports);
}

/** Types a shipready.yml written as an object (for tools that generate the file). */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
