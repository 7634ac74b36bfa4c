import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../helpers/repo-paths.js";

// The package's type exports: a name removed or renamed stops this file compiling, so the build fails.
export type {
  Outcome,
  Span,
  Provenance,
  ChecklistGate,
  MarkerName,
  MarkerBlock,
  ProseLine,
  Finding,
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
  CategoryRule,
  GateRule,
  ConfiguredWaiver,
  HistorySettings,
  ShipreadyConfig,
  BadgeSettings,
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
  GitHubSettings,
  CiSnapshotSettings,
  CiRun,
  CiWorkflow,
  CiHealth,
  CiSnapshot,
  ReleaseSettings,
  CommitSettings,
  VersionFile,
  NotifyPolicy,
  NotifySettings,
  ReadinessNotification,
  FailingWorkflow,
  RunOptions,
  RunPorts,
  RunResult,
  ConfigInput,
} from "../../src/index.js";

test("the package exports the same functions, errors and exit codes as before", async () => {
  const pkg = (await import(pathToFileURL(join(repoRoot, "dist/src/index.js")).href)) as Record<
    string,
    unknown
  >;
  assert.deepEqual(Object.keys(pkg).sort(), [
    "ConfigError",
    "EvidenceError",
    "ExitCode",
    "InputError",
    "InternalError",
    "ShipreadyError",
    "UsageError",
    "defineConfig",
    "runReadiness",
  ]);
});
