import type Token from "markdown-it/lib/token.mjs";
import type {
  ChecklistGate,
  MarkerBlock,
  MarkerName,
  ParsedChecklist,
  ProseLine,
  SkippedPlace,
} from "../types.js";
import type { Finding } from "../../types.js";
import {
  classifyStatus,
  showsStatusSymbol,
  statusVocabulary,
  type StatusReading,
  type StatusWords,
} from "./classify-status.js";
import { foldDecisions } from "./fold-decisions.js";
import { inlineText, markdown } from "./read-inline-text.js";
import { readListItem } from "./read-list-item.js";
import { readStatusLine } from "./read-status-line.js";
import { readTable, type ReadGate, type ReadOptions } from "./read-table.js";
import { cleanName } from "./normalize-text.js";
import { SourceLines } from "./source-lines.js";

const MARKER = /<!--\s*(READINESS_SCORE|CI_SNAPSHOT|STRATEGY_STATUS)_(START|END)\s*-->/g;
const KNOWN_STATUSES = "PASS, FAIL, PENDING, WARN or N/A (or 🟢 🔴 🟡 ⚠️)";

/** How to read a checklist beyond the built-in rules (`statuses:` and `matrix:` in shipready.yml). */
export interface ParseOptions {
  /** Words a team adds to the status vocabulary, by outcome. */
  statuses?: StatusWords;
  /** A table with several status columns: a gate per status cell (default) or per row, by its worst cell. */
  matrix?: "per-cell" | "per-row";
}

type GateContext = Pick<ChecklistGate, "heading" | "headingLine" | "headingPath">;

/** What one pass over the document collects. */
interface Collected {
  gates: ChecklistGate[];
  skipped: SkippedPlace[];
  findings: Finding[];
  errors: Finding[];
  prose: ProseLine[];
  /** Each task item's list, so the alternatives of one decision can be found. */
  listOf: Map<ChecklistGate, number>;
}

/**
 * Reads a markdown checklist into gates, owned marker blocks and prose lines, and says which places
 * show a status but are not gates. Pure: the text comes in, a model goes out; spans refer to the
 * text without its BOM.
 */
export function parseChecklist(source: string, options: ParseOptions = {}): ParsedChecklist {
  const bom = source.startsWith("\uFEFF");
  const text = bom ? source.slice(1) : source;
  const firstBreak = /\r\n|\n|\r/.exec(text);
  const eol = firstBreak?.[0] === "\r\n" ? "\r\n" : "\n";
  const lines = new SourceLines(text);
  const tokens = markdown.parse(text, {});
  const collected: Collected = {
    gates: [],
    skipped: [],
    findings: [],
    errors: [],
    prose: [],
    listOf: new Map(),
  };
  const markers = pairMarkers(findMarkerHits(tokens, lines), lines, collected.errors);
  const insertAt = walkTokens(tokens, lines, markers, readOptionsOf(options), collected);
  const gates = foldDecisions(collected.gates, collected.listOf, collected.errors);
  return {
    gates,
    skipped: collected.skipped,
    markers,
    prose: collected.prose,
    findings: collected.findings,
    errors: collected.errors,
    eol,
    bom,
    insertAt: Math.max(insertAt, 0),
  };
}

const cachedReaders = new Map<StatusWords | undefined, (text: string) => StatusReading>();

/** Statuses repeat ("🟢 PASS" thousands of times): each distinct text is read once per vocabulary. */
function readOptionsOf(options: ParseOptions): ReadOptions {
  const extra = options.statuses && Object.keys(options.statuses).length > 0 ? options.statuses : undefined;
  let classify = cachedReaders.get(extra);
  if (!classify) {
    const vocabulary = statusVocabulary(extra);
    const readings = new Map<string, StatusReading>();
    classify = (text: string): StatusReading => {
      let reading = readings.get(text);
      if (!reading) {
        if (readings.size > 10_000) readings.clear();
        reading = classifyStatus(text, vocabulary);
        readings.set(text, reading);
      }
      return { ...reading };
    };
    if (cachedReaders.size > 16) cachedReaders.clear();
    cachedReaders.set(extra, classify);
  }
  return { classify, matrix: options.matrix ?? "per-cell" };
}

