import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import frontMatter from "markdown-it-front-matter";
import type { ChecklistGate, MarkerBlock, MarkerName, ParsedChecklist, ProseLine } from "../types.js";
import type { Finding, Span } from "../../types.js";
import { classifyStatus, type StatusReading } from "./classify-status.js";
import { cleanName, nameKey } from "./normalize-text.js";

const MARKER = /<!--\s*(READINESS_SCORE|CI_SNAPSHOT)_(START|END)\s*-->/g;
const STATUS_HEADERS = new Set(["status", "state", "result", "outcome"]);
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
const KNOWN_STATUSES = "PASS, FAIL, PENDING, WARN or N/A (or 🟢 🔴 🟡 ⚠️)";
const TASK_MARKER = /^\[([ xX])\](?=\s|$)/;
const CHECKBOX_ON_LINE = /^(?:[ \t]*>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/;

// CommonMark with GFM tables and strikethrough; HTML on so comments become tokens we can skip.
const markdown = new MarkdownIt("commonmark", { html: true })
  .enable(["table", "strikethrough"])
  .use(frontMatter, () => undefined);
// Block structure for the whole document; inline markup only for the few cells whose text we
// read (names and statuses), which is most of the speed on checklists with thousands of gates.
markdown.core.ruler.disable(["inline", "text_join"]);

type GateContext = Pick<ChecklistGate, "heading" | "headingLine" | "headingPath">;
type PartialGate = Omit<ChecklistGate, keyof GateContext>;

/** The text split into lines, with each line's start offset, as the parser numbers them. */
class Lines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (const m of text.matchAll(/\r\n|\r|\n/g)) this.starts.push(m.index + m[0].length);
  }
  /** Line i (0-based) without its line break. */
  line(i: number): string {
    const end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.text.length;
    return this.text.slice(this.starts[i], end).replace(/\r?\n$|\r$/, "");
  }
  start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }
}

/**
 * Reads a markdown checklist into gates, owned marker blocks and prose lines.
 * Pure: the text comes in, a model goes out; spans refer to the text without its BOM.
 */
export function parseChecklist(source: string): ParsedChecklist {
  const bom = source.startsWith("\uFEFF");
  const text = bom ? source.slice(1) : source;
  const firstBreak = /\r\n|\n|\r/.exec(text);
  const eol = firstBreak?.[0] === "\r\n" ? "\r\n" : "\n";
  const lines = new Lines(text);
  const tokens = markdown.parse(text, {});

  const errors: Finding[] = [];
  const findings: Finding[] = [];
  const markers = pairMarkers(findMarkerHits(tokens, lines), lines, errors);
  const ownedLine = (line: number): boolean =>
    markers.some((m) => line >= m.startLine - 1 && line <= m.endLine - 1);

  const gates: ChecklistGate[] = [];
  let insertAt = -1;
  const prose: ProseLine[] = [];
  const stack: { text: string; depth: number; line: number }[] = [];
  const context = (): GateContext => {
    const top = stack[stack.length - 1];
    return { heading: top?.text ?? "", headingLine: top?.line ?? 0, headingPath: stack.map((h) => h.text) };
  };
  const proseOf = (map: [number, number]): void => {
    for (let i = map[0]; i < map[1]; i++) prose.push({ text: lines.line(i), line: i + 1 });
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.map) continue;
    if (ownedLine(token.map[0])) {
      if (token.type === "paragraph_open" || token.type === "heading_open") proseOf(token.map);
      if (token.type === "table_open") i = closing(tokens, i);
      continue;
    }
    switch (token.type) {
      case "front_matter":
        if (insertAt === -1) insertAt = lines.start(token.map[1]);
        break;
      case "heading_open": {
        if (token.tag === "h1" && gates.length === 0 && stack.length === 0)
          insertAt = lines.start(token.map[1]);
        const depth = Number(token.tag.slice(1));
        while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
        stack.push({ text: cleanName(inlineText(tokens[i + 1])), depth, line: token.map[0] + 1 });
        proseOf(token.map);
        break;
      }
      case "paragraph_open":
        proseOf(token.map);
        break;
      case "table_open": {
        const end = closing(tokens, i);
        for (const { gate, reading } of readTable(tokens.slice(i, end + 1), lines, findings)) {
          const full = { ...gate, ...context() };
          gates.push(full);
          reportReading(full, reading, findings);
        }
        i = end;
        break;
      }
      case "list_item_open": {
        const gate = readTaskItem(tokens, i, lines);
        if (gate) gates.push({ ...gate, ...context() });
        break;
      }
      default:
        break;
    }
  }

  return { gates, markers, prose, findings, errors, eol, bom, insertAt: Math.max(insertAt, 0) };
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

