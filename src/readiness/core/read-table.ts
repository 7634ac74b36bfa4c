import type Token from "markdown-it/lib/token.mjs";
import type { Finding, Outcome, Span } from "../../types.js";
import type { ChecklistGate, SkippedPlace } from "../types.js";
import { showsStatusSymbol, type StatusReading } from "./classify-status.js";
import { inlineText } from "./read-inline-text.js";
import { STATUS_WORDS } from "./read-status-line.js";
import { cleanName, nameKey } from "./normalize-text.js";
import type { SourceLines } from "./source-lines.js";

/** How a document is read: the status vocabulary (cached per text) and how a matrix becomes gates. */
export interface ReadOptions {
  classify(text: string): StatusReading;
  /** A table with several status columns: a gate per cell (default) or per row, by its worst cell. */
  matrix: "per-cell" | "per-row";
}

export type PartialGate = Omit<ChecklistGate, "heading" | "headingLine" | "headingPath">;

export interface ReadGate {
  gate: PartialGate;
  reading: StatusReading;
}

export interface TableReading {
  gates: ReadGate[];
  skipped: SkippedPlace[];
  findings: Finding[];
  errors: Finding[];
}

// Header words, compared by nameKey (lower case, emoji and punctuation removed), in a few languages.
const STATUS_HEADERS = new Set([...STATUS_WORDS, "état", "etat", "상태", "статус"]);
const NAME_HEADERS = new Set([
  "gate",
  "gate name",
  "name",
  "check",
  "component",
  "item",
  "task",
  "step",
  "requirement",
  "criterion",
  "criteria",
  "platform",
  "target",
  "service",
  "package",
  "feature",
  "nombre",
  "nom",
  "nome",
  "名称",
  "项目",
]);
const LAST_RUN_HEADERS = new Set([
  "last run",
  "last checked",
  "last check",
  "last updated",
  "updated",
  "checked",
  "date",
  "when",
]);
const OWNER_HEADERS = new Set(["owner", "owners", "assignee", "responsible", "dri"]);
const TIME_HEADERS = new Set(["time", "timestamp", "date", "datetime", "when", "at"]);
const LEVEL_HEADERS = new Set(["level", "severity", "log level", "loglevel"]);
const TIME_CELL = /^(\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)\b/;
const LEVEL_CELL = /^(trace|debug|info|notice|warn|warning|error|fatal|critical)$/i;
const CHECKBOX_CELL = /^\[([ xX])\]\s*(.*)$/s;
const KNOWN_STATUSES = "PASS, FAIL, PENDING, WARN or N/A (or 🟢 🔴 🟡 ⚠️)";

/** A table row; a cell's text (markup reduced) is read when first asked for, as most cells never are. */
class Row {
  private readonly texts: (string | undefined)[] = [];
  readonly cells: Token[] = [];
  constructor(readonly line: number) {}
  text(col: number): string {
    return (this.texts[col] ??= inlineText(this.cells[col]).trim());
  }
  /** The cell as written, without reading its markup. */
  raw(col: number): string {
    return (this.cells[col]?.content ?? "").trim();
  }
}

/** Reads one GFM table: its gates, or why it has none. */
export function readTable(tokens: Token[], lines: SourceLines, options: ReadOptions): TableReading {
  const reading: TableReading = { gates: [], skipped: [], findings: [], errors: [] };
  const [header, ...body] = rowsOf(tokens);
  if (!header || body.length === 0) return reading;
  const keys = header.cells.map((_, col) => nameKey(header.text(col)));
  const place = { line: header.line + 1, text: lines.line(header.line).trim() };
  if (isEventTable(keys, body)) {
    reading.skipped.push({ ...place, rule: "event-table" });
    return reading;
  }
  const nameByHeader = keys.findIndex((k) => NAME_HEADERS.has(k));
  const statusCols = keys
    .map((key, col) => col)
    .filter((col) => col !== nameByHeader && isStatusColumn(keys[col]!, body, col, options));
  if (statusCols.length === 0) {
    // A cell shows a status when it shows a status emoji, or is a short status word (a dash is no status).
    const shown = (row: Row, col: number): boolean =>
      showsStatusSymbol(row.raw(col)) ||
      (isShort(row.raw(col)) && (options.classify(row.text(col)).outcome ?? "n/a") !== "n/a");
    if (body.some((row) => row.cells.some((_, col) => shown(row, col)))) {
      reading.skipped.push({ ...place, rule: "no-status-column" });
    }
    return reading;
  }
  const nameCol = nameByHeader !== -1 ? nameByHeader : keys.findIndex((_, col) => !statusCols.includes(col));
  if (nameCol === -1) {
    reading.errors.push(ambiguousTable(header, statusCols, place.line));
    return reading;
  }
  const columns: Columns = {
    name: nameCol,
    statuses: statusCols.map((col) => ({
      col,
      header: cleanName(header.text(col)) || `column ${col + 1}`,
    })),
    owner: keys.findIndex((k) => OWNER_HEADERS.has(k)),
    lastRun: keys.findIndex((k) => LAST_RUN_HEADERS.has(k)),
  };
  for (const row of body) readRow(row, columns, lines, options, reading);
  return reading;
}

