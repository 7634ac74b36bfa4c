import { DEFAULT_COMMIT_TYPES } from "../release/core/lint-commit-message.js";
import type { Band } from "../readiness/types.js";
import type { CategoryRule } from "./types.js";

/** The seed updater's bands: 95+ Release Ready, 90-94 Nearly Ready, 85-89 Minor Blockers, 70-84 In Progress. */
export const DEFAULT_BANDS: readonly Band[] = [
  { name: "Release Ready", min: 95, emoji: "🟢" },
  { name: "Nearly Ready", min: 90, emoji: "🟢" },
  { name: "Minor Blockers", min: 85, emoji: "🟡" },
  { name: "In Progress", min: 70, emoji: "🟠" },
  { name: "Not Ready", min: 0, emoji: "🔴" },
];

export const DEFAULT_THRESHOLD = 90;

/** How large a checklist is read by default: far above any real one, far below what exhausts memory. */
export const DEFAULT_LIMITS = { checklistBytes: 20 * 1024 * 1024, lines: 1_000_000, gates: 250_000 } as const;

/** Trend window of the seed updater (`get_trend(lookback=10)`). */
export const DEFAULT_TREND_WINDOW = 10;

export const DEFAULT_HISTORY_FILE = ".shipready/history.jsonl";
export const DEFAULT_HISTORY_INDEX = ".shipready/cache/history.db";
export const DEFAULT_GITHUB_CACHE = ".shipready/cache/github.db";
export const DEFAULT_BADGE = { file: ".shipready/badge.svg", label: "readiness", update: false } as const;
/** Beside the history file, and committed with it, so a fresh clone in CI still knows what was sent. */
export const DEFAULT_NOTIFY_STATE = ".shipready/notified.json";
/** The seed updater's variable. */
export const DEFAULT_SLACK_WEBHOOK = "${SLACK_WEBHOOK_URL}";

/** [skip ci] by default: a PAT or App token's push would start an `on: push` update again, and again. */
export const DEFAULT_COMMIT = {
  via: "git",
  message: "chore(readiness): update {checklist} to {score} {band}",
  skipCi: true,
  remote: "origin",
  retries: 3,
} as const;

/** As the seed release strategy: every check may take up to 300 s. */
export const DEFAULT_EVIDENCE_TIMEOUT_MS = 300_000;

export const DEFAULT_CI_SNAPSHOT = {
  enabled: true,
  branch: null,
  runs: 20,
  workflows: null,
} as const;

/** Config file names, looked for in each folder from the checklist's up to the filesystem root. */
export const CONFIG_FILE_NAMES = ["shipready.yml", "shipready.yaml", ".shipready.yml", ".shipready.yaml"];

/**
 * The seed dashboard's scheme. Used with no configuration when the checklist has at least two of
 * these headings; Core Gates is required because the seed says they must all pass before tagging.
 */
export const SEED_CATEGORIES: readonly CategoryRule[] = [
  { name: "Core Gates", headings: ["Core Readiness Gates"], weight: 50, required: true },
  { name: "Optional Gates", headings: ["Optional / Post-Release Gates"], weight: 20, required: false },
  {
    name: "Deployment Automation",
    headings: ["Deployment & Release Automation"],
    weight: 20,
    required: false,
  },
  { name: "Final Sign-Off", headings: ["Final Sign-Off"], weight: 10, required: false },
];

/** Tags as release-please and semantic-release write them; breaking changes bump minor while 0.x. */
export const DEFAULT_RELEASE = {
  tagPattern: "v{version}",
  preMajor: "minor",
  changelogFormat: "release-please",
  showAll: false,
  others: "drop",
  commitTypes: DEFAULT_COMMIT_TYPES,
  changelogFile: "CHANGELOG.md",
  commitMessage: "chore(release): {version}",
  push: true,
  remote: "origin",
} as const;

/** Delivery performance: the event store beside the history, production known by its usual names. */
export const DEFAULT_METRICS = {
  store: ".shipready/metrics.db",
  environments: { production: ["production", "prod"] },
  incidentLabels: ["incident"],
  minSample: 5,
  deployRecords: ".shipready/deploys.jsonl",
} as const;
