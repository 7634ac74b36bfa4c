import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import type { z } from "zod";
import { describeValue } from "../config/schema-wording.js";
import { eventSchema } from "./event-schema.js";
import { toEvent } from "./normalize-event.js";
import type { DeployEvent, EventSource, IncidentEvent, RecoveryEvent } from "./types.js";

export type EventFileFormat = "json" | "jsonl" | "csv";

/** One event as read, with the line it starts on. */
interface Located {
  line: number;
  value: unknown;
}

export interface ReadEvents {
  batch: { deploys: DeployEvent[]; incidents: IncidentEvent[]; recoveries: RecoveryEvent[] };
  /** `file:line: what is wrong. How to fix it.`, in line order; nothing is imported when there is any. */
  problems: string[];
}

/** The format of an events file by its name: .csv, .jsonl or .ndjson, else JSON. */
export function formatOfFile(name: string): EventFileFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return "json";
}

const CSV_COLUMNS = new Set([
  "type",
  "id",
  "repo",
  "environment",
  "version",
  "commit",
  "startedAt",
  "finishedAt",
  "status",
  "reason",
  "rework",
  "fixes",
  "url",
  "openedAt",
  "resolvedAt",
  "cause",
  "title",
  "at",
  "kind",
  "incident",
]);

/**
 * Reads and checks an events file: every event is validated against schema/events.schema.json and
 * every problem named with its line (JSON: the line the bad item starts on; CSV: the row's line).
 */
export function readEventFile(
  text: string,
  format: EventFileFormat,
  label: string,
  defaults: { repo: string; source: EventSource },
): ReadEvents {
  const problems: string[] = [];
  const items = locate(text, format, label, problems);
  const batch: ReadEvents["batch"] = { deploys: [], incidents: [], recoveries: [] };
  for (const item of items) {
    const parsed = eventSchema.safeParse(item.value);
    if (!parsed.success) {
      problems.push(...describeProblems(parsed.error, item, label));
      continue;
    }
    const event = toEvent(parsed.data, defaults);
    if ("problem" in event) problems.push(`${label}:${item.line}: ${event.problem}`);
    else if ("finishedAt" in event) batch.deploys.push(event);
    else if ("openedAt" in event) {
      if (event.openedAt === "")
        problems.push(
          `${label}:${item.line}: incident: openedAt: missing. Write when the incident was opened.`,
        );
      else batch.incidents.push(event);
    } else batch.recoveries.push(event);
  }
  if (items.length === 0 && problems.length === 0)
    problems.push(`${label}: holds no events. Write at least one.`);
  return { batch, problems };
}

function locate(text: string, format: EventFileFormat, label: string, problems: string[]): Located[] {
  if (format === "jsonl") {
    const items: Located[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        items.push({ line: i + 1, value: JSON.parse(line) });
      } catch (error) {
        problems.push(
          `${label}:${i + 1}: is not JSON (${(error as Error).message}). Write one JSON object a line.`,
        );
      }
    });
    return items;
  }
  if (format === "csv") return locateCsv(text, label, problems);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, " ").trim();
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : syntaxErrorLine(text);
    problems.push(`${label}:${line}: is not JSON (${message}). Fix the syntax there.`);
    return [];
  }
  const list = Array.isArray(data)
    ? data
    : typeof data === "object" && data !== null && Array.isArray((data as { events?: unknown }).events)
      ? (data as { events: unknown[] }).events
      : null;
  if (list === null) {
    problems.push(
      `${label}:1: expected a list of events, or { "events": [...] }; got ${describeValue(data)}.`,
    );
    return [];
  }
  const lines = itemLines(text, Array.isArray(data));
  return list.map((value, i) => ({ line: lines[i] ?? 1, value }));
}

/** The line each item of the events list starts on, read from the document's syntax tree. */
function itemLines(text: string, topLevel: boolean): number[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, strict: false });
  let list: unknown = doc.contents;
  if (!topLevel && isMap(list)) list = list.get("events", true);
  if (!isSeq(list)) return [];
  return list.items.map((item) => counter.linePos((item as Node).range?.[0] ?? 0).line);
}

/** Where a JSON syntax error is, when the parser's message does not say: the YAML parser's first error, which JSON's are too. */
function syntaxErrorLine(text: string): number {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const error = doc.errors[0];
  return error ? counter.linePos(error.pos[0]).line : 1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function locateCsv(text: string, label: string, problems: string[]): Located[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    problems.push(`${label}:${line ?? 1}: is not CSV shipready can read (${(error as Error).message}).`);
    return [];
  }
  const header = Object.keys(rows[0]?.record ?? {});
  const unknown = header.filter((column) => !CSV_COLUMNS.has(column));
  if (unknown.length > 0) {
    problems.push(
      `${label}:1: unknown column${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}. The columns are ${[...CSV_COLUMNS].join(", ")} (changes are given in JSON only).`,
    );
    return [];
  }
  return rows.map(({ record, info }) => {
    const value: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (cell === "") continue;
      value[column] = column === "rework" ? parseBoolean(cell) : cell;
    }
    // info.lines is the line the row ends on; a row spans one line unless a quoted cell holds a newline.
    return { line: info.lines, value };
  });
}

function parseBoolean(cell: string): unknown {
  const lower = cell.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : cell;
}

function describeProblems(error: z.ZodError, item: Located, label: string): string[] {
  const kind =
    typeof (item.value as { type?: unknown } | null)?.type === "string"
      ? (item.value as { type: string }).type
      : "event";
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return `${label}:${item.line}: ${kind}: unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}. See schema/events.schema.json for the fields of each type.`;
    }
    return `${label}:${item.line}: ${kind}${field ? `: ${field}` : ""}: ${issue.message}`;
  });
}
