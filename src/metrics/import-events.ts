import { InputError } from "../errors.js";
import type { MetricsStore, PutResult } from "./ports.js";
import { readEventFile, type EventFileFormat } from "./read-event-file.js";

const SHOWN = 20;

/**
 * Imports an events file (JSON, JSON lines or CSV) into the store, all or nothing: a file with any
 * problem imports nothing, and every problem is named with its line.
 */
export async function importEvents(
  store: MetricsStore,
  file: { text: string; format: EventFileFormat; label: string },
  repo: string,
): Promise<{ result: PutResult; deploys: number; incidents: number; recoveries: number }> {
  const { batch, problems } = readEventFile(file.text, file.format, file.label, { repo, source: "import" });
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN).map((p) => `  ${p}`);
    if (problems.length > SHOWN) shown.push(`  ... and ${problems.length - SHOWN} more`);
    throw new InputError(
      `${file.label} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported:\n${shown.join("\n")}`,
      "Fix those lines (schema/events.schema.json describes each event), then import again: events already imported are replaced, not doubled.",
    );
  }
  const result = await store.put(batch);
  return {
    result,
    deploys: batch.deploys.length,
    incidents: batch.incidents.length,
    recoveries: batch.recoveries.length,
  };
}
