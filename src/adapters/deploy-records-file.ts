import { createReadStream } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
import type { DeployRecords } from "../deploy/ports.js";
import type { DeployRecord } from "../deploy/types.js";
import { diskError, InputError } from "../errors.js";

export interface ReadDeployRecords {
  /** The last version of each id, oldest start first. */
  records: DeployRecord[];
  /** `file:line: what is wrong`, for lines that are not records; the rest is still read. */
  problems: string[];
}

/**
 * Reads the deploy records file (one JSON object per line; a record is written again as it changes,
 * and the last line of an id wins), streaming it line by line. A missing file holds no records.
 */
export async function readDeployRecords(file: string, label = file): Promise<ReadDeployRecords> {
  const byId = new Map<string, DeployRecord>();
  const problems: string[] = [];
  let stream;
  try {
    stream = createReadStream(file, { encoding: "utf8" });
    await new Promise<void>((resolve, reject) => {
      stream!.once("open", () => resolve());
      stream!.once("error", reject);
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return { records: [], problems };
    throw new InputError(
      `cannot read ${label}: ${(error as Error).message}`,
      "Check the file's permissions.",
    );
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problems.push(`${label}:${line}: is not JSON (a write cut short?); skipped`);
      continue;
    }
    const record = value as Partial<DeployRecord> | null;
    if (
      record === null ||
      typeof record !== "object" ||
      record.v !== 1 ||
      typeof record.id !== "string" ||
      typeof record.kind !== "string" ||
      typeof record.environment !== "string" ||
      typeof record.startedAt !== "string" ||
      typeof record.outcome !== "string"
    ) {
      problems.push(
        `${label}:${line}: is not a deploy record of version 1 (v, id, kind, environment, startedAt, outcome); skipped`,
      );
      continue;
    }
    byId.delete(record.id);
    byId.set(record.id, {
      steps: [],
      metrics: [],
      previous: null,
      actor: null,
      version: null,
      commit: null,
      endedAt: null,
      ...record,
    } as DeployRecord);
  }
  const records = [...byId.values()].sort(
    (a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id),
  );
  return { records, problems };
}

/** The deploy records file as the DeployRecords port: reads as readDeployRecords, appends one line per put. */
export function deployRecordsFile(file: string): DeployRecords {
  return {
    async put(record) {
      try {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify(record)}\n`);
      } catch (error) {
        throw diskError(file, error) ?? error;
      }
    },
    async list(filter) {
      const { records } = await readDeployRecords(file);
      return filter?.environment === undefined
        ? records
        : records.filter((r) => r.environment === filter.environment);
    },
  };
}
