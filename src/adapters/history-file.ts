import { appendFile, mkdir, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { diskError, InputError } from "../errors.js";
import { parseJsonLines } from "./parse-json-lines.js";
import { writeFileAtomically } from "./write-file-atomically.js";
import type { HistoryRecord } from "../readiness/types.js";

/** The history file as read: its records in file order, its text, and lines skipped with a reason. */
export interface HistoryFile {
  records: HistoryRecord[];
  /** The file's text exactly as read ("" when the file does not exist yet). */
  text: string;
  /** Lines that were skipped rather than refused (a last line cut short by an interrupted run). */
  warnings: string[];
}

const categorySchema = z.object({
  name: z.string(),
  score: z.number().min(0).max(100).nullable(),
  passed: z.number().int().min(0),
  total: z.number().int().min(0),
});

const recordSchema = z.object({
  v: z.literal(1),
  at: z.iso.datetime({ offset: true }),
  checklist: z.string(),
  commit: z.string().nullable(),
  score: z.number().min(0).max(100),
  band: z.string(),
  ready: z.boolean(),
  threshold: z.number(),
  coverage: z.number().min(0).max(100),
  blockers: z.number().int().min(0),
  categories: z.array(categorySchema),
  origin: z.enum(["update", "import"]),
  fingerprint: z.string().optional(),
  figures: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  findings: z.record(z.string(), z.array(z.string())).optional(),
}) satisfies z.ZodType<HistoryRecord>;

/**
 * One record as one line of JSON, keys in the order of `HistoryRecord`, so the same run always gives
 * the same line (what makes appends idempotent and merges of the file clean).
 */
export function serializeHistoryRecord(record: HistoryRecord): string {
  const ordered: HistoryRecord = {
    v: record.v,
    at: record.at,
    checklist: record.checklist,
    commit: record.commit,
    score: record.score,
    band: record.band,
    ready: record.ready,
    threshold: record.threshold,
    coverage: record.coverage,
    blockers: record.blockers,
    categories: record.categories.map(({ name, score, passed, total }) => ({ name, score, passed, total })),
    origin: record.origin,
    ...(record.fingerprint !== undefined ? { fingerprint: record.fingerprint } : {}),
    ...(record.figures !== undefined ? { figures: record.figures } : {}),
    ...(record.findings !== undefined ? { findings: record.findings } : {}),
  };
  return JSON.stringify(ordered);
}

/**
 * Reads the JSON-lines history file. A missing file is an empty history. A line that is not a record
 * is an InputError naming `path:line`; only a last line without a newline that is not JSON (what an
 * interrupted append leaves) is skipped, with a warning.
 */
export async function readHistoryFile(path: string): Promise<HistoryFile> {
  const { records, text, warnings } = await loadHistoryFile(path);
  return { records, text, warnings };
}

/**
 * Appends each record that is not already in the file (compared as serialized lines) with a single
 * write, so a crash can leave at most a partial last line. A partial last line left by an earlier
 * crash is cut off first. Creates the folder and the file when needed. Returns how many were appended.
 */
export async function appendHistoryRecords(path: string, records: HistoryRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const loaded = await loadHistoryFile(path);
  const seen = new Set(loaded.records.map(serializeHistoryRecord));
  const lines: string[] = [];
  for (const record of records) {
    const line = serializeHistoryRecord(record);
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  if (lines.length === 0) return 0;

  let kept = loaded.text;
  try {
    await mkdir(dirname(path), { recursive: true });
    if (loaded.partialFrom !== null) {
      // Drop the bytes of the cut-short line: left in place, it would sit mid-file and break every read.
      await truncate(path, loaded.partialFrom.bytes);
      kept = loaded.text.slice(0, loaded.partialFrom.chars);
    }
    // Keep the file's own line ending, so a file checked out with CRLF does not end up mixed.
    const eol = /^[^\n]*\r\n/.test(kept) ? "\r\n" : "\n";
    const lead = kept.length > 0 && !kept.endsWith("\n") ? eol : "";
    await appendFile(path, lead + lines.map((line) => line + eol).join(""), "utf8");
  } catch (error) {
    throw fileError(path, error, "written");
  }
  return lines.length;
}

/**
 * Removes the last line that holds exactly `record`, keeping every other byte, and writes the file
 * atomically. Returns false when no line holds it.
 */
export async function removeHistoryRecord(path: string, record: HistoryRecord): Promise<boolean> {
  const loaded = await loadHistoryFile(path);
  const line = serializeHistoryRecord(record);
  const text = loaded.text;
  let at = -1;
  for (let from = text.length; from >= 0;) {
    const found = text.lastIndexOf(line, from);
    if (found === -1) break;
    const end = found + line.length;
    if (
      (found === 0 || text[found - 1] === "\n") &&
      (end === text.length || /^\r?\n/.test(text.slice(end, end + 2)))
    ) {
      at = found;
      break;
    }
    from = found - 1;
  }
  if (at === -1) return false;
  const after = text.slice(at + line.length).replace(/^\r?\n/, "");
  try {
    await writeFileAtomically(path, text.slice(0, at) + after);
  } catch (error) {
    throw fileError(path, error, "written");
  }
  return true;
}

interface LoadedHistory extends HistoryFile {
  /** Where the skipped partial last line starts, in bytes of the file and characters of `text`. */
  partialFrom: { bytes: number; chars: number } | null;
}

async function loadHistoryFile(path: string): Promise<LoadedHistory> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { records: [], text: "", warnings: [], partialFrom: null };
    throw fileError(path, error, "read");
  }
  const parsed = parseJsonLines(bytes, path, recordSchema, {
    file: "the history file",
    record: "history record",
    repair: "the next recorded run removes it",
  });
  return {
    records: parsed.records.map((r) => r.value),
    text: bytes.toString("utf8"),
    warnings: parsed.warnings,
    partialFrom: parsed.partialFrom,
  };
}

function fileError(path: string, error: unknown, action: "read" | "written"): unknown {
  const disk = action === "written" ? diskError(path, error) : null;
  if (disk) return disk;
  const code = errorCode(error);
  const fixes: Record<string, string> = {
    EISDIR: "Set history.file in shipready.yml to a file path, not a folder.",
    ENOTDIR:
      "A part of that path is a file, not a folder: set history.file in shipready.yml to another path.",
    EACCES: "Give your user permission to it, or set history.file in shipready.yml to a path you can write.",
    EPERM: "Give your user permission to it, or set history.file in shipready.yml to a path you can write.",
    EROFS:
      "The file system is read-only: set history.file in shipready.yml to a writable path, or run with --no-history.",
  };
  const fix = code === undefined ? undefined : fixes[code];
  if (fix === undefined) return error;
  return new InputError(`The history file ${path} cannot be ${action} (${code})`, fix, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
