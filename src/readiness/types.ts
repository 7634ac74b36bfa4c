/** The readiness vocabulary: the checklist as parsed, gates as assessed, the score, history and the CI snapshot. */
import type { DeployStrategy } from "../deploy/types.js";
import type { Finding, Outcome, Provenance, Span } from "../types.js";
import type { EvidenceResult } from "../evidence/types.js";
import type { EvidenceProgress } from "../evidence/collect-evidence.js";
import type { BadgeSettings } from "../delivery/types.js";
import type { CategorySource, UnscoredHeading } from "./core/resolve-categories.js";

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
  /**
   * table-row: a row (or, in a matrix, a cell) of a table with a status column; task-item: `- [ ]`;
   * list-item: a bullet led by a status emoji or glyph, or `**Label:** status`; line: a paragraph line
   * `**Status:** …`; decision: alternatives of one decision (GO / NO-GO) folded into one gate.
   */
  form: "table-row" | "task-item" | "list-item" | "line" | "decision";
  /** The status as written: the cell text, or "[x]" / "[ ]". */
  statusText: string;
  /** The outcome the written status means; null when the status could not be read. */
  writtenOutcome: Outcome | null;
  statusCell?: Span;
  lastRunCell?: Span;
  /** Who owns the gate, from an Owner column (Owner, Assignee, Responsible, DRI). */
  owner?: string;
  /** For a decision: how many task items (its alternatives) it stands for. */
  alternatives?: number;
}

/** The regions shipready owns: the score, the CI snapshot, and the release status `strategy --update` writes. */
export type MarkerName = "READINESS_SCORE" | "CI_SNAPSHOT" | "STRATEGY_STATUS";

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

/** A place that shows a status but is not read as a gate, and the rule that decided. */
export interface SkippedPlace {
  /** 1-based line. */
  line: number;
  /** The line as written, for a person to recognise it. */
  text: string;
  /**
   * event-table: a table whose rows are events (a time and a level column); no-status-column: a
   * table with status-looking cells but no column of statuses; prose-status: a paragraph line that
   * starts with a status but has none of the shapes of a gate; unnamed: a task item or table row with
   * a status and no name to score it by.
   */
  rule: "event-table" | "no-status-column" | "prose-status" | "unnamed";
}

export interface ParsedChecklist {
  gates: ChecklistGate[];
  /** Places that show a status but are not gates, each with its rule. */
  skipped: SkippedPlace[];
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
  /** Who owns the gate, as the checklist names them. */
  owner?: string;
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
  /** What it takes to be ready: the fewest gates to pass; null when ready. */
  toReady: PathToReady | null;
}

/** A gate whose passing is part of the way to ready. */
export interface PathGate {
  name: string;
  category: string;
  line: number;
  owner?: string;
  /** A required gate that blocks: it must pass whatever its points. */
  required: boolean;
  /** Points the total gains when it passes (exact; shown at one decimal). */
  adds: number;
}

/** The fewest gates whose passing makes the release ready, and how far the score is from the threshold. */
export interface PathToReady {
  /** Points the total lacks to reach the threshold (exact); 0 when only required gates block. */
  missing: number;
  /** Required gates that block first, then the largest gains first. */
  gates: PathGate[];
  /** false when even every gate passing cannot make it ready (a threshold above 100): `gates` is then every gate that can still pass. */
  reachable: boolean;
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
  /**
   * What the run found, as a digest of its outcomes, evidence times and CI snapshot: a run whose
   * digest equals the last record's found nothing new and is not recorded (unless asked to).
   */
  fingerprint?: string;
  /**
   * The numbers each piece of evidence read in this run, by its figure key (`coverage:coverage/lcov.info`)
   * then by name (`lines`, `high`, `gzip`): what quality trends chart and the ratchets compare with
   * the last release. Absent in records written before they were kept.
   */
  figures?: Record<string, Record<string, number>>;
  /** Fingerprints of the findings each piece of evidence saw (SARIF), by figure key, sorted. */
  findings?: Record<string, string[]>;
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

export interface CiSnapshotSettings {
  enabled: boolean;
  /** null: the repository's default branch. */
  branch: string | null;
  /** Recent runs per workflow the pass rate covers. */
  runs: number;
  /** null: every active workflow. */
  workflows: string[] | null;
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
    /** The newest finished run that counts (not cancelled or skipped): the health is decided from it. */
    latest: CiRun | null;
    /** Duration of the last finished run in milliseconds; null when unknown. */
    durationMs: number | null;
    /** Successful share of the finished runs that count (0-100, one decimal); null when none finished. */
    passRate: number | null;
    passed: number;
    counted: number;
    /** The recent runs the pass rate is taken from, newest first; absent in snapshots made before it was kept. */
    runs?: CiRun[];
  }[];
  /** Over all workflows' counted runs (0-100, one decimal); null when none. Information only. */
  successRate: number | null;
  /**
   * From each workflow's latest finished run: all succeeded HEALTHY, some failed but fewer than half of
   * the workflows DEGRADED, half or more FAILING; UNKNOWN when no workflow has a finished run.
   */
  health: CiHealth;
  /** Workflows whose latest finished run did not succeed. */
  workflowsFailing: number;
  /** Workflows with a finished run that counts. */
  workflowsFinished: number;
  passed: number;
  counted: number;
}

