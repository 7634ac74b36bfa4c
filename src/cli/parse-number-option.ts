import { UsageError } from "../errors.js";

/** Reads a numeric flag, refusing anything that is not a number within bounds. */
export function parseNumberOption(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `${flag} "${value}" is not valid`,
      `Give ${integer ? "a whole number" : "a number"} from ${min} to ${max}, e.g. ${flag} ${integer ? Math.max(min, 10) : 90}.`,
    );
  }
  return n;
}
