import { UsageError } from "../errors.js";
import type { Clock, Files, Git } from "../ports.js";
import { parseRemote } from "../shared/parse-remote.js";
import type { ReleasePleasePackage } from "./core/parse-release-please-config.js";
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
  checkPackageNamed(
    plans.map((p) => p.pkg),
    options.only,
  );
  return plans.filter((p) => isPackageNamed(p.pkg, options.only!));
}

/** Whether `name` (as --package takes it) names the package: its path or its component. */
export function isPackageNamed(pkg: ReleasePleasePackage, name: string): boolean {
  return pkg.path === name.replace(/\/+$/, "") || pkg.component === name;
}

/** Stops with the packages there are when `name` names none of them. */
export function checkPackageNamed(packages: ReleasePleasePackage[], name: string): void {
  if (packages.some((pkg) => isPackageNamed(pkg, name))) return;
  throw new UsageError(
    `--package ${name} is not a package of release-please-config.json.`,
    `Name one by its path or component: ${packages.map((pkg) => (pkg.component ? `${pkg.path} (${pkg.component})` : pkg.path)).join(", ")}.`,
  );
}
