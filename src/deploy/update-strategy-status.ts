import { InputError } from "../errors.js";
import type { Files } from "../ports.js";
import type { DeployRecords } from "./ports.js";
import type { DeployStrategy } from "./types.js";
import { renderStrategyStatus } from "./core/render-strategy-status.js";
import { replaceStrategyStatus } from "./core/replace-strategy-status.js";

export interface StrategyStatusUpdate {
  /** False when the section already said what the records say: nothing was written. */
  changed: boolean;
  /** How many deploy records it was written from. */
  records: number;
}

/**
 * `strategy --update`: rewrites the release status section of a document (between its
 * STRATEGY_STATUS markers) from the deploy records, atomically and under the document's lock; every
 * byte outside the markers stays as it was, and a second run with the same records writes nothing.
 */
export async function updateStrategyStatus(
  options: { document: string; label: string; strategy: DeployStrategy; recordsLabel: string },
  ports: { files: Pick<Files, "readText" | "writeAtomic" | "withLock">; records: DeployRecords },
): Promise<StrategyStatusUpdate> {
  // Read first: a records file that cannot be read stops the run before the document is touched.
  const records = await ports.records.list();
  const section = renderStrategyStatus(options.strategy, records, options.recordsLabel);
  // A missing or unreadable document is reported as such before a lock is asked for; it is read again under the lock.
  await ports.files.readText(options.document);
  return ports.files.withLock(options.document, async () => {
    const source = await ports.files.readText(options.document);
    const result = replaceStrategyStatus(source, section);
    if ("problem" in result) {
      throw new InputError(
        `${options.label}${result.line === undefined ? "" : `:${result.line}`}: ${result.problem}`,
        "Mark the section with <!-- STRATEGY_STATUS_START --> and <!-- STRATEGY_STATUS_END --> on lines of their own; shipready writes only between them.",
      );
    }
    if (result.text === source) return { changed: false, records: records.length };
    await ports.files.writeAtomic(options.document, result.text);
    return { changed: true, records: records.length };
  });
}
