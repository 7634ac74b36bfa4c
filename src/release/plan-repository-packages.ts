import { UsageError } from "../errors.js";
import type { Clock, Files, Git } from "../ports.js";
import { parseRemote } from "../shared/parse-remote.js";
import { planPackageReleases, type PackagePlan } from "./plan-package-releases.js";
import type { GitHistory, PackageHistory } from "./ports.js";
import { readReleasePleaseSetup } from "./read-release-please-setup.js";

/**
 * The next release of each package of a release-please repository (read-only), for `version` and
 * `changelog`; null when the repository has no release-please-config.json. `only` keeps the package
 * of that path or component.
 */
export async function planRepositoryPackages(
  options: { cwd: string; to?: string; only?: string },
  ports: { files: Files; git: Git; clock: Clock; history: GitHistory; packageHistory: PackageHistory },
): Promise<PackagePlan[] | null> {
  const top = await ports.git.topLevel(options.cwd);
  if (top === null) return null;
  const setup = await readReleasePleaseSetup(top, ports);
  if (setup === null) return null;
  const remote = await ports.git.remoteUrl(top);
  const parsed = remote === null ? null : parseRemote(remote);
  const plans = await planPackageReleases(
    top,
    setup,
    options.to ?? "HEAD",
    {
      repoUrl: parsed ? `https://${parsed.host}/${parsed.repo}` : null,
      date: ports.clock.now().toISOString().slice(0, 10),
      listOthers: false,
    },
    ports,
  );
  if (options.only === undefined) return plans;
  const chosen = plans.filter((p) => p.pkg.path === options.only || p.pkg.component === options.only);
  if (chosen.length === 0) {
    throw new UsageError(
      `--package ${options.only} is not a package of release-please-config.json.`,
      `Name one by its path or component: ${plans.map((p) => (p.pkg.component ? `${p.pkg.path} (${p.pkg.component})` : p.pkg.path)).join(", ")}.`,
    );
  }
  return chosen;
}
