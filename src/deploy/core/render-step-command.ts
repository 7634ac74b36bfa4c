import { quoteShell } from "./quote-shell.js";

/** What a step's command may name: `{{version}}`, `{{previous}}`, `{{commit}}`, `{{env}}`, `{{weight}}`. */
export interface StepValues {
  /** The version being deployed (or, in a rollback, the one rolled back from). */
  version: string | null;
  /** The version live before it: the rollback's target. */
  previous: string | null;
  commit: string | null;
  env: string;
  /** The canary's share of traffic, 0..100; only for canary.setWeight. */
  weight?: number;
}

const TEMPLATE = /\{\{\s*(version|previous|commit|env|weight)\s*\}\}/g;

/**
 * The command with each template replaced by its value as one shell word, so a value cannot add
 * words or commands of its own. A value that is not known (no previous version yet) is the empty word.
 */
export function renderStepCommand(command: string, values: StepValues): string {
  return command.replace(TEMPLATE, (_, name: keyof StepValues) => {
    const value = values[name];
    return quoteShell(value === null || value === undefined ? "" : String(value));
  });
}

/** The variables every step is given, beside the environment's own. */
export function stepVariables(
  values: StepValues & { previousCommit: string | null },
): Record<string, string> {
  return {
    SHIPREADY_ENV: values.env,
    SHIPREADY_VERSION: values.version ?? "",
    SHIPREADY_COMMIT: values.commit ?? "",
    SHIPREADY_PREVIOUS_VERSION: values.previous ?? "",
    SHIPREADY_PREVIOUS_COMMIT: values.previousCommit ?? "",
    ...(values.weight !== undefined && { SHIPREADY_WEIGHT: String(values.weight) }),
  };
}
