/** The git hooks shipready writes, the hook managers it makes room for, and what it finds in a clone. */
import type { HookName } from "../evidence/types.js";

export type { HookName };

/** Every hook shipready writes, in the order it reports them. */
export const HOOK_NAMES: readonly HookName[] = ["commit-msg", "pre-push"];

/** Tools that own a clone's hooks; shipready adds a line to their config instead of writing files. */
export type HookManager = "husky" | "lefthook" | "pre-commit";

/** Where this clone's hooks live. */
export interface HookPlace {
  /** The top folder of the work tree (hooks run there). */
  top: string;
  /** The folder git runs hooks from: core.hooksPath when set, else the repository's hooks folder. */
  dir: string;
  /** core.hooksPath as configured; null when unset. */
  hooksPath: string | null;
}

/** A manager found in the clone: the file that configures it and, per hook, whether it runs shipready. */
export interface ManagerFound {
  manager: HookManager;
  /** The config file or folder, relative to the top (.husky, lefthook.yml, .pre-commit-config.yaml). */
  config: string;
}

/**
 * What one hook is in this clone:
 * - current: shipready's script, as `hooks install` writes it now;
 * - outdated: shipready's script from another version, or not executable;
 * - delegated: another tool's hook (or a hand-written one) runs shipready, as its config says;
 * - needs-line: a hook manager is in use and does not run shipready for this hook yet;
 * - manager-not-installed: the manager's config runs shipready, but the manager's hook is not in this clone;
 * - foreign: a hook file shipready did not write, which does not run shipready;
 * - missing: no hook at all.
 */
export type HookState =
  "current" | "outdated" | "delegated" | "needs-line" | "manager-not-installed" | "foreign" | "missing";

export interface HookReport {
  hook: HookName;
  state: HookState;
  /** The hook file git runs (absolute). */
  path: string;
  /** The manager that owns the hook, when one does. */
  manager?: HookManager;
  /** What to do so that the hook runs shipready; absent when it does. */
  fix?: string;
}

/** True when the hook runs shipready as it should. */
export function hookIsInPlace(state: HookState): boolean {
  return state === "current" || state === "delegated";
}
