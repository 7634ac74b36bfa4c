import { rm } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { loadConfig } from "../config/load-config.js";
import { exportSeedCache, importSeedCache } from "../readiness/core/convert-seed-cache.js";
import { summarizeTrend } from "../readiness/core/summarize-trend.js";
import { ExitCode, InputError } from "../errors.js";
import { renderHistoryCsv } from "../readiness/core/render-history-csv.js";
import { renderHistoryText } from "../readiness/core/render-history-text.js";
import { createDefaultPorts } from "../adapters/default-ports.js";
import { chooseClock } from "./choose-clock.js";
import { terminalColors } from "./terminal-colors.js";
import type { GlobalOptions } from "./main.js";
import { parseNumberOption } from "./parse-number-option.js";

export interface HistoryCommandOptions extends GlobalOptions {
  json?: boolean;
  csv?: boolean;
  last?: string;
  import?: string;
  export?: string | boolean;
  rebuild?: boolean;
}

const SEED_CACHE = ".cache/readiness.json";

/** `shipready history`: the trend, CSV/JSON export, and the seed updater's cache in and out. */
export async function runHistoryCommand(opts: HistoryCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const ports = createDefaultPorts({ clock: chooseClock(undefined, process.env) });
  const { config } = await loadConfig(
    { cwd, near: cwd, ...(opts.config ? { config: opts.config } : {}) },
    ports,
  );
  const window = parseNumberOption("--last", opts.last, 1, 100_000, true) ?? config.history.window;
  const fileLabel = relative(cwd, config.history.file);

  if (opts.rebuild) await rm(config.history.index, { force: true });
  const store = await ports.openHistory(config.history);
  try {
    if (opts.import !== undefined) {
      const path = resolve(cwd, opts.import);
      const text = await ports.files.readText(path);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new InputError(
          `${opts.import} is not valid JSON: ${(error as Error).message}`,
          "Point --import at the seed updater's .cache/readiness.json.",
        );
      }
      const checklist = config.checklist ? relative(config.root, config.checklist) : "";
      const { records, problems } = importSeedCache(json, checklist);
      if (problems.length > 0) {
        // All or nothing: a half-imported history would be harder to repair than none.
        throw new InputError(
          `${opts.import} has ${problems.length} entr${problems.length === 1 ? "y" : "ies"} shipready cannot read; nothing was imported:\n${problems.map((p) => `  ${opts.import}: ${p}`).join("\n")}`,
          "Fix or remove those entries, then import again.",
        );
      }
      const { added } = await store.append(records);
      process.stdout.write(
        `Imported ${added} of ${records.length} runs into ${fileLabel}${added < records.length ? ` (${records.length - added} were already there)` : ""}.\n`,
      );
      return ExitCode.Ok;
    }

    const records = await store.list();
    if (opts.export !== undefined && opts.export !== false) {
      const target = resolve(cwd, typeof opts.export === "string" ? opts.export : SEED_CACHE);
      await ports.files.writeAtomic(target, `${JSON.stringify(exportSeedCache(records), null, 2)}\n`);
      process.stdout.write(`Exported ${records.length} runs to ${relative(cwd, target)}.\n`);
      return ExitCode.Ok;
    }
    if (opts.rebuild && !opts.json && !opts.csv)
      process.stdout.write(`Rebuilt the index from ${fileLabel} (${records.length} runs).\n`);

    const trend = summarizeTrend(records, window);
    if (opts.csv) process.stdout.write(renderHistoryCsv(records));
    else if (opts.json) process.stdout.write(`${JSON.stringify({ trend, records }, null, 2)}\n`);
    else
      process.stdout.write(renderHistoryText(records.slice(-window), trend, fileLabel, terminalColors(opts)));
    return ExitCode.Ok;
  } finally {
    store.close();
  }
}
