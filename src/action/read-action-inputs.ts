import { UsageError } from "../errors.js";

/** The Action's inputs (action.yml), validated. */
export interface ActionInputs {
  checklist?: string;
  config?: string;
  threshold?: number;
  mode: "update" | "check" | "score";
  commit: boolean;
  branch?: string;
  push: boolean;
  notify: boolean;
  comment: boolean;
  githubToken?: string;
  slackWebhook?: string;
  failOnNotReady: boolean;
  /** Fail the step when `shipready preflight` would block (a push with the pre-push hook would have been refused). */
  preflight: boolean;
}

const MODES = ["update", "check", "score"] as const;

/**
 * Reads the inputs as the runner passes them: INPUT_<NAME> with the name upper-cased, spaces turned to
 * underscores and hyphens kept (INPUT_GITHUB-TOKEN), values trimmed. Throws UsageError naming the
 * input and the values it takes.
 */
export function readActionInputs(env: Readonly<Record<string, string | undefined>>): ActionInputs {
  const text = (name: string): string | undefined => {
    const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const value = text(name);
    if (value === undefined) return fallback;
    // The YAML 1.2 core schema's booleans, which is what GitHub accepts for a boolean input.
    if (["true", "True", "TRUE"].includes(value)) return true;
    if (["false", "False", "FALSE"].includes(value)) return false;
    throw new UsageError(
      `input "${name}" is ${JSON.stringify(value)}, which is not a boolean`,
      `Set ${name}: true or ${name}: false in the step's with:.`,
    );
  };

  const mode = text("mode") ?? "update";
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(
      `input "mode" is ${JSON.stringify(mode)}; it must be update, check or score`,
      "Set mode: update (rewrite the checklist), check (gate the job) or score (read only).",
    );
  }
  const thresholdText = text("threshold");
  let threshold: number | undefined;
  if (thresholdText !== undefined) {
    threshold = /^\d+(\.\d+)?$/.test(thresholdText) ? Number(thresholdText) : NaN;
    if (!(threshold >= 0 && threshold <= 100)) {
      throw new UsageError(
        `input "threshold" is ${JSON.stringify(thresholdText)}; it must be a number from 0 to 100`,
        "Set threshold: 90, say, or leave it out to use shipready.yml's.",
      );
    }
  }
  const commit = flag("commit", false);
  const notify = flag("notify", false);
  const branch = text("branch");
  const inputs: ActionInputs = {
    mode: mode as ActionInputs["mode"],
    commit,
    push: flag("push", true),
    notify,
    comment: flag("comment", true),
    failOnNotReady: flag("fail-on-not-ready", false),
    preflight: flag("preflight", false),
    ...(text("checklist") !== undefined && { checklist: text("checklist") }),
    ...(text("config") !== undefined && { config: text("config") }),
    ...(threshold !== undefined && { threshold }),
    ...(branch !== undefined && { branch }),
    ...(text("github-token") !== undefined && { githubToken: text("github-token") }),
    ...(text("slack-webhook") !== undefined && { slackWebhook: text("slack-webhook") }),
  };
  if (inputs.mode !== "update") {
    const needsUpdate = commit ? "commit" : notify ? "notify" : null;
    if (needsUpdate) {
      throw new UsageError(
        `input "${needsUpdate}" works with mode: update only, and mode is ${inputs.mode}`,
        `Set mode: update, or leave out ${needsUpdate}.`,
      );
    }
  }
  return inputs;
}
