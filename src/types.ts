/** The domain vocabulary shared by every layer. Plain data only: no behaviour lives here. */

/** A gate's single outcome (DESIGN.md section 3). */
export type Outcome = "pass" | "warn" | "fail" | "pending" | "inconclusive" | "waived" | "n/a";

export const OUTCOMES: readonly Outcome[] = [
  "pass",
  "warn",
  "fail",
  "pending",
  "inconclusive",
  "waived",
  "n/a",
];

/** A byte range in the checklist text (UTF-16 offsets into the text without its BOM). */
export interface Span {
  start: number;
  end: number;
}

/** Where an outcome came from. Hand-written statuses have kind "checklist". */
export interface Provenance {
  kind: string;
  /** A URL, command, file or "path:line" that a person can follow. */
  source: string;
  /** ISO time the evidence was observed; null when the document does not say. */
  observedAt: string | null;
  /** What to do about it when the outcome is not a pass. */
  message?: string;
}

/** A gate as the checklist writes it: a table row with a status cell, or a task-list item. */
export interface ChecklistGate {
  /** The name with leading emoji and status decoration removed, as people say it. */
  name: string;
  /** The heading the gate sits under (nearest), emoji removed. */
  heading: string;
  /** 1-based line of that heading; 0 when the gate stands before any heading. */
  headingLine: number;
  /** Every heading above the gate, outermost first, emoji removed. */
  headingPath: string[];
  /** 1-based line of the gate in the file. */
  line: number;
  form: "table-row" | "task-item";
  /** The status as written: the cell text, or "[x]" / "[ ]". */
  statusText: string;
  /** The outcome the written status means; null when the status could not be read. */
  writtenOutcome: Outcome | null;
  statusCell?: Span;
  lastRunCell?: Span;
}

export type MarkerName = "READINESS_SCORE" | "CI_SNAPSHOT";

/** A region between a START and an END marker: shipready owns the text in `content`. */
export interface MarkerBlock {
  name: MarkerName;
  startLine: number;
  endLine: number;
  content: Span;
}

/** A line of prose (heading or paragraph) that may carry hand-written claims about the score. */
export interface ProseLine {
  text: string;
  line: number;
}

/** A problem or remark about the input, tied to a line of the checklist when there is one. */
export interface Finding {
  code: string;
  message: string;
  line?: number;
  /** The file `line` refers to, when it is not the checklist (shipready.yml, say). */
  file?: string;
}

export interface ParsedChecklist {
  gates: ChecklistGate[];
  markers: MarkerBlock[];
  prose: ProseLine[];
  findings: Finding[];
  /** Problems that make the document unusable for shipready (markers that do not pair up). */
  errors: Finding[];
  eol: "\n" | "\r\n";
  bom: boolean;
  /** Where a missing score block goes: the start of the line after the title, after front matter, or 0. */
  insertAt: number;
}

/** A gate after category resolution, evidence and waivers: the input of scoring. */
export interface AssessedGate {
  name: string;
  category: string;
  line: number;
  outcome: Outcome;
  required: boolean;
  provenance: Provenance;
  /** Present when a waiver turned the outcome into "waived". */
  waiver?: Waiver;
  /** The outcome before a waiver applied. */
  underlyingOutcome?: Outcome;
  /** Each piece of evidence the gate is bound to, in config order; absent for hand-written statuses. */
  evidence?: EvidenceResult[];
}

export interface Waiver {
  gate: string;
  category?: string;
  reason: string;
  approver: string;
  /** YYYY-MM-DD, inclusive: the waiver counts through this day (UTC). */
  expires: string;
}

export interface Band {
  name: string;
  /** The lowest score (inclusive) that earns this band. */
  min: number;
  emoji: string;
  /** The badge colour: a shields.io colour name or a hex colour; chosen by name or place when absent. */
  color?: string;
}

export interface CategorySpec {
  name: string;
  weight: number;
  required: boolean;
}

export type InconclusivePolicy = "zero" | "exclude";

export interface ScoringRules {
  categories: CategorySpec[];
  bands: Band[];
  threshold: number;
  inconclusive: InconclusivePolicy;
}

export interface CategoryScore {
  name: string;
  weight: number;
  required: boolean;
  /** Gates that pass or are waived. */
  passed: number;
  /** Gates that apply (not n/a; not inconclusive when the policy excludes it). */
  total: number;
  /** 0-100, one decimal; null when no gate applies. */
  score: number | null;
  /** The score before rounding, which the total is computed from; null when no gate applies. */
  exact: number | null;
  counts: Record<Outcome, number>;
  gates: AssessedGate[];
}

export interface Blocker {
  gate: string;
  category: string;
  line: number;
  outcome: Outcome;
  reason: string;
}

