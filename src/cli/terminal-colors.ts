import pc from "picocolors";
import type { Colors } from "picocolors/types.js";

/** Colours only for a terminal, and never with --no-color or NO_COLOR. */
export function terminalColors(opts: { color?: boolean }): Colors {
  return pc.createColors(opts.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY));
}
