import { join } from "node:path";
import type { Files } from "../ports.js";
import { planKit } from "./core/plan-kit.js";
import { ECOSYSTEM_MANIFESTS, type DependabotEcosystem } from "./core/render-dependabot-config.js";
import { renderCodeowners, suggestCodeowners } from "./core/suggest-codeowners.js";
import type { AuthorHistory } from "./ports.js";

/** How many recent commits the CODEOWNERS suggestion reads, and how many owners it names per folder. */
const COMMITS_READ = 500;
const OWNERS_PER_FOLDER = 2;

/** What `init --kit` did: the files it wrote, and those it kept (with the path that was already there). */
export interface KitReport {
  written: string[];
  kept: { path: string; existing: string }[];
  /** Authors whose GitHub handle must be filled in CODEOWNERS (when it was written). */
  unknownHandles: number;
}

/**
 * Writes the files of the repository kit that the repository does not have yet, and keeps every one
 * it has (in any of the places GitHub reads it from): never overwriting.
 */
export async function writeKit(
  dir: string,
  ports: { files: Files; history: AuthorHistory },
): Promise<KitReport> {
  const changes = await ports.history.recentChanges(dir, COMMITS_READ);
  const suggestions = suggestCodeowners(changes, OWNERS_PER_FOLDER);
  const folders = suggestions.filter((s) => s.pattern !== "*").map((s) => s.pattern.slice(1, -1));
  const ecosystems: DependabotEcosystem[] = [];
  for (const [manifest, ecosystem] of ECOSYSTEM_MANIFESTS) {
    if (await ports.files.exists(join(dir, manifest))) ecosystems.push(ecosystem);
  }
  const plan = planKit({ folders, ecosystems, codeowners: renderCodeowners(suggestions, changes.length) });
  const report: KitReport = { written: [], kept: [], unknownHandles: 0 };
  for (const file of plan) {
    let existing: string | null = null;
    for (const path of [file.path, ...file.alsoAt]) {
      if (await ports.files.exists(join(dir, path))) {
        existing = path;
        break;
      }
    }
    if (existing !== null) {
      report.kept.push({ path: file.path, existing });
      continue;
    }
    await ports.files.writeAtomic(join(dir, file.path), file.text);
    report.written.push(file.path);
    if (file.path === ".github/CODEOWNERS") {
      report.unknownHandles = new Set(
        suggestions.flatMap((s) =>
          s.authors.filter((a) => a.handle === null).map((a) => a.email.toLowerCase()),
        ),
      ).size;
    }
  }
  return report;
}