interface Columns {
  name: number;
  statuses: { col: number; header: string }[];
  owner: number;
  lastRun: number;
}

function rowsOf(tokens: Token[]): Row[] {
  const rows: Row[] = [];
  for (const t of tokens) {
    if (t.type === "tr_open") rows.push(new Row(t.map![0]));
    else if (t.type === "inline") rows[rows.length - 1]?.cells.push(t);
  }
  return rows;
}

/**
 * A column of statuses: headed so (and holding short cells, not prose: a README's table of what each
 * outcome means is not a checklist), or holding statuses (a box counts) in at least half its filled cells.
 */
function isStatusColumn(key: string, body: Row[], col: number, options: ReadOptions): boolean {
  // Long cells are notes, not statuses: they are not read further.
  const filled = body
    .filter((row) => row.raw(col) !== "")
    .map((row) => (isShort(row.raw(col)) ? row.text(col) : row.raw(col)));
  const isStatus = (t: string) =>
    CHECKBOX_CELL.test(t) || (isShort(t) && options.classify(t).outcome !== null);
  if (STATUS_HEADERS.has(key)) {
    const fitting = filled.filter((t) => isShort(t) || isStatus(t) || options.classify(t).outcome !== null);
    return fitting.length * 2 >= filled.length;
  }
  if (OWNER_HEADERS.has(key) || LAST_RUN_HEADERS.has(key)) return false;
  const statuses = filled.filter(isStatus);
  return statuses.length > 0 && statuses.length * 2 >= filled.length;
}

/** A status cell says little ("✅ PASS (0 errors)"); a note that starts with "Done in…" is a note. */
function isShort(text: string): boolean {
  return (
    text
      .replace(/\([^)]*\)/g, " ")
      .trim()
      .split(/\s+/).length <= 3
  );
}

/** Rows that are events (a log): a column of times and a column of levels. */
function isEventTable(keys: string[], body: Row[]): boolean {
  const mostly = (col: number, pattern: RegExp): boolean => {
    const filled = body.map((row) => row.raw(col)).filter((t) => t !== "");
    return filled.length > 0 && filled.filter((t) => pattern.test(t)).length * 2 > filled.length;
  };
  const time = keys.some((k, col) => TIME_HEADERS.has(k) || mostly(col, TIME_CELL));
  const level = keys.some((k, col) => LEVEL_HEADERS.has(k) || mostly(col, LEVEL_CELL));
  return time && level;
}

function ambiguousTable(header: Row, statusCols: number[], line: number): Finding {
  const names = statusCols.map((col) => `"${cleanName(header.text(col)) || `column ${col + 1}`}"`);
  return {
    code: "ambiguous-table",
    message: `the table at line ${line} has statuses in every column (${names.join(", ")}), so no column names its gates; head the column that names them Gate or Name, or add such a column first`,
    line,
  };
}

