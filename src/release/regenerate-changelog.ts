import semver from "semver";
import { loadConfig } from "../config/load-config.js";
import { UsageError } from "../errors.js";
import { planRelease, type PlanPorts } from "./plan-release.js";
import type { VersionTag } from "./ports.js";

export interface RegenerateOptions {
  cwd: string;
  config?: string;
}

export interface RegeneratePorts extends PlanPorts {
  /** The tags that carry a version through the pattern, in any order. */
  versionTags(dir: string, pattern: string): Promise<VersionTag[]>;
}

/**
 * A whole CHANGELOG.md from history, as git-cliff regenerates one: the title, then one section per
 * version tag, newest first, each of the commits since the tag before it (the oldest of the whole
 * history before it) and dated by its newest commit. Yielded a section at a time, each read with its
 * own pass over its range, so memory holds one section however long the history.
 */
export async function* regenerateChangelog(
  options: RegenerateOptions,
  ports: RegeneratePorts,
): AsyncGenerator<string> {
  const top = await ports.git.topLevel(options.cwd);
  if (top === null) {
    throw new UsageError(
      `${options.cwd} is not inside a git repository`,
      "Run shipready in the repository whose history the changelog describes.",
    );
  }
  const common = { cwd: options.cwd, ...(options.config ? { config: options.config } : {}) };
  const { config } = await loadConfig({ ...common, near: options.cwd }, ports);
  const tags = (await ports.versionTags(top, config.release.tagPattern)).sort((a, b) =>
    semver.rcompare(a.version, b.version),
  );
  if (tags.length === 0) {
    throw new UsageError(
      `no tag fits the tag pattern ${config.release.tagPattern}, so there is no release to write a section for`,
      "Tag the releases (v1.2.3), or set release.tagPattern in shipready.yml to the form the tags have.",
    );
  }
  yield "# Changelog\n";
  for (let i = 0; i < tags.length; i++) {
    const previous = tags[i + 1]?.name ?? null;
    const plan = await planRelease(
      { ...common, from: previous, to: tags[i]!.name, keepEntries: false, dateFromCommit: true },
      ports,
    );
    yield `\n${plan.markdown}`;
  }
}
