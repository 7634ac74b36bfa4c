import { basename, relative, resolve } from "node:path";
import type { Files, Git } from "../ports.js";
import type { Finding } from "../types.js";
import type { ShipreadyConfig } from "./types.js";
import { findConfigFile } from "./find-config-file.js";
import { defaultConfig } from "./default-config.js";

export interface LoadedConfig {
  config: ShipreadyConfig;
  warnings: Finding[];
}

/**
 * Finds and reads shipready.yml: the one named, else the nearest walking up from `near`. With none,
 * the embedded defaults apply, rooted at the repository's top folder (else `near`), so history
 * lands in one place whichever folder shipready runs from.
 */
export async function loadConfig(
  options: { cwd: string; config?: string; near: string },
  ports: { files: Pick<Files, "readText" | "exists">; git: Git },
): Promise<LoadedConfig> {
  const file =
    options.config !== undefined
      ? resolve(options.cwd, options.config)
      : await findConfigFile(options.near, ports.files.exists);
  if (!file) {
    const root = (await ports.git.topLevel(options.near)) ?? options.near;
    return { config: defaultConfig(root), warnings: [] };
  }
  const label = relative(options.cwd, file) || basename(file);
  // YAML and the schema validator load only when there is a file to read.
  const { parseConfig } = await import("./parse-config.js");
  const parsed = parseConfig(await ports.files.readText(file), file, label);
  return {
    config: parsed.config,
    warnings: parsed.warnings.map((warning) => toFinding(warning, label)),
  };
}

/** parseConfig's warnings read `file:line: message`; findings carry the place apart. */
function toFinding(warning: string, label: string): Finding {
  const placed = /^(.*?):(\d+): (.*)$/s.exec(warning);
  if (placed?.[1] === label)
    return { code: "config", message: placed[3]!, file: label, line: Number(placed[2]) };
  return { code: "config", message: warning, file: label };
}