export interface Readiness {
  /** Weighted total, 0-100, one decimal. */
  score: number;
  band: Band;
  ready: boolean;
  threshold: number;
  /** Share of weight whose gates had a determinate outcome, 0-100, one decimal. */
  coverage: number;
  categories: CategoryScore[];
  blockers: Blocker[];
}

/** One line of the history record: what a run found. */
export interface HistoryRecord {
  v: 1;
  /** ISO time of the run. */
  at: string;
  checklist: string;
  commit: string | null;
  score: number;
  band: string;
  ready: boolean;
  threshold: number;
  coverage: number;
  blockers: number;
  categories: { name: string; score: number | null; passed: number; total: number }[];
  /** Where the record came from: a run of shipready, or an import. */
  origin: "update" | "import";
}

export interface Trend {
  current: number;
  previous: number | null;
  change: number | null;
  average: number;
  window: number;
  direction: "up" | "down" | "flat";
  arrow: "↑" | "↓" | "→";
}

/** A category as configured: which headings form it, its weight, whether it vetoes. */
export interface CategoryRule extends CategorySpec {
  /** Headings whose gates belong to this category (matched by whole words, emoji and case ignored). */
  headings: string[];
}

/** Settings for one gate, found by its name (and category when the name is ambiguous). */
export interface GateRule {
  gate: string;
  category?: string;
  required?: boolean;
  /** Evidence the gate's status comes from; the written status stands when empty. */
  evidence?: EvidenceSpec[];
  /** Line in shipready.yml, for messages. */
  line?: number;
}

export interface ConfiguredWaiver extends Waiver {
  /** Line in shipready.yml, for messages. */
  line?: number;
}

export interface HistorySettings {
  /** Record runs at all (`--no-history` turns it off for one run). */
  enabled: boolean;
  /** The durable record: one JSON object per line, committed with the checklist. Absolute path. */
  file: string;
  /** The local SQLite index, rebuilt from `file` whenever needed. Absolute path. */
  index: string;
  /** How many recent runs the trend averages over. */
  window: number;
}

/** shipready.yml after validation and normalisation, with the embedded defaults filled in. */
export interface ShipreadyConfig {
  /** The config file this came from; null when only the embedded defaults apply. */
  file: string | null;
  /** The folder relative paths are resolved against (the config file's folder, or the checklist's). */
  root: string;
  /** The checklist to read when none is named on the command line. Absolute path. */
  checklist: string | null;
  threshold: number;
  /** null: find categories from the document (the seed's scheme when its headings are there, else one per heading). */
  categories: CategoryRule[] | null;
  gates: GateRule[];
  waivers: ConfiguredWaiver[];
  /** Highest first. */
  bands: Band[];
  inconclusive: InconclusivePolicy;
  history: HistorySettings;
  github: GitHubSettings;
  ciSnapshot: CiSnapshotSettings;
  release: ReleaseSettings;
  commit: CommitSettings;
  notify: NotifySettings;
  badge: BadgeSettings;
}

/** The SVG readiness badge for a README. */
export interface BadgeSettings {
  /** Where `shipready badge` writes it and `update` keeps it. Absolute path. */
  file: string;
  /** The badge's left-hand text. */
  label: string;
  /** Whether `update` rewrites the badge after the checklist. */
  update: boolean;
}

/** A severity of a security alert, lowest first. */
export type AlertSeverity = "low" | "medium" | "high" | "critical";

/** Settings every evidence kind shares. */
interface EvidenceBase {
  /** How long collecting may take before the gate is inconclusive, in milliseconds (default 300 s). */
  timeoutMs: number;
  /** Line of the evidence item in shipready.yml, for messages. */
  line?: number;
}

/** The latest run of one workflow: success passes, failure fails, running is pending, too old is inconclusive. */
export interface GitHubActionsSpec extends EvidenceBase {
  kind: "github-actions";
  /** The workflow's file name (ci.yml) or its name as GitHub shows it. */
  workflow: string;
  /** Only runs on this branch; the repository's default branch when absent. */
  branch?: string;
  /** Only runs of this commit; "HEAD" means the commit being released (the local HEAD). */
  sha?: string;
  /** Only runs triggered by this event (push, pull_request, schedule...). */
  event?: string;
  /** A run older than this (milliseconds) is stale: inconclusive. */
  maxAgeMs?: number;
}

/** Check runs and commit statuses on a ref: all must succeed, or only the named ones. */
export interface GitHubChecksSpec extends EvidenceBase {
  kind: "github-checks";
  /** A branch, tag or commit; "HEAD" (the default) means the local HEAD commit. */
  ref: string;
  /** Check-run names or status contexts to look at; all when absent. */
  names?: string[];
}

