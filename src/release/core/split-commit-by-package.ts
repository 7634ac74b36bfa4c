/** The root package's path in release-please-config.json. */
export const ROOT_PACKAGE = ".";

/** A package as the split sees it: its folder, and the folders whose commits do not count for it. */
export interface PackagePaths {
  path: string;
  excludePaths: readonly string[];
}

/**
 * The packages a commit belongs to, by the files it changed, as release-please splits commits: each
 * file goes to the package with the longest folder holding it (files at the top level go to none);
 * a commit that changed no file goes to every package; the root package "." gets every commit. Then
 * a package with exclude-paths drops a commit whose files in it all lie under those paths.
 */
export function splitCommitByPackage(files: readonly string[], packages: readonly PackagePaths[]): string[] {
  const folders = packages
    .filter((p) => p.path !== ROOT_PACKAGE)
    .map((p) => normalize(p.path))
    .sort((a, b) => b.length - a.length);
  const owners = new Set<string>();
  if (files.length === 0) for (const folder of folders) owners.add(folder);
  for (const file of files) {
    if (!file.includes("/")) continue;
    const owner = folders.find((folder) => file.startsWith(`${folder}/`));
    if (owner !== undefined) owners.add(owner);
  }
  return packages
    .filter((p) => p.path === ROOT_PACKAGE || owners.has(normalize(p.path)))
    .filter((p) => keeps(files, p))
    .map((p) => p.path);
}

function keeps(files: readonly string[], pkg: PackagePaths): boolean {
  if (pkg.excludePaths.length === 0) return true;
  const excluded = pkg.excludePaths.map(normalize);
  const relevant = files.filter((file) => isUnder(file, normalize(pkg.path)));
  return !relevant.every((file) => excluded.some((path) => isUnder(file, path)));
}

function isUnder(file: string, path: string): boolean {
  return path === ROOT_PACKAGE || file.startsWith(`${path}/`);
}

/** Without leading or trailing slashes, as release-please compares paths. */
function normalize(path: string): string {
  return path.replace(/\/$/, "").replace(/^\//, "");
}
