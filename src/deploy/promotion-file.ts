import { join } from "node:path";
import type { Files } from "../ports.js";
import { fileSafeName } from "./core/file-safe-name.js";
import type { DeployStrategy } from "./types.js";

/** What `shipready promote` leaves for the deploy waiting in a canary pause. */
export interface Promotion {
  /** The deploy it promotes: a promotion left for an earlier deploy does not promote this one. */
  recordId: string;
  /** Skip every remaining pause, not only the current one. */
  full: boolean;
  by: string | null;
  at: string;
}

/** `<locksDir>/<environment>.promote`, beside the environment's lock. */
export function promotionFile(strategy: Pick<DeployStrategy, "locksDir">, environment: string): string {
  return join(strategy.locksDir, `${fileSafeName(environment)}.promote`);
}

/** The promotion waiting in the file; null when there is none, or it is not one shipready wrote. */
export async function readPromotion(files: Files, file: string): Promise<Promotion | null> {
  if (!(await files.exists(file))) return null;
  try {
    const value = JSON.parse(await files.readText(file)) as Partial<Promotion>;
    if (typeof value.recordId !== "string") return null;
    return {
      recordId: value.recordId,
      full: value.full === true,
      by: typeof value.by === "string" ? value.by : null,
      at: String(value.at ?? ""),
    };
  } catch {
    return null;
  }
}
