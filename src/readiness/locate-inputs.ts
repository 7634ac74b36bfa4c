import { basename, dirname, relative, resolve } from "node:path";
import { loadConfig } from "../config/load-config.js";
import type { ChecklistLimits, ShipreadyConfig } from "../config/types.js";
import { InputError, UsageError } from "../errors.js";
import type { FileFailure, Files, Git } from "../ports.js";
import type { Finding } from "../types.js";
import type { ReadinessOptions } from "./types.js";

/** The config and the checklist a run works on, and the names they are shown by. */
export interface RunInputs {
  config: ShipreadyConfig;
  checklistPath: string;
  /** The checklist's path relative to the folder the run was started in. */
  label: string;
  /** shipready.yml's path as shown in messages; null when the embedded defaults are used. */
  configLabel: string | null;
  configWarnings: Finding[];
}

const CHECKLIST_NAME = /(checklist|readiness).*\.md$/i;

/** Finds the config and the checklist: flags first, then config, then the one checklist in the folder. */
export async function locateInputs(
  options: Pick<ReadinessOptions, "cwd" | "checklist" | "config">,
  ports: { files: Files; git: Git },
): Promise<RunInputs> {
  const named = options.checklist === undefined ? null : resolve(options.cwd, options.checklist);
  const { config, warnings } = await loadConfig(
    {
      cwd: options.cwd,
      near: named ? dirname(named) : options.cwd,
      ...(options.config ? { config: options.config } : {}),
    },
    ports,
  );
  const checklistPath = named ?? config.checklist ?? (await discoverChecklist(options.cwd, ports.files));
  return {
    config,
    checklistPath,
    label: relative(options.cwd, checklistPath) || basename(checklistPath),
    configLabel: config.file ? relative(options.cwd, config.file) || basename(config.file) : null,
    configWarnings: warnings,
  };
}

async function discoverChecklist(cwd: string, files: Files): Promise<string> {
  const candidates = (await files.list(cwd)).filter((name) => CHECKLIST_NAME.test(name)).sort();
  if (candidates.length === 1) return resolve(cwd, candidates[0]!);
  if (candidates.length === 0) {
    throw new UsageError(
      `no checklist named and none found in ${cwd}`,
      "Name one (`shipready score docs/release-checklist.md`), set `checklist:` in shipready.yml, or run `shipready init`.",
    );
  }
  throw new UsageError(
    `several checklists in ${cwd} (${candidates.join(", ")}) and none named`,
    "Name the one to read, or set `checklist:` in shipready.yml.",
  );
}

// The Files port speaks of any file; a person whose checklist cannot be read wants advice about checklists.
const CHECKLIST_FIXES: Partial<Record<FileFailure, string>> = {
  missing: "Check the path, or run `shipready init` to create a checklist.",
  folder: "Name the markdown file inside it.",
  binary: "Name the markdown file to read.",
};

/**
 * Reads the checklist, with advice about checklists when it cannot be read. A file beyond the size
 * or line limits is refused before it is read whole, with its size and the setting that raises it.
 */
export async function readChecklist(files: Files, path: string, limits: ChecklistLimits): Promise<string> {
  try {
    const bytes = await files.size(path);
    if (bytes > limits.checklistBytes)
      throw tooLarge(
        path,
        `${megabytes(bytes)} MB`,
        `${megabytes(limits.checklistBytes)} MB`,
        "checklistMegabytes",
      );
    const text = await files.readText(path);
    const lines = countLines(text);
    if (lines > limits.lines) throw tooLarge(path, `${lines} lines`, `${limits.lines} lines`, "lines");
    return text;
  } catch (error) {
    const code =
      error instanceof InputError ? (error as InputError & { code?: FileFailure }).code : undefined;
    const fix = code === undefined ? undefined : CHECKLIST_FIXES[code];
    if (fix === undefined) throw error;
    throw new InputError((error as InputError).message, fix, { cause: error });
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

function tooLarge(path: string, size: string, limit: string, key: string): InputError {
  return new InputError(
    `${path} is ${size}, beyond the limit of ${limit} for a checklist; nothing was read or written`,
    `If this really is the checklist, raise limits.${key} in shipready.yml; otherwise name the checklist to read.`,
  );
}