/** How a readiness run is asked for: score, check, or update the checklist. */
export interface ReadinessOptions {
  /** The folder relative paths on the command line are resolved against. */
  cwd: string;
  /** The checklist to read; found from config or the folder when absent. */
  checklist?: string;
  /** An explicit shipready.yml; found by walking up from the checklist when absent. */
  config?: string;
  /** Overrides the configured threshold. */
  threshold?: number;
  /** score and check only read; update rewrites the owned ranges and records history. */
  mode: "score" | "check" | "update";
  /** With update: compute the new text but write nothing. */
  dryRun?: boolean;
  /** With update: record the run in history (default true). */
  history?: boolean;
  /** Collect the evidence gates are bound to (default true); false scores the written statuses. */
  evidence?: boolean;
  /** Told as each piece of evidence starts and ends, for a progress display. */
  onEvidence?: (event: EvidenceProgress) => void;
  /** Stops evidence collection (what is unfinished becomes inconclusive). */
  signal?: AbortSignal;
  /** The commit `sha: HEAD` evidence is about; the local HEAD when absent (a release checks the commit it tags). */
  commit?: string;
  /** Read the CI snapshot in score and check mode too (update always does), for a page that shows it. */
  ciSnapshot?: boolean;
  /**
   * With update: record the run when it found something the last record did not (changed, the
   * default), or every run (always).
   */
  record?: "changed" | "always";
  /** With update: rewrite a checklist whose file is read-only (by default it is refused). */
  force?: boolean;
  /**
   * Collect only the evidence this clone holds (commands, reports, files, hooks: see
   * evidence/core/evidence-reach.ts); every other piece is inconclusive, saying it was not checked.
   */
  localOnly?: boolean;
}

/** What a readiness run found, and in update mode what it wrote. */
export interface ReadinessRun {
  checklist: { path: string; label: string };
  /** `bands`, `badge`, `history` and the release strategy as configured, for what is drawn from a result (the badge, the dashboard). */
  config: {
    file: string | null;
    /** The folder the config's paths are relative to (the config's, else the repository's top). */
    root: string;
    categories: CategorySource;
    bands: Band[];
    badge: BadgeSettings;
    history: HistorySettings;
    /** The dashboard shows the last deploys of its environments; null when shipready.yml writes none. */
    strategy?: DeployStrategy | null;
  };
  readiness: Readiness;
  warnings: Finding[];
  /** Headings whose gates no category scores. */
  unscored: UnscoredHeading[];
  /** Places that show a status but were not read as gates, with the rule that decided. */
  skipped: SkippedPlace[];
  now: string;
  update?: {
    before: string;
    after: string;
    changed: boolean;
    written: boolean;
    /** The score block was missing and has been added below the title. */
    insertedScoreBlock: boolean;
  };
  /** The history record; `added` is 0 when history has it already or it found nothing new (`unchanged`). */
  history?: { added: number; file: string; record: HistoryRecord; unchanged?: boolean };
  /** Requests made to GitHub and how many were answered 304 Not Modified; absent when GitHub was not asked. */
  github?: { requests: number; notModified: number };
  /** The repository's address on the web, when GitHub was asked (for links in what is delivered). */
  repositoryUrl?: string;
  /** The CI snapshot as regenerated in this run. */
  ciSnapshot?: CiSnapshot;
}
