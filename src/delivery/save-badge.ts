import { InputError } from "../errors.js";
import type { FileFailure, Files } from "../ports.js";

/**
 * Writes the badge atomically unless the file already holds exactly these bytes, so a run that
 * changes nothing leaves the file (and its modification time, and git) alone. With `dryRun` it only
 * says whether the file would change.
 */
export async function saveBadge(
  file: string,
  svg: string,
  files: Pick<Files, "exists" | "readText" | "writeAtomic">,
  options: { dryRun?: boolean } = {},
): Promise<{ changed: boolean; written: boolean }> {
  const changed = (await readOld(file, files)) !== svg;
  if (!changed || options.dryRun) return { changed, written: false };
  await files.writeAtomic(file, svg);
  return { changed, written: true };
}

async function readOld(file: string, files: Pick<Files, "exists" | "readText">): Promise<string | null> {
  if (!(await files.exists(file))) return null;
  try {
    return await files.readText(file);
  } catch (error) {
    // Whatever was there is not a badge shipready wrote; the new one replaces it.
    const code = (error as InputError & { code?: FileFailure }).code;
    if (error instanceof InputError && (code === "binary" || code === "not-utf8")) return null;
    throw error;
  }
}
