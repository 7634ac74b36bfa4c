import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./repo-paths.js";
import { makeTempDir } from "./temp-dir.js";

const run = promisify(execFile);

/** The generator of synthetic conventional-commit histories, shared with the benchmarks. */
export const makeHistoryScript = join(repoRoot, "test", "fixtures", "bench", "make-history.mjs");

/** make-history.mjs options; each becomes its kebab-case flag (tagEvery -> --tag-every). */
export interface HistoryOptions {
  commits: number;
  seed?: number;
  tagEvery?: number;
  tailMin?: number;
  breakingPct?: number;
  majorReleasePct?: number;
  nonconvPct?: number;
  mergePct?: number;
  revertPct?: number;
  annotated?: boolean;
  gc?: boolean;
  checkout?: boolean;
}

/** The part of the generator's ground-truth manifest that tests read. */
export interface HistoryManifest {
  commits: number;
  reachableCommits: number;
  head: string;
  tags: { tag: string; commitIndex: number; rangeCommits: number; bump: string }[];
  tail: {
    fromTag: string | null;
    commits: number;
    hasFeat: boolean;
    hasBreaking: boolean;
    expectedBump: string;
    expectedNextVersion: string;
  };
  categories: Record<string, number>;
  types: Record<string, number>;
  breaking: number;
}

/** Generates a history into a temp folder removed when the test file finishes; returns it with its manifest. */
export async function makeHistory(
  options: HistoryOptions,
): Promise<{ repo: string; manifest: HistoryManifest }> {
  const repo = join(makeTempDir("shipready-history-"), "repo");
  const args = [makeHistoryScript, "--out", repo];
  for (const [key, value] of Object.entries(options)) {
    const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    // The generator's switches: --annotated turns one on, --no-gc and --no-checkout turn the others off.
    if (typeof value !== "boolean") args.push(`--${flag}`, String(value));
    else if (key === "annotated") {
      if (value) args.push("--annotated");
    } else if (!value) args.push(`--no-${flag}`);
  }
  await run(process.execPath, args);
  const manifest = JSON.parse(await readFile(`${repo}.manifest.json`, "utf8")) as HistoryManifest;
  return { repo, manifest };
}
