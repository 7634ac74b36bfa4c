import { parseConfig } from "../config/parse-config.js";
import { CONFIG_FILE_NAMES, SEED_CATEGORIES } from "../config/defaults.js";
import { defaultConfig } from "../config/default-config.js";
import { ShipreadyError } from "../errors.js";
import { evaluateChecklist, prepareChecklist } from "../readiness/core/evaluate-checklist.js";
import type { GitHubFeeds } from "./github-feeds.js";
import type { ReadinessSnapshot } from "./types.js";

/** Where a repository's files are pretended to lie, so that the config's paths resolve inside it. */
const ROOT = "/repository";

/** A checklist at the top of the repository, when shipready.yml names none: as `shipready score` finds one in its folder. */
const CHECKLIST_NAME = /(checklist|readiness).*\.md$/i;

/**
 * A repository's readiness on its default branch, read through GitHub at the commit the branch
 * points at: its shipready.yml (any of the names shipready looks for, at the top), the checklist
 * that names (else a *checklist*.md or *readiness*.md at the top), scored from the statuses written
 * in it, which the repository's own CI keeps true. The snapshot names that commit and links to the
 * checklist there (`webUrl` is the repository's page). A string says why there is none.
 */
export async function readRemoteReadiness(
  feeds: GitHubFeeds,
  repo: string,
  branch: string,
  webUrl: string,
  now: string,
): Promise<ReadinessSnapshot | string> {
  const found = await feeds.topFiles(repo, branch);
  if (found === null) return `${branch} has no files`;
  const { commit, files: top } = found;
  const configName = CONFIG_FILE_NAMES.find((name) => top.includes(name)) ?? null;
  const configText = configName === null ? null : await feeds.file(repo, configName, commit);
  let config = defaultConfig(ROOT);
  if (configText !== null) {
    try {
      config = parseConfig(configText, `${ROOT}/${configName}`, configName!).config;
    } catch (error) {
      if (error instanceof ShipreadyError)
        return `its ${configName} on ${branch} is not valid (${error.message})`;
      throw error;
    }
  }
  const candidates =
    config.checklist !== null
      ? [config.checklist.slice(ROOT.length + 1)]
      : top.filter((name) => CHECKLIST_NAME.test(name)).sort();
  for (const path of candidates) {
    const text = await feeds.file(repo, path, commit);
    if (text === null) continue;
    try {
      const context = {
        config,
        label: path,
        configLabel: configText === null ? null : configName,
        seedCategories: SEED_CATEGORIES,
      };
      const evaluated = evaluateChecklist(prepareChecklist(text, context), {
        context,
        results: null,
        now,
        configWarnings: [],
      });
      const gates: Record<string, number> = {};
      for (const category of evaluated.readiness.categories) {
        for (const gate of category.gates) gates[gate.outcome] = (gates[gate.outcome] ?? 0) + 1;
      }
      return {
        repo,
        at: now,
        commit,
        checklist: path,
        score: evaluated.readiness.score,
        band: evaluated.readiness.band.name,
        verdict: evaluated.readiness.ready ? "ready" : "not-ready",
        gates,
        url: `${webUrl}/blob/${commit}/${path.split("/").map(encodeURIComponent).join("/")}`,
      };
    } catch (error) {
      if (error instanceof ShipreadyError) return `its checklist ${path} cannot be scored (${error.message})`;
      throw error;
    }
  }
  return configText !== null && config.checklist !== null
    ? `${configName} names ${candidates[0]}, which is not on ${branch}`
    : `no checklist at the top of ${branch} and none named by checklist: in shipready.yml`;
}
