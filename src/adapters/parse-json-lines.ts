import type { z } from "zod";
import { InputError } from "../errors.js";

/** How a JSON-lines file of shipready's is named in its messages. */
export interface JsonLinesWording {
  /** "the history file", "the deploy records file". */
  file: string;
  /** "history record", "deploy record". */
  record: string;
  /** What the next write does to a last line cut short: "the next recorded run removes it". */
  repair: string;
}

export interface ParsedJsonLines<T> {
  /** The records in file order, each with its index among the file's lines. */
  records: { value: T; index: number }[];
  /** Lines skipped rather than refused (a last line cut short by an interrupted write). */
  warnings: string[];
  /** Where that cut-short last line starts, in bytes and in characters of the text; null when none. */
  partialFrom: { bytes: number; chars: number } | null;
}

const CONFLICT_MARKERS = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"];

/**
 * The records of a JSON-lines file shipready appends to, one `{ "v": 1, ... }` object a line.
 * Blank lines, a byte order mark and CRLF line ends are allowed. A last line without a newline that is
 * not complete JSON was cut short by an interrupted write: it is skipped with a warning and reported
 * in `partialFrom`, for the next write to remove. Anything else that is not a record is refused with
 * its file:line: a merge conflict marker, a line that is not JSON, a record of a newer version.
 */
export function parseJsonLines<T>(
  bytes: Buffer,
  label: string,
  schema: z.ZodType<T>,
  wording: JsonLinesWording,
): ParsedJsonLines<T> {
  const text = bytes.toString("utf8");
  const lineFix =
    `Every line of ${wording.file} is one JSON record as shipready writes it: correct that line or delete it ` +
    "(the other lines are independent and stay valid).";
  const records: ParsedJsonLines<T>["records"] = [];
  const warnings: string[] = [];
  let partialFrom: ParsedJsonLines<T>["partialFrom"] = null;
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const where = `${label}:${index + 1}`;
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith("\uFEFF")) line = line.slice(1);
    if (line.trim() === "") continue;

    const marker = CONFLICT_MARKERS.find((start) => line.startsWith(start));
    if (marker) {
      throw new InputError(
        `${where}: ${wording.file} holds a git merge conflict marker ("${marker}") left by a merge`,
        "Every line is an independent record, so keep both sides: delete the <<<<<<<, ||||||| (if any), " +
          "======= and >>>>>>> marker lines and keep all the record lines between them, then commit the file.",
      );
    }

    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      if (index === lines.length - 1) {
        partialFrom = { bytes: bytes.lastIndexOf(0x0a) + 1, chars: text.length - raw.length };
        warnings.push(
          `${where}: skipped the last line: it has no newline and is not complete JSON, so a write was ` +
            `probably interrupted; ${wording.repair}.`,
        );
        continue;
      }
      throw new InputError(
        `${where}: this line of ${wording.file} is not JSON (${(error as Error).message})`,
        lineFix,
      );
    }

    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const version = (json as { v?: unknown } | null)?.v;
      if (typeof version === "number" && version > 1) {
        throw new InputError(
          `${where}: this ${wording.record} has version ${version}, written by a newer shipready`,
          `Upgrade shipready to read ${wording.file}.`,
        );
      }
      const problems = parsed.error.issues
        .slice(0, 3)
        .map(
          (issue) => `${issue.path.length > 0 ? `"${issue.path.join(".")}"` : "the line"}: ${issue.message}`,
        );
      throw new InputError(`${where}: this line is not a ${wording.record}: ${problems.join("; ")}`, lineFix);
    }
    records.push({ value: parsed.data, index });
  }
  return { records, warnings, partialFrom };
}