/** Open security alerts at or above a severity fail the gate. */
export interface GitHubSecuritySpec extends EvidenceBase {
  kind: "github-security";
  /** Lowest Dependabot alert severity that fails; not checked when absent. */
  dependabot?: AlertSeverity;
  /** Lowest code scanning alert severity that fails; not checked when absent. */
  codeScanning?: AlertSeverity;
}

/** JUnit XML reports: any failure or error fails; no tests at all is inconclusive. */
export interface JunitSpec extends EvidenceBase {
  kind: "junit";
  /** A glob relative to the config's folder, such as reports/**\/*.xml. */
  files: string;
  /** Fewer tests than this (after skips) fail the gate; default 1. */
  minTests: number;
  /** Skipped tests above this share (0-1) warn; no limit when absent. */
  maxSkippedRatio?: number;
}

export type CoverageFormat = "lcov" | "cobertura" | "istanbul";

/** A coverage report: line coverage at or above the minimum passes. */
export interface CoverageSpec extends EvidenceBase {
  kind: "coverage";
  /** A glob relative to the config's folder; several files are merged. */
  files: string;
  /** The format; found from the file's content when absent. */
  format?: CoverageFormat;
  /** Lowest line coverage (0-100) that passes. */
  minLines: number;
  /** Line coverage at or above this but below minLines warns instead of failing. */
  warnBelow?: number;
}

/** A shell command: exit 0 passes; the last lines of its output are kept. */
export interface CommandSpec extends EvidenceBase {
  kind: "command";
  run: string;
  /** The folder to run in, relative to the config's folder; the config's folder when absent. */
  cwd?: string;
  /** Exit codes that warn instead of failing. */
  warnExitCodes?: number[];
}

/** A health endpoint probed several times. */
export interface HttpSpec extends EvidenceBase {
  kind: "http";
  url: string;
  /** The status that counts as healthy (default 200). */
  expect: number;
  samples: number;
  intervalMs: number;
  /** Share of samples (0-1) that must be healthy (default 0.99, as the seed's SLOs). */
  successRatio: number;
  /** A response slower than this (milliseconds) does not count as healthy. */
  maxLatencyMs: number;
  /** Headers to send; values may name environment variables as ${NAME}. */
  headers?: Record<string, string>;
}

/** Where a version is read from: a file, and optionally a pattern whose first group is the version. */
export interface VersionSource {
  path: string;
  pattern?: string;
}

/** Facts about files in the repository. */
export interface FileSpec extends EvidenceBase {
  kind: "file";
  /** The file that must exist, relative to the config's folder. */
  path?: string;
  /** Text the file must contain; {version} is replaced by the version read from `version`. */
  contains?: string;
  /** A regular expression the file must match; {version} is replaced (escaped) as in contains. */
  matches?: string;
  /** Where {version} comes from. */
  version?: VersionSource;
  /** Files whose versions must all agree (package.json, pyproject.toml, Cargo.toml, VERSION, or a pattern). */
  sameVersion?: VersionSource[];
}

/** One piece of evidence a gate is bound to, normalised from shipready.yml. */
export type EvidenceSpec =
  | GitHubActionsSpec
  | GitHubChecksSpec
  | GitHubSecuritySpec
  | JunitSpec
  | CoverageSpec
  | CommandSpec
  | HttpSpec
  | FileSpec;

export type EvidenceKind = EvidenceSpec["kind"];

/** What one piece of evidence says about a gate. */
export interface EvidenceResult {
  outcome: Outcome;
  provenance: Provenance;
  /** Extra lines a person may want (the command's last lines of output, failing test names). */
  details?: string[];
}

export interface GitHubSettings {
  /** owner/name from shipready.yml; the command line, the environment and the git remote are asked too. */
  repo: string | null;
  /** The REST API's URL from shipready.yml (GitHub Enterprise Server). */
  apiUrl: string | null;
  /** The cache of GitHub answers and their ETags. Absolute path. */
  cache: string;
}

export interface CiSnapshotSettings {
  enabled: boolean;
  /** null: the repository's default branch. */
  branch: string | null;
  /** Recent runs per workflow the pass rate covers. */
  runs: number;
  /** null: every active workflow. */
  workflows: string[] | null;
  /** Lowest success rate (percent) that is HEALTHY. */
  healthy: number;
  /** Lowest success rate (percent) that is DEGRADED; below is FAILING. */
  degraded: number;
}

/** One run as the CI snapshot shows it. */
export interface CiRun {
  /** null while the run is not finished. */
  conclusion: string | null;
  status: string | null;
  url: string;
  /** When it started (run_started_at, else created_at), ISO. */
  startedAt: string;
  /** When it last changed (updated_at), ISO: the end of a finished run. */
  updatedAt: string;
  /** The run's title as GitHub shows it (display_title: a commit message or PR title); absent when unknown. */
  title?: string;
}

/** A workflow and its recent runs on the snapshot's branch, newest first. */
export interface CiWorkflow {
  name: string;
  url: string;
  runs: CiRun[];
}

