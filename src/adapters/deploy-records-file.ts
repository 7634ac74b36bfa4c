import { appendFile, mkdir, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { diskError, InputError } from "../errors.js";
import { parseJsonLines } from "./parse-json-lines.js";
import type { DeployRecords } from "../deploy/ports.js";
import type { DeployRecord } from "../deploy/types.js";

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
  const parsed = parseJsonLines(bytes, label, recordSchema, {
    file: "the deploy records file",
    record: "deploy record",
    repair: "the next record written replaces it",
  });
  for (const warning of parsed.warnings) warn(warning);
  const latest = new Map<string, { record: DeployRecord; first: number }>();
  for (const { value, index } of parsed.records) {
    const record = value as unknown as DeployRecord;
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
  return {
    records,
    partialFrom: parsed.partialFrom?.bytes ?? null,
    endsWithBreak: text === "" || text.endsWith("\n"),
  };
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
