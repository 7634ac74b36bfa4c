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
}