export type CiHealth = "HEALTHY" | "DEGRADED" | "FAILING" | "UNKNOWN";

/** What the CI snapshot says, computed from the runs. */
export interface CiSnapshot {
  repo: string;
  branch: string;
  /** A link to the repository's Actions page. */
  actionsUrl: string;
  observedAt: string;
  workflows: {
    name: string;
    url: string;
    last: CiRun | null;
    /** Duration of the last finished run in milliseconds; null when unknown. */
    durationMs: number | null;
    /** Successful share of the finished runs that count (0-100, one decimal); null when none finished. */
    passRate: number | null;
    passed: number;
    counted: number;
    /** The recent runs the pass rate is taken from, newest first; absent in snapshots made before it was kept. */
    runs?: CiRun[];
  }[];
  /** Over all workflows' counted runs (0-100, one decimal); null when none. */
  successRate: number | null;
  health: CiHealth;
  passed: number;
  counted: number;
}

export interface ReleaseSettings {
  /** How release tags are written; {version} stands for the version. */
  tagPattern: string;
  /** What a breaking change bumps while the major version is 0. */
  preMajor: "minor" | "major";
  /** List every commit type in the changelog, not only what users notice. */
  showAll: boolean;
  /** Commits that are not conventional: listed under Other Changes, or only counted. */
  others: "list" | "drop";
  /** The commit types lint-commits accepts. */
  commitTypes: string[];
  /** Files `release` writes the new version into (absolute paths); null: package.json and VERSION, those that exist. */
  versionFiles: VersionFile[] | null;
  /** The changelog `release` prepends to (absolute path). */
  changelogFile: string;
  /** The release commit's message; {version} stands for the version. */
  commitMessage: string;
  /** Push the release commit and tag. */
  push: boolean;
  /** The remote releases are pushed to. */
  remote: string;
  /** Create a GitHub Release; null: when the repository is on GitHub. */
  githubRelease: boolean | null;
}

/** How `update --commit` commits the checklist and the history record, and pushes them. */
export interface CommitSettings {
  /** git: commit here and push with git; api: make the commit on GitHub through its API (signed by GitHub). */
  via: "git" | "api";
  /** The message; {score}, {band} and {checklist} are filled in. */
  message: string;
  /** Append [skip ci], so that the commit starts no workflow. */
  skipCi: boolean;
  /** The git remote pushed to. */
  remote: string;
  /** How many times a push refused because the branch moved is tried again. */
  retries: number;
}

/** A file a release writes its version into: read as readVersion reads it, or through a pattern or a marker. */
export interface VersionFile {
  /** Absolute path. */
  path: string;
  /** A regular expression whose first group is the version. */
  pattern?: string;
  /** Text marking the lines that hold the version. */
  marker?: string;
}

/** When `update --notify` sends: when not ready, when the band or verdict changed since the last notification, or every run. */
export type NotifyPolicy = "below-threshold" | "on-change" | "always";

/** Where and when `update --notify` sends. URLs and header values may name environment variables as ${NAME}. */
export interface NotifySettings {
  policy: NotifyPolicy;
  /** The Slack incoming webhook; `configured` is false when only the default ${SLACK_WEBHOOK_URL} applies, which may be unset. */
  slack: { webhook: string; configured: boolean };
  /** A generic JSON webhook; null when none is configured. */
  webhook: { url: string; headers: Record<string, string> } | null;
  /** The link to the checklist; null: built from the repository's web URL, branch and the checklist's path. */
  checklistUrl: string | null;
  /** The link to the CI runs; null: the repository's Actions page. */
  ciUrl: string | null;
  /** What was last notified per checklist and target, for on-change; committed with history. Absolute path. */
  state: string;
}

/** What a notification says about a run: the renderers of Slack and webhook payloads read only this. */
export interface ReadinessNotification {
  /** The checklist's path in the repository, as history records it. */
  checklist: string;
  score: number;
  band: Band;
  ready: boolean;
  threshold: number;
  coverage: number;
  /** The previous run of this checklist in history; null when there is none. */
  previous: { at: string; score: number; band: string; ready: boolean } | null;
  /** Score minus the previous run's, one decimal; null without a previous run. */
  change: number | null;
  blockers: Blocker[];
  /** Workflows whose last run failed, worst pass rate first; empty without a CI snapshot. */
  failingWorkflows: FailingWorkflow[];
  links: { checklist: string | null; ci: string | null };
  at: string;
  commit: string | null;
  /** Why it is being sent, as the policy decided. */
  reason: string;
}

export interface FailingWorkflow {
  name: string;
  url: string;
  /** The failed run; null when the snapshot has no link. */
  runUrl: string | null;
  conclusion: string;
  passRate: number | null;
}
