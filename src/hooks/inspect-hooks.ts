import { join, relative, sep } from "node:path";
import { UsageError } from "../errors.js";
import { classifyHookFile } from "./core/classify-hook-file.js";
import {
  MANAGER_CONFIGS,
  managerFile,
  managerInstallCommand,
  managerRunsShipready,
  renderManagerLines,
} from "./core/manager-lines.js";
import type { HookFolder } from "./ports.js";
import { HOOK_NAMES, type HookName, type HookPlace, type HookReport, type ManagerFound } from "./types.js";

/** This clone's hooks as they are: where they live, the managers in use, and each hook's state. */
export interface HooksFound {
  place: HookPlace;
  managers: ManagerFound[];
  hooks: HookReport[];
}

/** Reads where this clone's hooks live and what each one is; throws UsageError outside a git work tree. */
export async function inspectHooks(
  cwd: string,
  folder: HookFolder,
  hooks: readonly HookName[] = HOOK_NAMES,
): Promise<HooksFound> {
  const place = await folder.locate(cwd);
  if (!place) {
    throw new UsageError(
      `${cwd} is not inside a git work tree, so it has no hooks`,
      "Run shipready hooks in a clone of the repository (git clone, or git init).",
    );
  }
  const managers = await findManagers(place, folder);
  const reports = await Promise.all(hooks.map((hook) => inspectHook(hook, place, managers, folder)));
  return { place, managers, hooks: reports };
}

async function findManagers(place: HookPlace, folder: HookFolder): Promise<ManagerFound[]> {
  const found: ManagerFound[] = [];
  for (const { manager, files } of MANAGER_CONFIGS) {
    for (const file of files) {
      if (await folder.exists(join(place.top, file))) {
        found.push({ manager, config: file });
        break;
      }
    }
  }
  // core.hooksPath inside .husky is husky's, even before .husky holds any hook of its own.
  if (insideHusky(place) && !found.some((m) => m.manager === "husky")) {
    found.unshift({ manager: "husky", config: ".husky" });
  }
  return found;
}

function insideHusky(place: HookPlace): boolean {
  const rel = relative(place.top, place.dir);
  return rel === ".husky" || rel.startsWith(`.husky${sep}`);
}

async function inspectHook(
  hook: HookName,
  place: HookPlace,
  managers: readonly ManagerFound[],
  folder: HookFolder,
): Promise<HookReport> {
  const path = join(place.dir, hook);
  const file = await folder.read(path);
  const author = file
    ? insideHusky(place)
      ? ({ by: "husky" } as const)
      : classifyHookFile(hook, file.text)
    : null;
  if (author?.by === "shipready") {
    return author.current && file!.executable
      ? { hook, state: "current", path }
      : {
          hook,
          state: "outdated",
          path,
          fix: `run \`shipready hooks install\` to rewrite it (${author.current ? "it is not executable" : "it was written by another version"})`,
        };
  }
  const owner =
    managers.find((m) => author !== null && m.manager === author.by) ?? (author ? undefined : managers[0]);
  if (owner || (managers.length > 0 && author?.by !== "someone-else")) {
    const m = owner ?? managers[0]!;
    const configPath = managerFile(m.manager, m.config, hook);
    const config = await folder.read(join(place.top, configPath));
    if (!config || !managerRunsShipready(m.manager, hook, config.text)) {
      return {
        hook,
        state: "needs-line",
        path,
        manager: m.manager,
        fix: `${m.manager} runs this clone's hooks: add to ${configPath}\n${renderManagerLines(m.manager, hook)}`,
      };
    }
    if (file?.executable) return { hook, state: "delegated", path, manager: m.manager };
    return {
      hook,
      state: "manager-not-installed",
      path,
      manager: m.manager,
      fix: `${configPath} runs shipready, but ${m.manager}'s ${hook} hook is not installed in this clone: run \`${managerInstallCommand(m.manager, hook)}\``,
    };
  }
  if (file && author?.by === "someone-else") {
    if (author.runsShipready && file.executable) return { hook, state: "delegated", path };
    return {
      hook,
      state: "foreign",
      path,
      fix: `${path} was not written by shipready and is left as it is: add \`${hook === "pre-push" ? "npx --no shipready preflight" : 'npx --no shipready lint-commits --message-file "$1"'}\` to it${author.runsShipready ? " (it runs shipready but is not executable: chmod +x it)" : ""}`,
    };
  }
  if (file) {
    return {
      hook,
      state: "foreign",
      path,
      fix: `${path} belongs to ${author!.by}, whose config is not in this clone: add shipready to ${author!.by}'s config, or remove the file and run \`shipready hooks install\``,
    };
  }
  return { hook, state: "missing", path, fix: "run `shipready hooks install`" };
}
