import type { z } from "zod";

/** Shared wording of schema problems, so every field of shipready.yml reports the same way. */

/** At least one character that is not a space: a blank name would match nothing and say nothing. */
export const NOT_BLANK = /\S/;

/** An environment variable's name as shells write it: letters, digits and underscores, not first a digit. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The words a problem with one field is reported in. Each field says what it should hold and how to
 * write it, so the user reads "expected a positive number, got "heavy". Write a number such as 20."
 * instead of zod's generic wording. Unknown keys are left to parseConfig, which names the keys allowed.
 */
export function expecting(expected: string, fix: string) {
  return {
    error: (issue: z.core.$ZodRawIssue): string | undefined => {
      if (issue.code === "unrecognized_keys") return undefined;
      if (issue.input === undefined) return `missing. ${fix}`;
      return `expected ${expected}, got ${describeValue(issue.input)}. ${fix}`;
    },
  };
}

export function describeValue(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (value instanceof Date) return `the timestamp ${value.toISOString()}`;
  if (typeof value === "object") return "a mapping of keys";
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
