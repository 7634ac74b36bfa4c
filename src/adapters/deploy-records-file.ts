import { appendFile, mkdir, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { diskError, InputError } from "../errors.js";
import type { DeployRecords } from "../deploy/ports.js";
import type { DeployRecord } from "../deploy/types.js";

const LINE_FIX =
  "Every line of the deploy records file is one JSON record as shipready writes it: correct that line or delete it " +
  "(the other lines are independent and stay valid).";

/** What a line must hold to be read as a record; the rest of it is kept as written. */
const recordSchema = z.looseObject({
  v: z.literal(1),
  id: z.string().min(1),
  kind: z.enum(["deploy", "verify", "rollback", "watch"]),
  environment: z.string(),
  version: z.string().nullable(),
  commit: z.string().nullable(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  outcome: z.enum([
    "running",
    "succeeded",
    "failed",
    "rolled-back",
    "rollback-failed",
    "interrupted",
    "inconclusive",
  ]),
  steps: z.array(z.looseObject({ name: z.string(), status: z.string() })),
  metrics: z.array(z.looseObject({ name: z.string(), verdict: z.enum(["pass", "fail", "inconclusive"]) })),
});

interface Loaded {
  records: DeployRecord[];
  /** Where a last line cut short by an interrupted write starts, in bytes; null when there is none. */
  partialFrom: number | null;
  /** Whether the file's last byte is a line break (or the file is empty). */
  endsWithBreak: boolean;
}

/**
 * The deploy records file (`deploy.records`, .shipready/deploys.jsonl): one JSON record per line, a
 * record put again as it changes, the last line of an id winning. A missing file holds no records. A
 * last line without a newline that is not JSON (an interrupted append) is skipped with a warning and
 * cut off by the next put; any other line that is not a record is an InputError naming file:line.
 */
export function deployRecordsFile(
  path: string,
  options: { onWarning?: (message: string) => void; label?: string } = {},
): DeployRecords {
  const label = options.label ?? path;
  return {
    async put(record) {
      const loaded = await load(path, label, () => undefined);
      try {
        await mkdir(dirname(path), { recursive: true });
        if (loaded.partialFrom !== null) await truncate(path, loaded.partialFrom);
        const lead = loaded.partialFrom === null && !loaded.endsWithBreak ? "\n" : "";
        // One write: a crash leaves at most a partial last line, which the next read skips.
        await appendFile(path, `${lead}${JSON.stringify(record)}\n`, "utf8");
      } catch (error) {
        throw fileError(path, error, "written");
      }
    },
    async list(filter) {
      const { records } = await load(path, label, options.onWarning ?? (() => undefined));
      return records.filter((r) => filter?.environment === undefined || r.environment === filter.environment);
    },
  };
}

async function load(path: string, label: string, warn: (message: string) => void): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT")
      return { records: [], partialFrom: null, endsWithBreak: true };
    throw fileError(path, error, "read");
  }
  const text = bytes.toString("utf8");
  const lines = text.split("\n");
  const latest = new Map<string, { record: DeployRecord; first: number }>();
  let partialFrom: number | null = null;
  for (const [index, raw] of lines.entries()) {
    let line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith("\uFEFF")) line = line.slice(1);
    if (line.trim() === "") continue;
    const where = `${label}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      if (index === lines.length - 1) {
        partialFrom = bytes.lastIndexOf(0x0a) + 1;
        warn(
          `${where}: skipped the last line: it has no newline and is not complete JSON, so a write was probably interrupted; the next record written replaces it.`,
        );
        continue;
      }
      throw new InputError(
        `${where}: this line of the deploy records is not JSON (${(error as Error).message})`,
        LINE_FIX,
      );
    }
    const parsed = recordSchema.safeParse(json);
    if (!parsed.success) {
      const version = (json as { v?: unknown } | null)?.v;
      if (typeof version === "number" && version > 1) {
        throw new InputError(
          `${where}: this deploy record has version ${version}, written by a newer shipready`,
          "Upgrade shipready to read this deploy records file.",
        );
      }
      const problems = parsed.error.issues
        .slice(0, 3)
        .map(
          (issue) => `${issue.path.length > 0 ? `"${issue.path.join(".")}"` : "the line"}: ${issue.message}`,
        );
      throw new InputError(`${where}: this line is not a deploy record: ${problems.join("; ")}`, LINE_FIX);
    }
    const record = parsed.data as unknown as DeployRecord;
    const seen = latest.get(record.id);
    latest.set(record.id, { record, first: seen?.first ?? index });
  }
  // Oldest start first; records that started at the same moment keep the order they were first written in.
  const records = [...latest.values()]
    .sort((a, b) =>
      a.record.startedAt < b.record.startedAt
        ? -1
        : a.record.startedAt > b.record.startedAt
          ? 1
          : a.first - b.first,
    )
    .map((entry) => entry.record);
  return { records, partialFrom, endsWithBreak: text === "" || text.endsWith("\n") };
}

function fileError(path: string, error: unknown, action: "read" | "written"): unknown {
  const disk = action === "written" ? diskError(path, error) : null;
  if (disk) return disk;
  const code = (error as { code?: unknown } | null)?.code;
  const fixes: Record<string, string> = {
    EISDIR: "Set deploy.records in shipready.yml to a file path, not a folder.",
    ENOTDIR:
      "A part of that path is a file, not a folder: set deploy.records in shipready.yml to another path.",
    EACCES:
      "Give your user permission to it, or set deploy.records in shipready.yml to a path you can write.",
    EPERM: "Give your user permission to it, or set deploy.records in shipready.yml to a path you can write.",
  };
  const fix = typeof code === "string" ? fixes[code] : undefined;
  if (fix === undefined) return error;
  return new InputError(`The deploy records file ${path} cannot be ${action} (${String(code)})`, fix, {
    cause: error,
  });
}
