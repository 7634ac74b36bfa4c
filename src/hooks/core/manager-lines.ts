import { parse } from "yaml";
import type { HookManager, HookName } from "../types.js";
import { runsShipready } from "./classify-hook-file.js";

/** Each manager's config, relative to the top of the work tree, in the order they are looked for. */
export const MANAGER_CONFIGS: ReadonlyArray<{ manager: HookManager; files: readonly string[] }> = [
  { manager: "husky", files: [".husky"] },
  { manager: "lefthook", files: ["lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml"] },
  { manager: "pre-commit", files: [".pre-commit-config.yaml"] },
];

/** The command as a manager's config writes it: npx finds a devDependency, and --no never downloads one. */
function managerCommand(hook: HookName, argument: string): string {
  return hook === "pre-push"
    ? "npx --no shipready preflight"
    : `npx --no shipready lint-commits --message-file ${argument}`;
}

/** The file a person edits to add shipready to a manager's hook (husky keeps one file per hook). */
export function managerFile(manager: HookManager, config: string, hook: HookName): string {
  return manager === "husky" ? `${config}/${hook}` : config;
}

/** What to add to a manager's config so that its hook runs shipready, ready to paste. */
export function renderManagerLines(manager: HookManager, hook: HookName): string {
  switch (manager) {
    case "husky":
      return managerCommand(hook, '"$1"');
    case "lefthook":
      return [`${hook}:`, "  commands:", "    shipready:", `      run: ${managerCommand(hook, "{1}")}`].join(
        "\n",
      );
    case "pre-commit":
      return [
        "- repo: local",
        "  hooks:",
        `    - id: shipready-${hook === "pre-push" ? "preflight" : "lint-commits"}`,
        `      name: shipready ${hook === "pre-push" ? "preflight" : "lint-commits"}`,
        `      entry: ${hook === "pre-push" ? managerCommand(hook, "") : "npx --no shipready lint-commits --message-file"}`,
        "      language: system",
        ...(hook === "pre-push" ? ["      pass_filenames: false", "      always_run: true"] : []),
        `      stages: [${hook}]`,
      ].join("\n");
  }
}

/** How the manager puts its hooks in a clone, for a clone where they are missing. */
export function managerInstallCommand(manager: HookManager, hook: HookName): string {
  switch (manager) {
    case "husky":
      return "npx husky";
    case "lefthook":
      return "npx lefthook install";
    case "pre-commit":
      return `pre-commit install --hook-type ${hook}`;
  }
}

/**
 * True when a manager's config runs shipready for the hook: husky's hook file; lefthook's section
 * for the hook; a pre-commit hook whose entry runs shipready at that stage. Config that cannot be
 * read does not run shipready.
 */
export function managerRunsShipready(manager: HookManager, hook: HookName, configText: string): boolean {
  if (manager === "husky") return runsShipready(configText, hook);
  let doc: unknown;
  try {
    doc = parse(configText);
  } catch {
    return false;
  }
  if (!isRecord(doc)) return false;
  if (manager === "lefthook") return runsShipready(JSON.stringify(doc[hook] ?? null), hook);
  const stagesOf = (entry: Record<string, unknown>): unknown[] =>
    Array.isArray(entry.stages)
      ? entry.stages
      : Array.isArray(doc.default_stages)
        ? (doc.default_stages as unknown[])
        : [];
  const legacy = hook === "pre-push" ? "push" : hook;
  const repos = Array.isArray(doc.repos) ? doc.repos : [];
  return repos.some(
    (repo) =>
      isRecord(repo) &&
      Array.isArray(repo.hooks) &&
      repo.hooks.some(
        (entry) =>
          isRecord(entry) &&
          typeof entry.entry === "string" &&
          runsShipready(entry.entry, hook) &&
          stagesOf(entry).some((stage) => stage === hook || stage === legacy),
      ),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