/** The walk over the block tokens: headings give context, tables, lists and paragraphs give gates. */
function walkTokens(
  tokens: Token[],
  lines: SourceLines,
  markers: MarkerBlock[],
  options: ReadOptions,
  out: Collected,
): number {
  let insertAt = -1;
  const stack: { text: string; depth: number; line: number }[] = [];
  const lists: number[] = [];
  const context = (): GateContext => {
    const top = stack[stack.length - 1];
    return { heading: top?.text ?? "", headingLine: top?.line ?? 0, headingPath: stack.map((h) => h.text) };
  };
  const add = (read: ReadGate, nameFromHeading = false, list?: number): void => {
    const where = context();
    const gate: ChecklistGate = { ...read.gate, ...where };
    if (nameFromHeading) gate.name = where.heading || "Status";
    out.gates.push(gate);
    if (list !== undefined) out.listOf.set(gate, list);
    reportReading(gate, read.reading, out.findings);
  };
  const ownedLine = (line: number): boolean =>
    markers.some((m) => line >= m.startLine - 1 && line <= m.endLine - 1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") lists.push(i);
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") lists.pop();
    if (!token.map) continue;
    if (ownedLine(token.map[0])) {
      if (token.type === "paragraph_open" || token.type === "heading_open")
        proseOf(token.map, lines, out.prose);
      if (token.type === "table_open") i = closing(tokens, i);
      continue;
    }
    switch (token.type) {
      case "front_matter":
        if (insertAt === -1) insertAt = lines.start(token.map[1]);
        break;
      case "heading_open": {
        if (token.tag === "h1" && out.gates.length === 0 && stack.length === 0)
          insertAt = lines.start(token.map[1]);
        const depth = Number(token.tag.slice(1));
        while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
        stack.push({ text: cleanName(inlineText(tokens[i + 1])), depth, line: token.map[0] + 1 });
        proseOf(token.map, lines, out.prose);
        break;
      }
      case "paragraph_open":
        proseOf(token.map, lines, out.prose);
        // A list item's own paragraph is read with the item.
        if (tokens[i - 1]?.type !== "list_item_open")
          readParagraph(token.map, lines, options, add, out.skipped);
        break;
      case "table_open": {
        const end = closing(tokens, i);
        const table = readTable(tokens.slice(i, end + 1), lines, options);
        for (const read of table.gates) add(read);
        out.skipped.push(...table.skipped);
        out.findings.push(...table.findings);
        out.errors.push(...table.errors);
        i = end;
        break;
      }
      case "list_item_open": {
        const read = readListItem(tokens, i, lines, options);
        if (read && "skipped" in read) out.skipped.push(read.skipped);
        else if (read) add(read, read.nameFromHeading, lists[lists.length - 1]);
        break;
      }
      default:
        break;
    }
  }
  return insertAt;
}

function proseOf(map: [number, number], lines: SourceLines, prose: ProseLine[]): void {
  for (let i = map[0]; i < map[1]; i++) prose.push({ text: lines.line(i), line: i + 1 });
}

/** Each line of a paragraph that states a status is a gate; one that only shows a status is reported. */
function readParagraph(
  map: [number, number],
  lines: SourceLines,
  options: ReadOptions,
  add: (read: ReadGate, nameFromHeading: boolean) => void,
  skipped: SkippedPlace[],
): void {
  for (let i = map[0]; i < map[1]; i++) {
    const text = lines
      .line(i)
      .replace(/^(?:[ \t]*>)*[ \t]*/, "")
      .trim();
    const stated = readStatusLine(text, options.classify);
    if (stated) {
      const gate = {
        name: stated.name ?? "",
        line: i + 1,
        form: "line" as const,
        statusText: stated.statusText,
      };
      add(
        { gate: { ...gate, writtenOutcome: stated.reading.outcome }, reading: stated.reading },
        stated.name === null,
      );
    } else if (showsStatusSymbol(text)) {
      skipped.push({ line: i + 1, text, rule: "prose-status" });
    }
  }
}

