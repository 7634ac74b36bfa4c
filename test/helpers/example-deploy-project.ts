import { readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initRepo } from "./git-repo.js";
import { repoRoot } from "./repo-paths.js";

/**
 * examples/deploy as a project of its own, in `dir`: its files linked into a new git repository (the
 * deploy records and locks land there, not in the example), its shipready.yml pointed at a running
 * example service and Prometheus, with validation windows of `windowSeconds`; `edit` changes the
 * config text further. Returns the config's path.
 */
export function makeExampleDeployProject(
  dir: string,
  urls: { service: string; prometheus: string },
  windowSeconds: number,
  edit: (config: string) => string = (config) => config,
): string {
  const example = join(repoRoot, "examples", "deploy");
  for (const name of readdirSync(example)) {
    if (name !== "shipready.yml" && name !== "state" && name !== ".shipready") {
      symlinkSync(join(example, name), join(dir, name));
    }
  }
  // For the example's compatibility check (import('prom-client') from its folder).
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  const config = readFileSync(join(example, "shipready.yml"), "utf8")
    .replaceAll("http://127.0.0.1:8000", urls.service)
    .replaceAll("http://127.0.0.1:9090", urls.prometheus)
    .replace(
      /(- name: (?:service|data|config)_metrics\n\s+threshold: [\d.]+\n\s+window: )\d+/g,
      `$1${windowSeconds}`,
    );
  const file = join(dir, "shipready.yml");
  writeFileSync(file, edit(config));
  writeFileSync(join(dir, ".gitignore"), ".shipready/\nnode_modules\n");
  initRepo(dir);
  return file;
}