/** Plain text of an inline token's markdown: markup removed, code spans and link texts kept. */
function inlineText(token: Token | undefined): string {
  const content = token?.content ?? "";
  // Text without markup characters reads as itself; most cells are like that.
  if (!/[\\`*_[\]<&!~]/.test(content)) return content;
  const children: Token[] = [];
  markdown.inline.parse(content, markdown, {}, children);
  return plainText(children);
}

function plainText(children: Token[]): string {
  let out = "";
  let struck = 0;
  for (const child of children) {
    // Struck-through text is withdrawn ("~~FAIL~~ PASS" says PASS); HTML (<br>, comments) separates words.
    if (child.type === "s_open") struck++;
    else if (child.type === "s_close") struck--;
    else if (struck > 0) continue;
    else if (child.type === "text" || child.type === "code_inline") out += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak" || child.type === "html_inline")
      out += " ";
    else if (child.type === "image") out += plainText(child.children ?? []);
  }
  return out;
}

interface MarkerHit {
  name: MarkerName;
  edge: "START" | "END";
  /** 0-based line. */
  line: number;
}

function findMarkerHits(tokens: Token[], lines: Lines): MarkerHit[] {
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

function pairMarkers(hits: MarkerHit[], lines: Lines, errors: Finding[]): MarkerBlock[] {
  const blocks: MarkerBlock[] = [];
  for (const name of ["READINESS_SCORE", "CI_SNAPSHOT"] as const) {
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

interface TableGate {
  gate: PartialGate;
  reading: StatusReading;
}

function readTable(tokens: Token[], lines: Lines, findings: Finding[]): TableGate[] {
  const rows: { line: number; cells: Token[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "tr_open") rows.push({ line: t.map![0], cells: [] });
    else if (t.type === "inline") rows[rows.length - 1]?.cells.push(t);
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) return [];
  const headerKeys = header.cells.map((c) => nameKey(inlineText(c)));
  let statusCol = headerKeys.findIndex((k) => STATUS_HEADERS.has(k));
  if (statusCol === -1) statusCol = guessStatusColumn(body.map((r) => r.cells.map((c) => inlineText(c))));
  if (statusCol === -1) return [];
  let nameCol = headerKeys.findIndex((k, i) => i !== statusCol && NAME_HEADERS.has(k));
  if (nameCol === -1) nameCol = statusCol === 0 ? 1 : 0;
  const lastRunCol = headerKeys.findIndex((k) => LAST_RUN_HEADERS.has(k));

  const gates: TableGate[] = [];
  for (const row of body) {
    const name = cleanName(inlineText(row.cells[nameCol]));
    if (name === "") continue;
    const statusText = inlineText(row.cells[statusCol]).trim();
    const reading: StatusReading = statusText === "" ? { outcome: null } : classifyCached(statusText);
    const spans = cellSpans(lines, row.line);
    const gate: PartialGate = {
      name,
      line: row.line + 1,
      form: "table-row",
      statusText,
      writtenOutcome: reading.outcome,
    };
    const statusSpan = spans[statusCol];
    if (statusSpan) gate.statusCell = statusSpan;
    const lastRunSpan = lastRunCol === -1 ? undefined : spans[lastRunCol];
    if (lastRunSpan) gate.lastRunCell = lastRunSpan;
    if (statusText === "") {
      findings.push({
        code: "missing-status",
        message: `gate "${name}" has no status; write ${KNOWN_STATUSES} in its status cell (counted as inconclusive)`,
        line: gate.line,
      });
    }
    gates.push({ gate, reading });
  }
  return gates;
}

/**
 * The spans of a table row's cells, inside their pipes. GFM splits cells on every pipe that is
 * not escaped, code spans included, so this is the parser's own rule.
 */
function cellSpans(lines: Lines, line: number): Span[] {
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

const readings = new Map<string, StatusReading>();

/** Statuses repeat ("🟢 PASS" thousands of times): read each distinct text once. */
function classifyCached(text: string): StatusReading {
  let reading = readings.get(text);
  if (!reading) {
    if (readings.size > 10_000) readings.clear();
    reading = classifyStatus(text);
    readings.set(text, reading);
  }
  return { ...reading };
}

/** A table without a Status header is a gate table when one column mostly holds statuses. */
function guessStatusColumn(rows: string[][]): number {
  const width = Math.max(...rows.map((r) => r.length));
  let best = -1;
  let bestCount = 0;
  for (let col = 0; col < width; col++) {
    const count = rows.filter((r) => r[col] !== undefined && classifyStatus(r[col]!).outcome !== null).length;
    if (count > bestCount) {
      best = col;
      bestCount = count;
    }
  }
  return bestCount * 2 >= rows.length ? best : -1;
}

function readTaskItem(tokens: Token[], index: number, lines: Lines): PartialGate | null {
  const item = tokens[index]!;
  const paragraph = tokens[index + 1];
  const inline = tokens[index + 2];
  if (paragraph?.type !== "paragraph_open" || inline?.type !== "inline") return null;
  const marker = TASK_MARKER.exec(inline.content);
  if (!marker) return null;
  const name = cleanName(inlineText(inline).replace(TASK_MARKER, ""));
  if (name === "") return null;
  const checked = marker[1] !== " ";
  const gate: PartialGate = {
    name,
    line: item.map![0] + 1,
    form: "task-item",
    statusText: checked ? "[x]" : "[ ]",
    writtenOutcome: checked ? "pass" : "pending",
  };
  const onLine = CHECKBOX_ON_LINE.exec(lines.line(item.map![0]));
  if (onLine) {
    const end = lines.start(item.map![0]) + onLine[0].length;
    gate.statusCell = { start: end - 3, end };
  }
  return gate;
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