function readRow(
  row: Row,
  columns: Columns,
  lines: SourceLines,
  options: ReadOptions,
  out: TableReading,
): void {
  const cells = columns.statuses.map(({ col, header }) => ({ header, ...readCell(row, col, options) }));
  const name = rowName(row, columns.name);
  if (name === "") {
    if (cells.some((c) => c.text !== "")) {
      out.skipped.push({ line: row.line + 1, text: lines.line(row.line).trim(), rule: "unnamed" });
    }
    return;
  }
  const spans = cellSpans(lines, row.line);
  const common: Omit<PartialGate, "name" | "statusText" | "writtenOutcome"> = {
    line: row.line + 1,
    form: "table-row",
  };
  const owner = columns.owner === -1 ? "" : cleanName(row.text(columns.owner));
  if (owner !== "") common.owner = owner;
  const lastRun = columns.lastRun === -1 ? undefined : spans[columns.lastRun];
  if (lastRun) common.lastRunCell = lastRun;
  const add = (gateName: string, cell: (typeof cells)[number], span: Span | undefined): void => {
    const gate: PartialGate = {
      ...common,
      name: gateName,
      statusText: cell.text,
      writtenOutcome: cell.reading.outcome,
    };
    if (span) gate.statusCell = span;
    noteCell(gate, cell, out.findings);
    out.gates.push({ gate, reading: cell.reading });
  };
  if (cells.length === 1) add(name, cells[0]!, spans[columns.statuses[0]!.col]);
  else if (options.matrix === "per-row") add(name, worstOf(cells), undefined);
  else cells.forEach((cell, i) => add(`${name} / ${cell.header}`, cell, spans[columns.statuses[i]!.col]));
}

/** The name a reader sees; the cell's own text when markup leaves nothing (a row is never dropped for its name). */
function rowName(row: Row, col: number): string {
  return cleanName(row.text(col)) || row.raw(col);
}

interface Cell {
  text: string;
  reading: StatusReading;
  /** The word beside a checkbox, when it means another outcome than the box. */
  contradiction?: string;
}

/** A status cell: a checkbox decides when there is one; otherwise the words and emoji. */
function readCell(row: Row, col: number, options: ReadOptions): Cell {
  const text = row.text(col);
  if (text === "") return { text, reading: { outcome: null } };
  const box = CHECKBOX_CELL.exec(text);
  if (!box) return { text, reading: options.classify(text) };
  const outcome: Outcome = box[1] === " " ? "pending" : "pass";
  const word = box[2]!.trim();
  const said = word === "" ? null : options.classify(word).outcome;
  return said !== null && said !== outcome
    ? { text, reading: { outcome }, contradiction: word }
    : { text, reading: { outcome } };
}

const SEVERITY: (Outcome | null)[] = [
  null,
  "fail",
  "inconclusive",
  "pending",
  "warn",
  "pass",
  "waived",
  "n/a",
];

function worstOf<T extends Cell>(cells: T[]): T {
  return [...cells].sort(
    (a, b) => SEVERITY.indexOf(a.reading.outcome) - SEVERITY.indexOf(b.reading.outcome),
  )[0]!;
}

function noteCell(gate: PartialGate, cell: Cell, findings: Finding[]): void {
  if (cell.text === "") {
    findings.push({
      code: "missing-status",
      message: `gate "${gate.name}" has no status; write ${KNOWN_STATUSES} in its status cell (counted as inconclusive)`,
      line: gate.line,
    });
  } else if (cell.contradiction !== undefined) {
    findings.push({
      code: "checkbox-contradiction",
      message: `gate "${gate.name}" has its box ${gate.writtenOutcome === "pass" ? "ticked" : "unticked"} beside "${cell.contradiction}"; the box decides (counted as ${gate.writtenOutcome}): tick or clear the box, or remove the word`,
      line: gate.line,
    });
  }
}

/**
 * The spans of a table row's cells, inside their pipes. GFM splits cells on every pipe that is
 * not escaped, code spans included, so this is the parser's own rule.
 */
function cellSpans(lines: SourceLines, line: number): Span[] {
  // A table inside a block quote: its row starts after the quote markers.
  const full = lines.line(line);
  const quote = /^(?:[ \t]*>)*/.exec(full)![0].length;
  const text = full.slice(quote);
  const base = lines.start(line) + quote;
  const pipes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "|") pipes.push(i);
  }
  const first = text.search(/\S/);
  const last = text.trimEnd().length - 1;
  const bounds = [...pipes];
  if (pipes[0] !== first) bounds.unshift(first - 1);
  if (pipes[pipes.length - 1] !== last) bounds.push(last + 1);
  const spans: Span[] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    spans.push({ start: base + bounds[i]! + 1, end: base + bounds[i + 1]! });
  return spans;
}