function closing(tokens: Token[], openIndex: number): number {
  const open = tokens[openIndex]!;
  const closeType = open.type.replace(/_open$/, "_close");
  let depth = 0;
  for (let j = openIndex; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === open.type) depth++;
    else if (t.type === closeType && --depth === 0) return j;
  }
  return tokens.length - 1;
}

interface MarkerHit {
  name: MarkerName;
  edge: "START" | "END";
  /** 0-based line. */
  line: number;
}

function findMarkerHits(tokens: Token[], lines: SourceLines): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (const token of tokens) {
    if (token.type !== "html_block" || !token.map) continue;
    for (let i = token.map[0]; i < token.map[1]; i++) {
      for (const match of lines.line(i).matchAll(MARKER)) {
        hits.push({ name: match[1] as MarkerName, edge: match[2] as "START" | "END", line: i });
      }
    }
  }
  return hits;
}

function pairMarkers(hits: MarkerHit[], lines: SourceLines, errors: Finding[]): MarkerBlock[] {
  const blocks: MarkerBlock[] = [];
  for (const name of ["READINESS_SCORE", "CI_SNAPSHOT", "STRATEGY_STATUS"] as const) {
    const mine = hits.filter((h) => h.name === name);
    if (mine.length === 0) continue;
    const starts = mine.filter((h) => h.edge === "START");
    const ends = mine.filter((h) => h.edge === "END");
    if (starts.length > 1 || ends.length > 1) {
      errors.push({
        code: "duplicate-markers",
        message: `the ${name} markers appear more than once (lines ${mine.map((h) => h.line + 1).join(", ")}); keep exactly one <!-- ${name}_START --> and one <!-- ${name}_END -->`,
        line: (starts[1] ?? ends[1])!.line + 1,
      });
      continue;
    }
    const start = starts[0];
    const end = ends[0];
    if (!start || !end) {
      const present = start ?? end!;
      const missing = start ? `<!-- ${name}_END --> below it` : `<!-- ${name}_START --> above it`;
      errors.push({
        code: "unbalanced-markers",
        message: `<!-- ${name}_${present.edge} --> at line ${present.line + 1} has no matching ${missing}; put the missing marker on a line of its own, or remove both`,
        line: present.line + 1,
      });
      continue;
    }
    if (end.line <= start.line) {
      errors.push({
        code: "unbalanced-markers",
        message: `<!-- ${name}_END --> at line ${end.line + 1} comes before <!-- ${name}_START --> at line ${start.line + 1}; swap them`,
        line: end.line + 1,
      });
      continue;
    }
    blocks.push({
      name,
      startLine: start.line + 1,
      endLine: end.line + 1,
      content: { start: lines.start(start.line + 1), end: lines.start(end.line) },
    });
  }
  const sorted = blocks.sort((a, b) => a.startLine - b.startLine);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.startLine < sorted[i - 1]!.endLine) {
      errors.push({
        code: "nested-markers",
        message: `the ${sorted[i]!.name} block (line ${sorted[i]!.startLine}) starts inside the ${sorted[i - 1]!.name} block (lines ${sorted[i - 1]!.startLine}-${sorted[i - 1]!.endLine}); move it below <!-- ${sorted[i - 1]!.name}_END -->`,
        line: sorted[i]!.startLine,
      });
    }
  }
  return sorted;
}

function reportReading(gate: ChecklistGate, reading: StatusReading, findings: Finding[]): void {
  if (reading.waiverWord) {
    findings.push({
      code: "waiver-without-config",
      message: `gate "${gate.name}" says WAIVED, but a waiver needs a reason, an approver and an expiry: add it under waivers: in shipready.yml (counted as pending until then)`,
      line: gate.line,
    });
    gate.writtenOutcome = "pending";
  } else if (reading.unknown !== undefined) {
    findings.push({
      code: "unknown-status",
      message: `gate "${gate.name}" has status "${reading.unknown}", which shipready does not know; write ${KNOWN_STATUSES} (counted as inconclusive)`,
      line: gate.line,
    });
  } else if (reading.conflict) {
    findings.push({
      code: "conflicting-status",
      message: `gate "${gate.name}" has a status that says both ${reading.conflict.join(" and ")}; counted as ${reading.outcome}. Keep one status in the cell`,
      line: gate.line,
    });
  }
}
