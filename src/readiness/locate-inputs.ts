import { basename, dirname, relative, resolve } from "node:path";
import { loadConfig } from "../config/load-config.js";
import type { ShipreadyConfig } from "../config/types.js";
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

/** Reads the checklist, with advice about checklists when it cannot be read. */
export async function readChecklist(files: Files, path: string): Promise<string> {
  try {
    return await files.readText(path);
  } catch (error) {
    const code =
      error instanceof InputError ? (error as InputError & { code?: FileFailure }).code : undefined;
    const fix = code === undefined ? undefined : CHECKLIST_FIXES[code];
    if (fix === undefined) throw error;
    throw new InputError((error as InputError).message, fix, { cause: error });
  }
}
